package dev.medley.core;

/**
 * Reads a monotonic clock in nanoseconds; only differences between readings mean anything.
 *
 * <p>Injected wherever the engine measures time, so tests can drive time by hand.
 */
@FunctionalInterface
public interface Ticker {

    /** Reads {@link System#nanoTime()}. */
    Ticker SYSTEM = System::nanoTime;

    /** Returns the current reading in nanoseconds. */
    long read();
}
