package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicQueueTest {
    private static final long MS = 1_000_000L;

    private static DynamicQueue<String> queue(int batch, int min, int capacity) {
        return new DynamicQueue<>(BatchSizer.fixed(batch), min, 10 * MS, 1000 * MS, 500 * MS, capacity, 1);
    }

    private static List<String> names(List<DynamicQueue.Entry<String>> batch) {
        return batch.stream().map(DynamicQueue.Entry::element).toList();
    }

    @Test
    void interactiveItemsLeaveAheadOfOlderBulkItems() {
        DynamicQueue<String> q = queue(2, 2, 100);
        q.offer("b1", Priority.BULK, 0, 0);
        q.offer("b2", Priority.BULK, 0, 1);
        q.offer("b3", Priority.BULK, 0, 2);
        q.offer("i1", Priority.INTERACTIVE, 0, 3);
        assertThat(names(q.poll(4))).containsExactly("i1", "b1");
        q.batchFinished(2, MS);
        assertThat(names(q.poll(5))).containsExactly("b2", "b3");
    }

    @Test
    void aBulkItemPastTheStarvationLimitGoesFirst() {
        DynamicQueue<String> q = queue(1, 1, 100);
        q.offer("b1", Priority.BULK, 0, 0);
        q.offer("i1", Priority.INTERACTIVE, 0, 600 * MS);
        assertThat(names(q.poll(600 * MS))).containsExactly("b1");
    }

    @Test
    void refusesPastCapacityAndAfterClose() {
        DynamicQueue<String> q = queue(4, 1, 2);
        assertThat(q.offer("a", Priority.BULK, 0, 0)).isEqualTo(DynamicQueue.Admission.QUEUED);
        assertThat(q.offer("b", Priority.INTERACTIVE, 0, 0)).isEqualTo(DynamicQueue.Admission.QUEUED);
        assertThat(q.offer("c", Priority.INTERACTIVE, 0, 0)).isEqualTo(DynamicQueue.Admission.REJECTED);
        q.close();
        assertThat(q.offer("d", Priority.BULK, 0, 0)).isEqualTo(DynamicQueue.Admission.CLOSED);
    }

    @Test
    void waitsForCompanyUntilMaxWaitThenLeavesAlone() {
        DynamicQueue<String> q = queue(4, 4, 100);
        q.offer("a", Priority.INTERACTIVE, 0, 0);
        assertThat(q.poll(5 * MS)).isNull();
        assertThat(q.nextDeadline()).isEqualTo(10 * MS);
        assertThat(names(q.poll(10 * MS))).containsExactly("a");
    }

    @Test
    void noBatchLeavesWhileTheInFlightLimitIsReached() {
        DynamicQueue<String> q = queue(1, 1, 100);
        q.offer("a", Priority.INTERACTIVE, 0, 0);
        q.offer("b", Priority.INTERACTIVE, 0, 0);
        assertThat(q.poll(0)).isNotNull();
        assertThat(q.poll(0)).isNull();
        q.batchFinished(1, MS);
        assertThat(names(q.poll(0))).containsExactly("b");
    }

    @Test
    void itemsPastTheQueueTimeLimitExpireOldestFirst() {
        DynamicQueue<String> q = new DynamicQueue<>(BatchSizer.fixed(1), 1, 0, 100 * MS, 0, 100, 1);
        q.offer("a", Priority.BULK, 0, 0);
        q.offer("b", Priority.BULK, 0, 50 * MS);
        q.offer("c", Priority.BULK, 0, 50 * MS);
        assertThat(q.poll(0)).isNotNull(); // "a" runs; "b" and "c" wait behind it
        assertThat(q.expire(100 * MS)).isEmpty();
        assertThat(q.nextDeadline()).isEqualTo(150 * MS + 1);
        assertThat(q.expire(150 * MS + 1)).extracting(DynamicQueue.Entry::element).containsExactly("b", "c");
    }

    @Test
    void windowsOfSimilarLengthShareABatch() {
        DynamicQueue<String> q = queue(2, 4, 100);
        q.offer("long1", Priority.BULK, 30, 0);
        q.offer("short1", Priority.BULK, 2, 1);
        q.offer("long2", Priority.BULK, 28, 2);
        q.offer("short2", Priority.BULK, 3, 3);
        assertThat(names(q.poll(4))).containsExactly("long1", "long2");
        q.batchFinished(2, MS);
        assertThat(names(q.poll(5))).containsExactly("short1", "short2");
    }
}
