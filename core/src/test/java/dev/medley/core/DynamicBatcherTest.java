package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

    /** Answers each item with its own value doubled, in shuffled order, as an engine might. */
    private static List<BatchAnswer<Integer>> doubledShuffled(List<BatchRequest<Integer>> batch) {
        List<BatchAnswer<Integer>> answers = new ArrayList<>();
        for (BatchRequest<Integer> request : batch) {
            answers.add(BatchAnswer.ok(request.id(), request.item() * 2));
        }
        Collections.shuffle(answers);
        return answers;
    }

    @Property(tries = 30)
    void everyItemIsAnsweredOnceByItsOwnIdOrRefusedAsFull(@ForAll @IntRange(min = 1, max = 300) int items,
            @ForAll @IntRange(min = 1, max = 16) int batch, @ForAll @IntRange(min = 1, max = 64) int capacity,
            @ForAll @IntRange(min = 1, max = 3) int inFlight) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        try (DynamicBatcher<Integer, Integer> batcher = DynamicBatcher.<Integer, Integer>builder()
                .sizer(BatchSizer.fixed(batch)).queueCapacity(capacity).maxBatchesInFlight(inFlight)
                .maxWait(Duration.ofMillis(1))
                .build(requests -> {
                    calls.incrementAndGet();
                    sizes.add(requests.size());
                    return doubledShuffled(requests);
                })) {
            for (int i = 0; i < items; i++) {
                futures.add(batcher.submit(i, i % 3 == 0 ? Priority.INTERACTIVE : Priority.BULK));
            }
        }
        int answered = 0;
        for (int i = 0; i < items; i++) {
            try {
                assertThat(futures.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(2 * i);
                answered++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(QueueFullException.class);
            }
        }
        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, batch));
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(answered);
        assertThat(answered).isGreaterThanOrEqualTo(Math.min(items, capacity));
    }

    @Test
    void anItemThatWaitsPastTheLimitFailsWithoutReachingTheFunction() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        List<Priority> expired = new CopyOnWriteArrayList<>();
        try (DynamicBatcher<Integer, Integer> batcher = DynamicBatcher.<Integer, Integer>builder()
                .sizer(BatchSizer.fixed(1)).maxQueueTime(Duration.ofMillis(50))
                .listener(new DynamicBatcher.Listener() {
                    @Override
                    public void onExpired(Priority priority) {
                        expired.add(priority);
                    }
                })
                .build(requests -> {
                    release.await();
                    requests.forEach(r -> seen.add(r.item()));
                    return doubledShuffled(requests);
                })) {
            CompletableFuture<Integer> first = batcher.submit(1, Priority.INTERACTIVE);
            CompletableFuture<Integer> second = batcher.submit(2, Priority.BULK);
            try {
                assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(QueueTimeoutException.class);
            } finally {
                release.countDown();
            }
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        }
        assertThat(seen).containsExactly(1);
        assertThat(expired).containsExactly(Priority.BULK);
    }

    @Test
    void aFailingBatchFailsItsOwnItemsOnly() throws Exception {
        try (DynamicBatcher<Integer, Integer> batcher = DynamicBatcher.<Integer, Integer>builder()
                .sizer(BatchSizer.fixed(1)).build(requests -> {
                    if (requests.getFirst().item() == 13) {
                        throw new IllegalStateException("engine fell over");
                    }
                    return doubledShuffled(requests);
                })) {
            CompletableFuture<Integer> bad = batcher.submit(13, Priority.BULK);
            CompletableFuture<Integer> good = batcher.submit(4, Priority.BULK);
            assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasMessageContaining("engine fell over");
            assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo(8);
        }
    }

    @Test
    void closeRunsWhatIsQueuedThenRefuses() throws Exception {
        DynamicBatcher<Integer, Integer> batcher = DynamicBatcher.<Integer, Integer>builder()
                .sizer(BatchSizer.fixed(4)).minBatchSize(4).maxWait(Duration.ofHours(1))
                .build(DynamicBatcherTest::doubledShuffled);
        CompletableFuture<Integer> queued = batcher.submit(5, Priority.BULK);
        batcher.close();
        assertThat(queued.getNow(null)).isEqualTo(10);
        assertThatThrownBy(() -> batcher.submit(1, Priority.BULK).get())
                .hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void interactiveItemsOvertakeQueuedBulkItems() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> order = new CopyOnWriteArrayList<>();
        try (DynamicBatcher<Integer, Integer> batcher = DynamicBatcher.<Integer, Integer>builder()
                .sizer(BatchSizer.fixed(1)).starvationLimit(Duration.ofHours(1)).build(requests -> {
                    started.countDown();
                    release.await();
                    requests.forEach(r -> order.add(r.item()));
                    return doubledShuffled(requests);
                })) {
            batcher.submit(0, Priority.BULK);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 3; i++) {
                batcher.submit(i, Priority.BULK);
            }
            batcher.submit(100, Priority.INTERACTIVE);
            assertThat(batcher.queued(Priority.BULK)).isEqualTo(3);
            assertThat(batcher.queued(Priority.INTERACTIVE)).isEqualTo(1);
            release.countDown();
        }
        assertThat(order).containsExactly(0, 100, 1, 2, 3);
    }
}
