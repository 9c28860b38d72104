package dev.medley.core;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Calls a batch function once and turns whatever it did into exactly one answer per request.
 *
 * @param answers one answer per request, in request order
 * @param thrown  what the function threw, or null; every answer is then a failure with it
 */
record BatchCall<O>(List<BatchAnswer<O>> answers, Throwable thrown) {

    private static final System.Logger LOG = System.getLogger(MicroBatcher.class.getName());

    /** Calls {@code function} with the requests {@code ids} and {@code items}; never throws. */
    static <I, O> BatchCall<O> call(BatchFunction<I, O> function, long[] ids, List<I> items,
            MicroBatcher.Listener listener) {
        List<BatchRequest<I>> requests = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            requests.add(new BatchRequest<>(ids[i], items.get(i)));
        }
        try {
            List<BatchAnswer<O>> given = function.apply(Collections.unmodifiableList(requests));
            return new BatchCall<>(AnswerSheet.reconcile(ids, given,
                    id -> safely(() -> listener.onUnknownAnswer(id))), null);
        } catch (Throwable t) {
            List<BatchAnswer<O>> failed = new ArrayList<>(ids.length);
            for (long id : ids) {
                failed.add(BatchAnswer.failed(id, t));
            }
            return new BatchCall<>(failed, t);
        }
    }

    /** Runs a listener event, logging instead of throwing. */
    static void safely(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "micro-batcher listener threw; ignoring it", e);
        }
    }
}
