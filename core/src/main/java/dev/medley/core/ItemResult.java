package dev.medley.core;

import java.time.Duration;

/**
 * Answers one item of a batch: it succeeded, failed or was skipped.
 *
 * <p>{@code index} is the item's 0-based position in the input; {@code latency} runs from the
 * item's start to its result, including retries, backoff and rate-limit waits.
 *
 * @param <I> item type
 * @param <O> result type
 */
public sealed interface ItemResult<I, O> {

    /** Returns the item's 0-based position in the input. */
    long index();

    /** Returns the item itself. */
    I item();

    /** Returns the time from the item's start to this result. */
    Duration latency();

    /** Reports a success after {@code attempts} attempts. */
    record Ok<I, O>(long index, I item, O value, int attempts, Duration latency) implements ItemResult<I, O> {}

    /**
     * Reports a failure after {@code attempts} attempts; {@code reason} is a short human message
     * such as "timed out after 30s", {@code cause} the last attempt's exception.
     */
    record Failed<I, O>(long index, I item, String reason, Throwable cause, int attempts, Duration latency)
            implements ItemResult<I, O> {}

    /** Reports an item the task chose to skip, with the reason it gave. */
    record Skipped<I, O>(long index, I item, String reason, Duration latency) implements ItemResult<I, O> {}
}
