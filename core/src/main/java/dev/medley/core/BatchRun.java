package dev.medley.core;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Coordinates one {@link BatchRunner#run}: pulls items, starts workers, and puts results back in
 * input order. All its state belongs to the calling thread; workers talk to it only through the
 * event queue.
 */
final class BatchRun<I, O> {

    private sealed interface Event {}

    private record Retry(long index, int attempt, Throwable cause, Duration backoff) implements Event {}

    private record Done(ItemResult<?, ?> result) implements Event {}

    private final String stage;
    private final int workers;
    private final int window;
    private final Iterator<? extends I> items;
    private final Attempts<I, O> attempts;
    private final Consumer<? super ItemResult<I, O>> inOrder;
    private final Runnable beforeWaiting;
    private final BatchListener listener;
    private final StatsRecorder stats;
    private final ThreadFactory threads;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    // Ring buffers indexed by item index modulo window: finished results waiting for their turn, running workers.
    private final Object[] finished;
    private final Thread[] running;

    private long nextIndex;
    private long nextToEmit;
    private int runningCount;
    private boolean exhausted;
    private Throwable sourceFailure;
    private Throwable sinkFailure;
    private LinkageError linkFailure;
    private boolean interrupted;

    BatchRun(BatchRunner<I, O> runner, Iterator<? extends I> items, Attempts<I, O> attempts,
            Consumer<? super ItemResult<I, O>> inOrder) {
        this.stage = runner.stage();
        this.workers = runner.workers();
        this.window = runner.window();
        this.items = items;
        this.attempts = attempts;
        this.inOrder = inOrder;
        this.beforeWaiting = runner.beforeWaiting();
        this.listener = runner.listener();
        this.stats = new StatsRecorder(stage, runner.ticker());
        this.threads = Thread.ofVirtual().name(stage + "-", 0).factory();
        this.finished = new Object[window];
        this.running = new Thread[window];
    }

    RunStats execute() {
        listener.onStart(stage);
        RunStats result = null;
        try {
            fill();
            while (runningCount > 0) {
                handle(take());
                emitReady();
            }
        } finally {
            result = stats.snapshot();
            listener.onFinish(result);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("run of stage '" + stage + "' was interrupted");
        }
        rethrow(linkFailure);
        rethrow(sinkFailure);
        rethrow(sourceFailure);
        return result;
    }

    private boolean mayPull() {
        return !exhausted && sourceFailure == null && sinkFailure == null && linkFailure == null && !interrupted;
    }

    // Starts items while a worker is free and the reorder window has room.
    private void fill() {
        while (mayPull() && runningCount < workers && nextIndex < nextToEmit + window) {
            I item;
            try {
                if (!items.hasNext()) {
                    exhausted = true;
                    listener.onTotalKnown(stage, nextIndex);
                    return;
                }
                item = items.next();
            } catch (Throwable t) {
                sourceFailure = t;
                return;
            }
            start(nextIndex++, item);
        }
    }

    private void start(long index, I item) {
        listener.onItemStarted(stage, index);
        Thread worker = threads.newThread(() -> work(index, item));
        running[slot(index)] = worker;
        runningCount++;
        worker.start();
    }

    private void work(long index, I item) {
        ItemResult<I, O> result;
        try {
            result = attempts.run(index, item, (i, attempt, cause, backoff) ->
                    events.add(new Retry(i, attempt, cause, backoff)));
        } catch (Throwable t) {
            result = new ItemResult.Failed<>(index, item, Failures.reason(t), t, 1, Duration.ZERO);
        }
        events.add(new Done(result));
    }

    private Event take() {
        Event ready = events.poll();
        if (ready != null) {
            return ready;
        }
        if (sinkFailure == null) {
            try {
                beforeWaiting.run();
            } catch (Throwable t) {
                sinkFailure = t;
            }
        }
        while (true) {
            try {
                return events.take();
            } catch (InterruptedException e) {
                // Cancel once; then keep collecting the results the interrupted workers still owe.
                if (!interrupted) {
                    interrupted = true;
                    for (Thread worker : running) {
                        if (worker != null) {
                            worker.interrupt();
                        }
                    }
                }
            }
        }
    }

    private void handle(Event event) {
        switch (event) {
            case Retry r -> listener.onRetry(stage, r.index(), r.attempt(), r.cause(), r.backoff());
            case Done d -> {
                ItemResult<?, ?> result = d.result();
                int slot = slot(result.index());
                running[slot] = null;
                runningCount--;
                // A native library or class that cannot load (loaded at the first item that needs it)
                // would fail every item alike: that stops the run, as it would have at start-up.
                if (result instanceof ItemResult.Failed<?, ?> failed && failed.cause() instanceof LinkageError broken
                        && linkFailure == null) {
                    linkFailure = broken;
                }
                listener.onItemDone(stage, result);
                stats.record(result);
                finished[slot] = result;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void emitReady() {
        while (sinkFailure == null) {
            int slot = slot(nextToEmit);
            ItemResult<I, O> result = (ItemResult<I, O>) finished[slot];
            if (result == null || result.index() != nextToEmit) {
                break;
            }
            finished[slot] = null;
            nextToEmit++;
            try {
                inOrder.accept(result);
            } catch (Throwable t) {
                sinkFailure = t;
            }
            fill();
        }
        fill();
    }

    private int slot(long index) {
        return (int) (index % window);
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
