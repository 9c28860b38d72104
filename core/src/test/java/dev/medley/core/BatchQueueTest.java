package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchQueueTest {

    private static BatchQueue<String> queue(int max, int min, long maxWaitNanos, int capacity, Overflow overflow) {
        return new BatchQueue<>(max, min, Duration.ofNanos(maxWaitNanos), capacity, overflow, 1);
    }

    @Test
    void holdsASmallBatchUntilTheOldestItemHasWaitedMaxWait() {
        BatchQueue<String> q = queue(8, 3, 100, 10, Overflow.block());
        q.offer("a", 0);
        q.offer("b", 40);

        assertThat(q.poll(99)).isNull();
        assertThat(q.nextDeadline()).isEqualTo(100);
        BatchQueue.Batch<String> batch = q.poll(100);

        assertThat(batch.items()).containsExactly("a", "b");
        assertThat(batch.release()).isEqualTo(BatchQueue.Release.MAX_WAIT);
    }

    @Test
    void releasesAtOnceWhenMinBatchSizeIsReachedAndCapsAtMaxBatchSize() {
        BatchQueue<String> q = queue(2, 2, 1_000, 10, Overflow.block());
        q.offer("a", 0);
        q.offer("b", 0);
        q.offer("c", 0);

        BatchQueue.Batch<String> batch = q.poll(0);

        assertThat(batch.items()).containsExactly("a", "b");
        assertThat(batch.release()).isEqualTo(BatchQueue.Release.FULL);
        assertThat(q.poll(0)).as("one batch in flight at most").isNull();
        assertThat(q.nextDeadline()).as("no deadline while the slot is busy").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void closeFlushesWithoutWaitingAndRefusesNewItems() {
        BatchQueue<String> q = queue(8, 5, 1_000_000, 10, Overflow.block());
        q.offer("a", 0);
        q.close();

        assertThat(q.offer("late", 1)).isEqualTo(BatchQueue.Admission.CLOSED);
        BatchQueue.Batch<String> batch = q.poll(1);
        assertThat(batch.items()).containsExactly("a");
        assertThat(batch.release()).isEqualTo(BatchQueue.Release.CLOSE);
        assertThat(q.drained()).isFalse();
        q.batchFinished();
        assertThat(q.drained()).isTrue();
    }

    @Test
    void admitsBlockedWaitersInOrderWhenABatchLeaves() {
        BatchQueue<String> q = queue(2, 2, 0, 2, Overflow.block());
        q.offer("a", 0);
        q.offer("b", 0);
        assertThat(q.offer("c", 1)).isEqualTo(BatchQueue.Admission.WAITING);
        assertThat(q.offer("d", 2)).isEqualTo(BatchQueue.Admission.WAITING);

        BatchQueue.Batch<String> batch = q.poll(3);

        assertThat(batch.items()).containsExactly("a", "b");
        assertThat(batch.admitted()).containsExactly("c", "d");
        assertThat(q.waiting()).isZero();
    }

    @Test
    void expiresFailAfterWaitersAtTheirDeadline() {
        BatchQueue<String> q = queue(1, 1, 0, 1, Overflow.failAfter(Duration.ofNanos(50)));
        q.offer("a", 0);
        q.poll(0);
        q.offer("b", 0);
        assertThat(q.offer("c", 10)).isEqualTo(BatchQueue.Admission.WAITING);

        assertThat(q.nextDeadline()).isEqualTo(60);
        assertThat(q.expire(59)).isEmpty();
        assertThat(q.expire(60)).containsExactly("c");
    }

    @Test
    void rejectsWhenFullUnderRejectPolicy() {
        assertThatThrownBy(() -> queue(4, 4, 100, 2, Overflow.reject()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minBatchSize 4 is larger than queueCapacity 2");

        BatchQueue<String> ok = queue(4, 1, 100, 1, Overflow.reject());
        ok.offer("a", 0);
        assertThat(ok.offer("b", 0)).isEqualTo(BatchQueue.Admission.REJECTED);
        assertThat(ok.queued()).isEqualTo(1);
        assertThat(ok.waiting()).isZero();
    }

    @Test
    void cancelRemovesOnlyAWaitingElement() {
        BatchQueue<String> q = queue(1, 1, 0, 1, Overflow.block());
        q.offer("a", 0);
        q.offer("b", 0);

        assertThat(q.cancel("a")).isFalse();
        assertThat(q.cancel("b")).isTrue();
        assertThat(q.poll(0).admitted()).isEqualTo(List.of());
    }
}
