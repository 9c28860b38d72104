package dev.medley.core;

import java.time.Duration;

/** Says what {@link MicroBatcher#submit} does when the queue is full. */
public sealed interface Overflow {

    /** Blocks the submitting thread until there is room; submissions are admitted in order. */
    static Overflow block() {
        return new Block();
    }

    /** Returns at once a future failed with {@link java.util.concurrent.RejectedExecutionException}. */
    static Overflow reject() {
        return new Reject();
    }

    /**
     * Blocks the submitting thread up to {@code timeout}; if there is still no room, returns a
     * future failed with {@link java.util.concurrent.TimeoutException}.
     */
    static Overflow failAfter(Duration timeout) {
        return new FailAfter(timeout);
    }

    /** Waits for room as long as it takes. */
    record Block() implements Overflow {}

    /** Fails at once. */
    record Reject() implements Overflow {}

    /** Waits for room up to {@code timeout}, which must be positive. */
    record FailAfter(Duration timeout) implements Overflow {

        /** Validates the timeout. */
        public FailAfter {
            Check.positive(timeout, "timeout");
        }
    }
}
