package dev.medley.core;

/**
 * Processes one item of a batch.
 *
 * <p>Throw {@link SkipItem} to mark the item skipped, {@link RetryableException} (or another
 * exception the {@link RetryPolicy} accepts) to ask for another attempt; any other exception marks
 * the item failed. Tasks may run concurrently on virtual threads and should honour interruption,
 * which is how a timed-out attempt is cancelled.
 *
 * @param <I> item type
 * @param <O> result type
 */
@FunctionalInterface
public interface Task<I, O> {

    /** Returns the result for {@code item}. */
    O apply(I item) throws Exception;
}
