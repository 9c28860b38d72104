package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchRunnerTest {

    private final FakeClock clock = new FakeClock();
    private final List<ItemResult<Integer, String>> results = new ArrayList<>();

    private static Iterator<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().iterator();
    }

    private BatchRunner.Builder<Integer, String> runner() {
        return BatchRunner.<Integer, String>builder("probe").ticker(clock).sleeper(clock);
    }

    @Test
    void turnsValuesExceptionsAndSkipsIntoOneResultEach() {
        RunStats stats = runner().workers(4).build().run(upTo(6), i -> switch (i % 3) {
            case 0 -> "v" + i;
            case 1 -> throw new IllegalStateException("bad item " + i);
            default -> throw new SkipItem("known");
        }, results::add);

        assertThat(results).extracting(ItemResult::index).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(results.get(0)).isEqualTo(new ItemResult.Ok<>(0, 0, "v0", 1, Duration.ZERO));
        assertThat(results.get(1)).isInstanceOfSatisfying(ItemResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("bad item 1");
            assertThat(f.cause()).isInstanceOf(IllegalStateException.class);
            assertThat(f.attempts()).isEqualTo(1);
        });
        assertThat(results.get(2)).isEqualTo(new ItemResult.Skipped<>(2, 2, "known", Duration.ZERO));
        assertThat(stats.total()).isEqualTo(6);
        assertThat(stats.ok()).isEqualTo(2);
        assertThat(stats.failed()).isEqualTo(2);
        assertThat(stats.skipped()).isEqualTo(2);
    }

    @Test
    void usesTheClassNameWhenAFailureHasNoMessage() {
        runner().build().run(upTo(1), i -> {
            throw new IOException();
        }, results::add);

        assertThat(((ItemResult.Failed<Integer, String>) results.getFirst()).reason()).isEqualTo("IOException");
    }

    @Test
    void retriesWithGrowingJitteredBackoffThroughTheSleeper() {
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, 0.2,
                RetryPolicy::isTransient);
        AtomicInteger calls = new AtomicInteger();
        List<Duration> reported = new ArrayList<>();
        BatchListener listener = new BatchListener() {
            @Override
            public void onRetry(String stage, long index, int attempt, Throwable cause, Duration backoff) {
                reported.add(backoff);
            }
        };

        runner().retry(policy).listener(listener).build().run(upTo(1), i -> {
            if (calls.incrementAndGet() < 4) {
                throw new RetryableException("busy");
            }
            return "done";
        }, results::add);

        List<Duration> sleeps = clock.sleeps();
        assertThat(sleeps).hasSize(3).isEqualTo(reported);
        assertThat(sleeps.get(0).toMillis()).isBetween(80L, 120L);
        assertThat(sleeps.get(1).toMillis()).isBetween(160L, 240L);
        assertThat(sleeps.get(2).toMillis()).isBetween(320L, 480L);
        assertThat(sleeps).isSortedAccordingTo(Duration::compareTo);
        ItemResult.Ok<Integer, String> ok = (ItemResult.Ok<Integer, String>) results.getFirst();
        assertThat(ok.attempts()).isEqualTo(4);
        assertThat(ok.latency()).as("latency includes backoff").isEqualTo(sleeps.stream().reduce(Duration::plus).get());
    }

    @Test
    void givesUpAfterMaxAttemptsAndNeverRetriesWhatThePolicyRejects() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), 1.0, 0.0,
                t -> t instanceof RetryableException);

        runner().retry(policy).build().run(upTo(2), i -> {
            throw i == 0 ? new RetryableException("still busy") : new IllegalArgumentException("broken");
        }, results::add);

        assertThat(results).extracting(r -> ((ItemResult.Failed<Integer, String>) r).attempts()).containsExactly(3, 1);
        assertThat(results).extracting(r -> ((ItemResult.Failed<Integer, String>) r).reason())
                .containsExactly("still busy", "broken");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(10), Duration.ofMillis(10));
    }

    @Test
    void timesOutAnAttemptThatIgnoresInterruptionAndGoesOn() {
        CountDownLatch never = new CountDownLatch(1);
        try {
            BatchRunner<Integer, String> runner = BatchRunner.<Integer, String>builder("probe")
                    .workers(2).timeout(Duration.ofMillis(100)).build();

            runner.run(upTo(4), i -> {
                if (i == 1) {
                    awaitIgnoringInterrupts(never);
                }
                return "v" + i;
            }, results::add);

            assertThat(results).extracting(ItemResult::index).containsExactly(0L, 1L, 2L, 3L);
            assertThat(results.get(1)).isInstanceOfSatisfying(ItemResult.Failed.class, f -> {
                assertThat(f.reason()).isEqualTo("timed out after 100ms");
                assertThat(f.cause()).isInstanceOf(TimeoutException.class);
            });
            assertThat(results.get(3)).isInstanceOf(ItemResult.Ok.class);
        } finally {
            never.countDown();
        }
    }

    @Test
    void interruptsAnAttemptThatTimesOut() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        RetryPolicy retryTimeouts = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), 1.0, 0.0,
                RetryPolicy::isTransient);

        BatchRunner.<Integer, String>builder("probe").timeout(Duration.ofMillis(50)).retry(retryTimeouts)
                .sleeper(clock).build()
                .run(upTo(1), i -> {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return "never";
                }, results::add);

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(results.getFirst()).isInstanceOfSatisfying(ItemResult.Failed.class,
                f -> assertThat(f.attempts()).as("a timeout is worth another attempt").isEqualTo(2));
    }

    @Test
    void neverRunsMoreThanWorkersAtOnce() {
        int workers = 4;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch firstWave = new CountDownLatch(workers);

        runner().workers(workers).build().run(upTo(200), i -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                // The first items wait for each other, so the bound is reached, not just respected.
                firstWave.countDown();
                if (!firstWave.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("workers never ran in parallel");
                }
                Thread.yield();
                return "v" + i;
            } finally {
                running.decrementAndGet();
            }
        }, results::add);

        assertThat(peak.get()).isEqualTo(workers);
        assertThat(results).allMatch(r -> r instanceof ItemResult.Ok);
    }

    @Test
    void pullsLazilyWithinTheWindowWhileTheHeadItemIsSlow() {
        BatchRunner<Integer, String> runner = runner().workers(4).build();
        int window = runner.window();
        CountDownLatch headReleased = new CountDownLatch(1);
        AtomicInteger emitted = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        Iterator<Integer> source = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < 100_000;
            }

            @Override
            public Integer next() {
                int ahead = next + 1 - emitted.get();
                maxAhead.accumulateAndGet(ahead, Math::max);
                if (ahead == window) {
                    headReleased.countDown();
                }
                return next++;
            }
        };

        RunStats stats = runner.run(source, i -> {
            if (i == 0 && !headReleased.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the runner never filled its window");
            }
            return null;
        }, r -> emitted.incrementAndGet());

        assertThat(stats.ok()).isEqualTo(100_000);
        assertThat(maxAhead.get()).isEqualTo(window);
    }

    @Test
    void letsRunningItemsFinishThenRethrowsWhenTheIteratorFails() {
        List<String> events = new ArrayList<>();
        Iterator<Integer> failing = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 5) {
                    throw new IllegalStateException("directory vanished");
                }
                return next++;
            }
        };
        BatchListener listener = new BatchListener() {
            @Override
            public void onFinish(RunStats stats) {
                events.add("finish " + stats.total());
            }
        };

        assertThatThrownBy(() -> runner().workers(8).listener(listener).build().run(failing, i -> "v" + i, results::add))
                .isInstanceOf(IllegalStateException.class).hasMessage("directory vanished");
        assertThat(results).extracting(ItemResult::index).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(events).containsExactly("finish 5");
    }

    @Test
    void stopsPullingAndRethrowsWhenTheConsumerFails() {
        AtomicInteger pulled = new AtomicInteger();
        Iterator<Integer> counting = IntStream.range(0, 100_000).peek(i -> pulled.incrementAndGet()).boxed().iterator();
        BatchRunner<Integer, String> runner = runner().workers(2).build();

        assertThatThrownBy(() -> runner.run(counting, i -> "v" + i, r -> {
            if (r.index() == 3) {
                throw new IllegalStateException("disk full");
            }
        })).hasMessage("disk full");
        assertThat(pulled.get()).isLessThanOrEqualTo(4 + runner.window());
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void runsTheWaitingActionOnTheCallingThreadBeforeItWaits() {
        // Each item waits until the caller has run its waiting action once more: the caller must wait for it.
        java.util.concurrent.Semaphore released = new java.util.concurrent.Semaphore(0);
        Thread caller = Thread.currentThread();
        List<String> seen = new ArrayList<>();
        BatchRunner<Integer, Integer> runner = BatchRunner.<Integer, Integer>builder("test").workers(1).beforeWaiting(() -> {
            seen.add(Thread.currentThread() == caller ? "caller" : "other");
            released.release();
        }).build();
        List<Integer> answered = new ArrayList<>();

        runner.run(List.of(1, 2, 3).iterator(), i -> {
            released.acquireUninterruptibly();
            return i;
        }, r -> answered.add(((ItemResult.Ok<Integer, Integer>) r).value()));

        assertThat(answered).containsExactly(1, 2, 3);
        assertThat(seen).hasSize(3).containsOnly("caller");
    }

    @Test
    void aFailingWaitingActionStopsTheRunLikeAFailingConsumer() {
        BatchRunner<Integer, String> runner = runner().workers(2).beforeWaiting(() -> {
            throw new IllegalStateException("cannot commit");
        }).build();
        AtomicInteger pulled = new AtomicInteger();
        Iterator<Integer> counting = IntStream.range(0, 100_000).peek(i -> pulled.incrementAndGet()).boxed().iterator();

        assertThatThrownBy(() -> runner.run(counting, i -> {
            Thread.sleep(1);
            return "v" + i;
        }, r -> {})).hasMessage("cannot commit");
        assertThat(pulled.get()).isLessThanOrEqualTo(2 + runner.window());
    }

    @Test
    void stopsPullingAndRethrowsWhenANativeLibraryCannotLoad() {
        AtomicInteger pulled = new AtomicInteger();
        Iterator<Integer> counting = IntStream.range(0, 100_000).peek(i -> pulled.incrementAndGet()).boxed().iterator();
        BatchRunner<Integer, String> runner = runner().workers(2).build();

        assertThatThrownBy(() -> runner.run(counting, i -> {
            if (i == 3) {
                throw new UnsatisfiedLinkError("no avformat in java.library.path");
            }
            return "v" + i;
        }, results::add)).isInstanceOf(UnsatisfiedLinkError.class);
        assertThat(pulled.get()).isLessThanOrEqualTo(4 + runner.window());
    }

    @Test
    void deliversListenerEventsInTheDocumentedOrderOnTheCallingThread() {
        List<String> events = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        RetryPolicy once = new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 1.0, 0.0, t -> true);
        AtomicInteger calls = new AtomicInteger();
        BatchListener listener = new BatchListener() {
            @Override
            public void onStart(String stage) {
                add("start " + stage);
            }

            @Override
            public void onItemStarted(String stage, long index) {
                add("started " + index);
            }

            @Override
            public void onRetry(String stage, long index, int attempt, Throwable cause, Duration backoff) {
                add("retry " + index + " after attempt " + attempt);
            }

            @Override
            public void onItemDone(String stage, ItemResult<?, ?> result) {
                add("done " + result.index());
            }

            @Override
            public void onTotalKnown(String stage, long total) {
                add("total " + total);
            }

            @Override
            public void onFinish(RunStats stats) {
                add("finish " + stats.total());
            }

            private void add(String event) {
                events.add(event);
                threads.add(Thread.currentThread());
            }
        };

        runner().workers(1).retry(once).listener(listener).build().run(upTo(2), i -> {
            if (i == 1 && calls.incrementAndGet() == 1) {
                throw new RetryableException("busy");
            }
            return "v" + i;
        }, results::add);

        assertThat(events).containsExactly("start probe", "started 0", "done 0", "started 1",
                "retry 1 after attempt 1", "done 1", "total 2", "finish 2");
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    void theTotalOfALazyInputWasNeverToldSoProgressShowedAQuestionMarkToTheEnd() {
        List<String> events = new ArrayList<>();
        BatchListener listener = new BatchListener() {
            @Override
            public void onItemStarted(String stage, long index) {
                events.add("started");
            }

            @Override
            public void onTotalKnown(String stage, long total) {
                events.add("total " + total);
            }
        };
        Iterator<Integer> lazy = IntStream.range(0, 300).boxed().iterator(); // like a folder walk: no size up front

        runner().workers(4).listener(listener).build().run(lazy, i -> "v" + i, results::add);

        assertThat(events).hasSize(301).endsWith("total 300").filteredOn(e -> e.startsWith("total")).hasSize(1);
    }

    @Test
    void aThrowingListenerCannotBreakTheRun() {
        BatchListener broken = new BatchListener() {
            @Override
            public void onStart(String stage) {
                throw new IllegalStateException("start");
            }

            @Override
            public void onItemDone(String stage, ItemResult<?, ?> result) {
                throw new IllegalStateException("done");
            }

            @Override
            public void onFinish(RunStats stats) {
                throw new IllegalStateException("finish");
            }
        };

        RunStats stats = runner().listener(broken).build().run(upTo(10), i -> "v" + i, results::add);

        assertThat(stats.ok()).isEqualTo(10);
        assertThat(results).hasSize(10);
    }

    @Test
    void waitsForTheRateLimiterBeforeEveryAttempt() {
        RateLimiter limiter = RateLimiter.builder().requestsPerMinute(2).ticker(clock).sleeper(clock).build();

        runner().workers(1).rateLimiter(limiter).build().run(upTo(4), i -> "v" + i, results::add);

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(results).hasSize(4);
    }

    @Test
    void canRunAgain() {
        BatchRunner<Integer, String> runner = runner().workers(3).build();

        RunStats first = runner.run(upTo(5), i -> "a" + i, results::add);
        RunStats second = runner.run(upTo(7), i -> "b" + i, results::add);

        assertThat(first.total()).isEqualTo(5);
        assertThat(second.total()).isEqualTo(7);
        assertThat(results.subList(5, 12)).extracting(ItemResult::index).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void answersAnEmptyInput() {
        RunStats stats = runner().build().run(upTo(0), i -> "v", results::add);

        assertThat(stats.total()).isZero();
        assertThat(results).isEmpty();
    }

    @Test
    void interruptingTheCallerCancelsRunningItems() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(2);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicInteger interruptedAfterwards = new AtomicInteger();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                runner().workers(2).build().run(upTo(100), i -> {
                    started.countDown();
                    new CountDownLatch(1).await();
                    return "never";
                }, results::add);
            } catch (Throwable t) {
                thrown.set(t);
                interruptedAfterwards.set(Thread.currentThread().isInterrupted() ? 1 : 0);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();
        caller.join();

        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(interruptedAfterwards.get()).isEqualTo(1);
        assertThat(results).hasSize(2).allMatch(r -> r instanceof ItemResult.Failed);
    }

    @Test
    void builderValidatesEachArgumentAndRejectsASecondCall() {
        assertThatThrownBy(() -> BatchRunner.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BatchRunner.builder("x").workers(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers");
        assertThatThrownBy(() -> BatchRunner.builder("x").timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> BatchRunner.builder("x").listener(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listener");
        assertThatThrownBy(() -> BatchRunner.builder("x").workers(2).workers(3))
                .isInstanceOf(IllegalStateException.class).hasMessage("workers was already set");
        assertThat(BatchRunner.builder("x").build().workers()).isEqualTo(BatchRunner.defaultWorkers());
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // This task deliberately refuses to stop.
            }
        }
    }
}
