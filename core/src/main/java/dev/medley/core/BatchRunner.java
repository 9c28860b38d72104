package dev.medley.core;

import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a {@link Task} over a stream of items with bounded parallelism, retries, per-attempt
 * timeouts and rate limits, answering every item exactly once and in input order.
 *
 * <pre>{@code
 * BatchRunner<Path, Probe> runner = BatchRunner.<Path, Probe>builder("probe")
 *         .workers(8).timeout(Duration.ofSeconds(30)).retry(RetryPolicy.DEFAULT).build();
 * RunStats stats = runner.run(files.iterator(), prober::probe, result -> catalog.save(result));
 * }</pre>
 *
 * <p>Each item runs on its own virtual thread; at most {@code workers} run at once. Items are pulled
 * from the iterator only as workers free up, and at most {@link #window()} items are pulled but not
 * yet handed to the in-order consumer, so memory stays flat however long the input. A runner holds
 * only configuration: it may run many times, also concurrently (a shared {@link RateLimiter} then
 * limits all runs together).
 *
 * @param <I> item type
 * @param <O> result type
 */
public final class BatchRunner<I, O> {

    private final String stage;
    private final int workers;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final RateLimiter rateLimiter;
    private final BatchListener listener;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final Runnable beforeWaiting;

    private BatchRunner(Builder<I, O> b) {
        stage = b.stage;
        workers = b.workers == null ? defaultWorkers() : b.workers;
        timeout = b.timeout;
        retry = b.retry == null ? RetryPolicy.NONE : b.retry;
        rateLimiter = b.rateLimiter == null ? RateLimiter.UNLIMITED : b.rateLimiter;
        listener = SafeListener.wrap(b.listener == null ? BatchListener.NONE : b.listener);
        ticker = b.ticker == null ? Ticker.SYSTEM : b.ticker;
        sleeper = b.sleeper == null ? Sleeper.SYSTEM : b.sleeper;
        beforeWaiting = b.beforeWaiting == null ? () -> {} : b.beforeWaiting;
    }

    /** Starts configuring a runner for the stage named {@code stageName}, such as "probe". */
    public static <I, O> Builder<I, O> builder(String stageName) {
        return new Builder<>(Check.notBlank(stageName, "stageName"));
    }

    /** Returns the number of available processors, at least 1. */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code task} over every item and blocks until each one is answered.
     *
     * <p>A task's exception never stops the run: it becomes {@link ItemResult.Failed}, after retries
     * when the {@link RetryPolicy} accepts it. {@code inOrder} receives the results strictly in input
     * order, one at a time, on the calling thread. If the iterator or {@code inOrder} throws, no
     * further items are pulled; the items already running finish (and, after an iterator failure,
     * still reach {@code inOrder}), then the exception propagates. If the calling thread is
     * interrupted, running items are interrupted and end as failures, then a
     * {@link java.util.concurrent.CancellationException} is thrown with the interrupt status set.
     *
     * @return the run's statistics, as also given to {@link BatchListener#onFinish}
     */
    public RunStats run(Iterator<? extends I> items, Task<I, O> task, Consumer<? super ItemResult<I, O>> inOrder) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(inOrder, "inOrder");
        Attempts<I, O> attempts = new Attempts<>(stage, task, retry, timeout, rateLimiter, ticker, sleeper);
        return new BatchRun<>(this, items, attempts, inOrder).execute();
    }

    /** Returns the stage name. */
    public String stage() {
        return stage;
    }

    /** Returns the most items that run at once. */
    public int workers() {
        return workers;
    }

    /** Returns the most items pulled from the input but not yet handed to the in-order consumer. */
    public int window() {
        return Math.max(64, 4 * workers);
    }

    BatchListener listener() {
        return listener;
    }

    Ticker ticker() {
        return ticker;
    }

    Runnable beforeWaiting() {
        return beforeWaiting;
    }

    /** Configures a {@link BatchRunner}; each setter may be called once. */
    public static final class Builder<I, O> {

        private final String stage;
        private Integer workers;
        private Duration timeout;
        private RetryPolicy retry;
        private RateLimiter rateLimiter;
        private BatchListener listener;
        private Ticker ticker;
        private Sleeper sleeper;
        private Runnable beforeWaiting;

        private Builder(String stage) {
            this.stage = stage;
        }

        /** Sets how many items run at once; default {@link #defaultWorkers()}. */
        public Builder<I, O> workers(int workers) {
            Check.unset(this.workers, "workers");
            this.workers = Check.positive(workers, "workers");
            return this;
        }

        /**
         * Limits each attempt; an attempt past it is interrupted and fails with "timed out after …".
         * Default: no limit.
         */
        public Builder<I, O> timeout(Duration timeout) {
            Check.unset(this.timeout, "timeout");
            this.timeout = Check.positive(timeout, "timeout");
            return this;
        }

        /** Sets the retry policy; default {@link RetryPolicy#NONE}. */
        public Builder<I, O> retry(RetryPolicy retry) {
            Check.unset(this.retry, "retry");
            this.retry = Check.notNull(retry, "retry");
            return this;
        }

        /** Sets a limiter acquired (one request, no tokens) before every attempt; default unlimited. */
        public Builder<I, O> rateLimiter(RateLimiter rateLimiter) {
            Check.unset(this.rateLimiter, "rateLimiter");
            this.rateLimiter = Check.notNull(rateLimiter, "rateLimiter");
            return this;
        }

        /** Sets the listener; combine several with {@link BatchListener#all}. */
        public Builder<I, O> listener(BatchListener listener) {
            Check.unset(this.listener, "listener");
            this.listener = Check.notNull(listener, "listener");
            return this;
        }

        /** Sets the clock for latencies and wall time; default {@link Ticker#SYSTEM}. */
        public Builder<I, O> ticker(Ticker ticker) {
            Check.unset(this.ticker, "ticker");
            this.ticker = Check.notNull(ticker, "ticker");
            return this;
        }

        /** Sets how backoff waits; default {@link Sleeper#SYSTEM}. */
        public Builder<I, O> sleeper(Sleeper sleeper) {
            Check.unset(this.sleeper, "sleeper");
            this.sleeper = Check.notNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Sets what the calling thread does each time it is about to wait for a worker, having no
         * result to hand on: the place to commit what {@code inOrder} has gathered, so nothing is
         * held open while the run waits, yet a busy run is not interrupted for it. It runs on the
         * calling thread; an exception from it is treated as one from {@code inOrder}.
         */
        public Builder<I, O> beforeWaiting(Runnable action) {
            Check.unset(this.beforeWaiting, "beforeWaiting");
            this.beforeWaiting = Check.notNull(action, "beforeWaiting");
            return this;
        }

        /** Returns the runner. */
        public BatchRunner<I, O> build() {
            return new BatchRunner<>(this);
        }
    }
}
