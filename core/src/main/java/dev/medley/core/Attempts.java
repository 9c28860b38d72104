package dev.medley.core;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Takes one item through its attempts: rate limit, task, timeout, retry with backoff. */
final class Attempts<I, O> {

    /** Hears about an attempt that failed and will be retried. */
    interface RetryReport {
        void retrying(long index, int attempt, Throwable cause, Duration backoff);
    }

    private final String stage;
    private final Task<I, O> task;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final RateLimiter rateLimiter;
    private final Ticker ticker;
    private final Sleeper sleeper;

    Attempts(String stage, Task<I, O> task, RetryPolicy retry, Duration timeout, RateLimiter rateLimiter,
            Ticker ticker, Sleeper sleeper) {
        this.stage = stage;
        this.task = task;
        this.retry = retry;
        this.timeout = timeout;
        this.rateLimiter = rateLimiter;
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    /** Returns the item's final result; never throws. */
    ItemResult<I, O> run(long index, I item, RetryReport report) {
        long start = ticker.read();
        for (int attempt = 1; ; attempt++) {
            Throwable failure;
            try {
                rateLimiter.acquire(0);
                O value = timeout == null ? task.apply(item) : applyWithTimeout(index, item);
                return new ItemResult.Ok<>(index, item, value, attempt, since(start));
            } catch (SkipItem skip) {
                return new ItemResult.Skipped<>(index, item, skip.reason(), since(start));
            } catch (Throwable t) {
                // Errors too: a task that overflows its stack fails its item, not the run.
                failure = t;
            }
            if (!shouldRetry(attempt, failure)) {
                return failed(index, item, failure, attempt, start);
            }
            Duration backoff = retry.backoff(attempt, ThreadLocalRandom.current());
            report.retrying(index, attempt, failure, backoff);
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                // The run is being cancelled; the last real failure says more than the interruption.
                return failed(index, item, failure, attempt, start);
            }
        }
    }

    private boolean shouldRetry(int attempt, Throwable failure) {
        if (attempt >= retry.maxAttempts() || failure instanceof InterruptedException
                || Thread.currentThread().isInterrupted()) {
            return false;
        }
        try {
            return retry.retryable().test(failure);
        } catch (RuntimeException e) {
            return false;
        }
    }

    // The attempt runs on its own thread so that a task ignoring interruption cannot hold up the item.
    private O applyWithTimeout(long index, I item) throws Throwable {
        FutureTask<O> attempt = new FutureTask<>(() -> task.apply(item));
        Thread.ofVirtual().name(stage + "-attempt-" + index).start(attempt);
        try {
            return attempt.get(Durations.toNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            attempt.cancel(true);
            throw new TimeoutException("timed out after " + Durations.format(timeout));
        } catch (InterruptedException e) {
            attempt.cancel(true);
            throw e;
        }
    }

    private ItemResult<I, O> failed(long index, I item, Throwable failure, int attempts, long start) {
        return new ItemResult.Failed<>(index, item, Failures.reason(failure), failure, attempts, since(start));
    }

    private Duration since(long start) {
        return Duration.ofNanos(Math.max(0, ticker.read() - start));
    }
}
