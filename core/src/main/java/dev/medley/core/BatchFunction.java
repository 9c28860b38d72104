package dev.medley.core;

import java.util.List;

/**
 * Processes a batch of items at once, such as one call to a model with many inputs.
 *
 * <p>Answer every request exactly once, in any order. A request left unanswered or answered twice
 * fails alone; an answer with an unknown id is ignored. Throwing fails every item of the batch.
 */
@FunctionalInterface
public interface BatchFunction<I, O> {

    /** Returns one answer per request. */
    List<BatchAnswer<O>> apply(List<BatchRequest<I>> batch) throws Exception;
}
