package dev.medley.core;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Fails an item that waited in the queue longer than its limit; it never reached the batch function. */
public final class QueueTimeoutException extends TimeoutException {
    public QueueTimeoutException(Duration limit) {
        super("waited in the queue longer than " + Durations.format(limit));
    }
}
