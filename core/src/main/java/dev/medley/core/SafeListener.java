package dev.medley.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Forwards events to listeners, so that one listener's exception reaches neither the run nor the others. */
final class SafeListener implements BatchListener {

    private static final System.Logger LOG = System.getLogger(SafeListener.class.getName());

    private final List<BatchListener> targets;
    private final AtomicBoolean warned = new AtomicBoolean();

    SafeListener(List<BatchListener> targets) {
        this.targets = List.copyOf(targets);
    }

    static BatchListener wrap(BatchListener listener) {
        return listener instanceof SafeListener ? listener : new SafeListener(List.of(listener));
    }

    @Override
    public void onStart(String stage) {
        each(l -> l.onStart(stage));
    }

    @Override
    public void onItemStarted(String stage, long index) {
        each(l -> l.onItemStarted(stage, index));
    }

    @Override
    public void onRetry(String stage, long index, int attempt, Throwable cause, Duration backoff) {
        each(l -> l.onRetry(stage, index, attempt, cause, backoff));
    }

    @Override
    public void onItemDone(String stage, ItemResult<?, ?> result) {
        each(l -> l.onItemDone(stage, result));
    }

    @Override
    public void onTotalKnown(String stage, long total) {
        each(l -> l.onTotalKnown(stage, total));
    }

    @Override
    public void onFinish(RunStats stats) {
        each(l -> l.onFinish(stats));
    }

    private void each(Consumer<BatchListener> event) {
        for (BatchListener target : targets) {
            try {
                event.accept(target);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                // Once is enough to find the bug; a listener failing per item would flood the log.
                if (warned.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "batch listener " + target.getClass().getName() + " threw; ignoring it", t);
                }
            }
        }
    }
}
