package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<Long> unknownIds = new CopyOnWriteArrayList<>();
    private final List<Throwable> batchFailures = new CopyOnWriteArrayList<>();

    private final MicroBatcher.Listener listener = new MicroBatcher.Listener() {
        @Override
        public void onBatchDone(int size, Duration elapsed, Throwable failure) {
            batchSizes.add(size);
            if (failure != null) {
                batchFailures.add(failure);
            }
        }

        @Override
        public void onUnknownAnswer(long id) {
            unknownIds.add(id);
        }
    };

    private static List<BatchAnswer<String>> doubled(List<BatchRequest<Integer>> batch) {
        return batch.stream().map(r -> BatchAnswer.ok(r.id(), "x" + r.item() * 2)).toList();
    }

    /** Sends the four items 1..4 as one batch through {@code function} and returns their futures. */
    private List<CompletableFuture<String>> oneBatchOfFour(BatchFunction<Integer, String> function) {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        try (MicroBatcher<Integer, String> batcher = MicroBatcher.<Integer, String>builder()
                .maxBatchSize(4).minBatchSize(4).maxWait(Duration.ofHours(1)).listener(listener).build(function)) {
            for (int i = 1; i <= 4; i++) {
                futures.add(batcher.submit(i));
            }
        }
        assertThat(batchSizes).containsExactly(4);
        return futures;
    }

    @Test
    void answersEverySubmissionInBatchesNoLargerThanMax() throws Exception {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        try (MicroBatcher<Integer, String> batcher = MicroBatcher.<Integer, String>builder()
                .maxBatchSize(8).listener(listener).build(MicroBatcherTest::doubled)) {
            for (int i = 0; i < 500; i++) {
                futures.add(batcher.submit(i));
            }
        }

        for (int i = 0; i < 500; i++) {
            assertThat(futures.get(i).getNow(null)).isEqualTo("x" + i * 2);
        }
        assertThat(batchSizes).allMatch(size -> size >= 1 && size <= 8);
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
    }

    @Test
    void failsOnlyTheItemTheFunctionForgot() throws Exception {
        List<CompletableFuture<String>> futures = oneBatchOfFour(batch -> doubled(batch.stream()
                .filter(r -> r.item() != 3).toList()));

        assertThat(futures.get(0).get()).isEqualTo("x2");
        assertThat(futures.get(3).get()).isEqualTo("x8");
        assertThatThrownBy(() -> futures.get(2).get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("batch function gave no answer for item 2");
    }

    @Test
    void failsOnlyTheItemTheFunctionAnsweredTwice() throws Exception {
        List<CompletableFuture<String>> futures = oneBatchOfFour(batch -> {
            List<BatchAnswer<String>> answers = new ArrayList<>(doubled(batch));
            answers.add(BatchAnswer.ok(batch.get(1).id(), "again"));
            return answers;
        });

        assertThat(futures.get(0).get()).isEqualTo("x2");
        assertThatThrownBy(() -> futures.get(1).get()).cause()
                .isInstanceOf(IllegalStateException.class).hasMessage("batch function answered 2 times for item 1");
        assertThat(futures.get(2).get()).isEqualTo("x6");
    }

    @Test
    void ignoresAndReportsAnAnswerForAnUnknownId() throws Exception {
        List<CompletableFuture<String>> futures = oneBatchOfFour(batch -> {
            List<BatchAnswer<String>> answers = new ArrayList<>(doubled(batch));
            answers.add(BatchAnswer.ok(999, "stray"));
            return answers;
        });

        assertThat(futures).extracting(CompletableFuture::get).containsExactly("x2", "x4", "x6", "x8");
        assertThat(unknownIds).containsExactly(999L);
    }

    @Test
    void passesPerItemErrorsThrough() {
        IOException unreadable = new IOException("unreadable");
        List<CompletableFuture<String>> futures = oneBatchOfFour(batch -> batch.stream()
                .map(r -> r.item() == 2 ? BatchAnswer.<String>failed(r.id(), unreadable) : BatchAnswer.ok(r.id(), "ok"))
                .toList());

        assertThat(futures.get(1)).isCompletedExceptionally();
        assertThatThrownBy(() -> futures.get(1).get()).cause().isSameAs(unreadable);
        assertThat(futures.get(0).getNow(null)).isEqualTo("ok");
    }

    @Test
    void failsTheWholeBatchWhenTheFunctionThrows() {
        IOException crash = new IOException("model crashed");
        List<CompletableFuture<String>> futures = oneBatchOfFour(batch -> {
            throw crash;
        });

        for (CompletableFuture<String> future : futures) {
            assertThatThrownBy(future::get).cause().isSameAs(crash);
        }
        assertThat(batchFailures).containsExactly(crash);
    }

    @Test
    void closeFlushesWhatIsQueuedAndRejectsLaterSubmissions() throws Exception {
        MicroBatcher<Integer, String> batcher = MicroBatcher.<Integer, String>builder()
                .maxBatchSize(10).minBatchSize(10).maxWait(Duration.ofHours(1)).listener(listener)
                .build(MicroBatcherTest::doubled);
        List<CompletableFuture<String>> futures = List.of(batcher.submit(1), batcher.submit(2), batcher.submit(3));
        assertThat(futures).noneMatch(CompletableFuture::isDone);

        batcher.close();

        assertThat(futures).allMatch(CompletableFuture::isDone);
        assertThat(futures.get(2).get()).isEqualTo("x6");
        assertThat(batchSizes).containsExactly(3);
        assertThatThrownBy(() -> batcher.submit(4).get()).cause()
                .isInstanceOf(RejectedExecutionException.class).hasMessage("micro-batcher is closed");
    }

    @Test
    void releasesASmallBatchAfterMaxWait() throws Exception {
        try (MicroBatcher<Integer, String> batcher = MicroBatcher.<Integer, String>builder()
                .maxBatchSize(10).minBatchSize(10).maxWait(Duration.ofMillis(20)).build(MicroBatcherTest::doubled)) {
            assertThat(batcher.submit(21).get(10, TimeUnit.SECONDS)).isEqualTo("x42");
        }
    }

    @Test
    void rejectsWhenTheQueueIsFull() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MicroBatcher<Integer, String> batcher = MicroBatcher.<Integer, String>builder()
                .maxBatchSize(2).queueCapacity(2).overflow(Overflow.reject()).build(batch -> {
                    entered.countDown();
                    release.await();
                    return doubled(batch);
                })) {
            CompletableFuture<String> first = batcher.submit(1);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> second = batcher.submit(2);
            CompletableFuture<String> third = batcher.submit(3);

            CompletableFuture<String> fourth = batcher.submit(4);

            assertThatThrownBy(fourth::get).cause()
                    .isInstanceOf(RejectedExecutionException.class).hasMessage("queue full (capacity 2)");
            release.countDown();
            assertThat(List.of(first.get(), second.get(), third.get())).containsExactly("x2", "x4", "x6");
        }
    }

    @Test
    void failsAfterWaitingWhenTheQueueStaysFull() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MicroBatcher<Integer, String> batcher = MicroBatcher.<Integer, String>builder()
                .maxBatchSize(1).queueCapacity(1).overflow(Overflow.failAfter(Duration.ofMillis(30))).build(batch -> {
                    entered.countDown();
                    release.await();
                    return doubled(batch);
                })) {
            CompletableFuture<String> first = batcher.submit(1);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> second = batcher.submit(2);

            CompletableFuture<String> third = batcher.submit(3);

            assertThat(third).isCompletedExceptionally();
            assertThatThrownBy(third::get).cause().isInstanceOf(TimeoutException.class)
                    .hasMessage("queue still full (capacity 1) after 30ms");
            release.countDown();
            assertThat(first.get() + second.get()).isEqualTo("x2x4");
        }
    }

    @Test
    void blocksTheSubmitterUntilThereIsRoom() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MicroBatcher<Integer, String> batcher = MicroBatcher.<Integer, String>builder()
                .maxBatchSize(1).queueCapacity(1).overflow(Overflow.block()).build(batch -> {
                    entered.countDown();
                    release.await();
                    return doubled(batch);
                })) {
            batcher.submit(1);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            batcher.submit(2);
            CompletableFuture<CompletableFuture<String>> blocked = new CompletableFuture<>();
            Thread submitter = Thread.ofVirtual().start(() -> blocked.complete(batcher.submit(3)));
            while (submitter.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            assertThat(blocked).isNotDone();

            release.countDown();

            assertThat(blocked.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS)).isEqualTo("x6");
        }
    }

    @Test
    void answersEverySubmissionFromManyBlockedSubmitters() throws Exception {
        List<CompletableFuture<String>> futures = new CopyOnWriteArrayList<>();
        try (MicroBatcher<Integer, String> batcher = MicroBatcher.<Integer, String>builder()
                .maxBatchSize(3).queueCapacity(4).maxBatchesInFlight(2).overflow(Overflow.block())
                .listener(listener).build(MicroBatcherTest::doubled)) {
            List<Thread> submitters = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 1_000;
                submitters.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 500; i++) {
                        int item = base + i;
                        futures.add(batcher.submit(item).thenApply(v -> v + "@" + item));
                    }
                }));
            }
            for (Thread submitter : submitters) {
                submitter.join();
            }
        }

        assertThat(futures).hasSize(4_000);
        for (CompletableFuture<String> future : futures) {
            String[] valueAndItem = future.getNow("not done").split("@");
            assertThat(valueAndItem[0]).isEqualTo("x" + Integer.parseInt(valueAndItem[1]) * 2);
        }
        assertThat(batchSizes).allMatch(size -> size >= 1 && size <= 3);
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(4_000);
    }

    @Test
    void closeWaitsForBatchesInFlight() {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        MicroBatcher<Integer, String> batcher = MicroBatcher.<Integer, String>builder()
                .maxBatchSize(4).maxBatchesInFlight(3).build(batch -> {
                    for (int i = 0; i < 100; i++) {
                        Thread.yield();
                    }
                    return doubled(batch);
                });
        for (int i = 0; i < 200; i++) {
            futures.add(batcher.submit(i));
        }

        batcher.close();

        assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    }

    @Test
    void builderValidatesEachArgumentAndRejectsASecondCall() {
        assertThatThrownBy(() -> MicroBatcher.builder().maxBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> MicroBatcher.builder().maxWait(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxWait");
        assertThatThrownBy(() -> Overflow.failAfter(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> MicroBatcher.builder().queueCapacity(3).queueCapacity(4))
                .isInstanceOf(IllegalStateException.class).hasMessage("queueCapacity was already set");
        assertThatThrownBy(() -> MicroBatcher.<Integer, String>builder().maxBatchSize(2).minBatchSize(3)
                .build(MicroBatcherTest::doubled))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minBatchSize 3 is larger than maxBatchSize 2");
        assertThatThrownBy(() -> BatchAnswer.failed(1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
