package dev.medley.core;

import java.util.concurrent.RejectedExecutionException;

/** Refuses an item because the queue holds as many as it may; the caller may try again shortly. */
public final class QueueFullException extends RejectedExecutionException {
    public QueueFullException(int capacity) {
        super("the queue is full (" + capacity + " items waiting)");
    }
}
