package dev.medley.core;

import java.time.Duration;

/**
 * Pauses the calling thread; injected wherever the engine waits on purpose (backoff, rate limits),
 * so tests can advance a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps with {@link Thread#sleep(Duration)}; zero and negative durations return at once. */
    Sleeper SYSTEM = duration -> {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    };

    /** Sleeps for {@code duration}, or returns at once when it is zero or negative. */
    void sleep(Duration duration) throws InterruptedException;
}
