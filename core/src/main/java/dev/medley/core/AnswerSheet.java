package dev.medley.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/** Matches a batch function's answers to its requests, so that a sloppy function fails only the items it got wrong. */
final class AnswerSheet {

    private AnswerSheet() {}

    /**
     * Returns one answer per id, in the order of {@code ids}: the function's own when it answered the
     * id exactly once, otherwise a failure saying what went wrong. Answers for ids not in the batch
     * go to {@code unknown}.
     *
     * @param ids ascending request ids of one batch
     */
    static <O> List<BatchAnswer<O>> reconcile(long[] ids, List<? extends BatchAnswer<O>> answers, LongConsumer unknown) {
        int[] counts = new int[ids.length];
        List<BatchAnswer<O>> chosen = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            chosen.add(null);
        }
        if (answers != null) {
            for (BatchAnswer<O> answer : answers) {
                if (answer == null) {
                    continue;
                }
                int at = Arrays.binarySearch(ids, answer.id());
                if (at < 0) {
                    unknown.accept(answer.id());
                } else if (counts[at]++ == 0) {
                    chosen.set(at, answer);
                }
            }
        }
        for (int i = 0; i < ids.length; i++) {
            if (counts[i] == 0) {
                chosen.set(i, BatchAnswer.failed(ids[i],
                        new IllegalStateException("batch function gave no answer for item " + ids[i])));
            } else if (counts[i] > 1) {
                chosen.set(i, BatchAnswer.failed(ids[i], new IllegalStateException(
                        "batch function answered " + counts[i] + " times for item " + ids[i])));
            }
        }
        return chosen;
    }
}
