package dev.medley.core;

import java.time.Duration;
import java.util.List;

/**
 * Observes a {@link BatchRunner} run, for progress displays and metrics.
 *
 * <p>Events of one run arrive in this order: {@link #onStart} once; then per item
 * {@link #onItemStarted} (in input order), zero or more {@link #onRetry}, and one
 * {@link #onItemDone} (in completion order, before the result reaches the in-order consumer); items
 * interleave. {@link #onTotalKnown} comes at most once, when the input runs out: after the last
 * {@link #onItemStarted}, among the last items' other events. {@link #onFinish} comes last, exactly
 * once, also when the run ends with an exception.
 *
 * <p>All events of a run are delivered one at a time on the thread that called
 * {@link BatchRunner#run}, so implementations need no locking for a single run; they must be fast,
 * since the run dispatches no new items while a listener works. A listener that throws is logged and
 * otherwise ignored; it cannot break a run.
 */
public interface BatchListener {

    /** Ignores every event. */
    BatchListener NONE = new BatchListener() {};

    /** Receives the start of a run. */
    default void onStart(String stage) {}

    /** Receives the hand-over of item {@code index} to a worker. */
    default void onItemStarted(String stage, long index) {}

    /** Receives a failed {@code attempt} (1-based) that will be retried after {@code backoff}. */
    default void onRetry(String stage, long index, int attempt, Throwable cause, Duration backoff) {}

    /** Receives the final result of an item. */
    default void onItemDone(String stage, ItemResult<?, ?> result) {}

    /**
     * Receives the number of items in the run, known once the input is exhausted; inputs read lazily
     * (a folder walk) do not know it before. Not sent when the input fails or the run stops early.
     */
    default void onTotalKnown(String stage, long total) {}

    /** Receives the statistics of the finished run. */
    default void onFinish(RunStats stats) {}

    /** Combines listeners; each receives every event even when another throws. */
    static BatchListener all(BatchListener... listeners) {
        for (BatchListener listener : listeners) {
            Check.notNull(listener, "listener");
        }
        return new SafeListener(List.of(listeners));
    }
}
