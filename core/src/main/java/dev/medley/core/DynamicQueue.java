package dev.medley.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which queued items leave together, and when; the whole policy of {@link DynamicBatcher},
 * without threads or clocks. Callers pass the time in and call {@link #expire} and {@link #poll}
 * whenever something changed or {@link #nextDeadline()} has come.
 *
 * <ul>
 *   <li>A batch leaves only while fewer than maxBatchesInFlight run; then at once when the queue holds
 *       the batch limit or minBatchSize items, else when its oldest item has waited maxWait, or after close.
 *   <li>Its first item is the oldest interactive item, or the oldest bulk item when there is no
 *       interactive one or the bulk item has waited past the starvation limit. The rest come from the
 *       next items in priority order, those of a length similar to the first item's (within a factor of
 *       two) ahead of the others, so one long window does not hold a batch of short ones.
 *   <li>An item that waits longer than maxQueueTime leaves through {@link #expire}, unanswered.
 * </ul>
 *
 * <p>Not thread-safe. Times are nanosecond readings of a monotonic clock, in non-decreasing order.
 */
final class DynamicQueue<E> {

    /** One queued element, its priority, its length (for grouping) and when it entered. */
    record Entry<E>(E element, Priority priority, double length, long since) {}

    enum Admission { QUEUED, REJECTED, CLOSED }

    private final Map<Priority, ArrayDeque<Entry<E>>> queues = new EnumMap<>(Priority.class);
    private final BatchSizer sizer;
    private final int minBatchSize;
    private final long maxWaitNanos;
    private final long maxQueueNanos;
    private final long starvationNanos;
    private final int capacity;
    private final int maxInFlight;
    private int size;
    private int inFlight;
    private boolean closed;

    DynamicQueue(BatchSizer sizer, int minBatchSize, long maxWaitNanos, long maxQueueNanos, long starvationNanos,
            int capacity, int maxInFlight) {
        this.sizer = sizer;
        this.minBatchSize = Check.positive(minBatchSize, "minBatchSize");
        this.maxWaitNanos = Math.min(maxWaitNanos, Long.MAX_VALUE / 4);
        this.maxQueueNanos = Math.min(maxQueueNanos, Long.MAX_VALUE / 4);
        this.starvationNanos = Math.min(starvationNanos, Long.MAX_VALUE / 4);
        this.capacity = Check.positive(capacity, "queueCapacity");
        this.maxInFlight = Check.positive(maxInFlight, "maxBatchesInFlight");
        for (Priority priority : Priority.values()) {
            queues.put(priority, new ArrayDeque<>());
        }
    }

    Admission offer(E element, Priority priority, double length, long now) {
        if (closed) {
            return Admission.CLOSED;
        }
        if (size >= capacity) {
            return Admission.REJECTED;
        }
        queues.get(priority).add(new Entry<>(element, priority, length, now));
        size++;
        return Admission.QUEUED;
    }

    /** Removes and returns the entries that have waited longer than maxQueueTime. */
    List<Entry<E>> expire(long now) {
        List<Entry<E>> expired = List.of();
        for (ArrayDeque<Entry<E>> queue : queues.values()) {
            while (!queue.isEmpty() && now - queue.getFirst().since() > maxQueueNanos) {
                if (expired.isEmpty()) {
                    expired = new ArrayList<>();
                }
                expired.add(queue.removeFirst());
                size--;
            }
        }
        return expired;
    }

    /** Releases the next batch, oldest-first within priority, or returns null when none is due. */
    List<Entry<E>> poll(long now) {
        if (inFlight >= maxInFlight || size == 0) {
            return null;
        }
        int limit = sizer.limit();
        Entry<E> oldest = oldest();
        boolean due = size >= limit || size >= minBatchSize || closed || now - oldest.since() >= maxWaitNanos;
        if (!due) {
            return null;
        }
        ArrayDeque<Entry<E>> interactive = queues.get(Priority.INTERACTIVE);
        ArrayDeque<Entry<E>> bulk = queues.get(Priority.BULK);
        boolean bulkFirst = interactive.isEmpty()
                || !bulk.isEmpty() && now - bulk.getFirst().since() >= starvationNanos;
        Entry<E> head = (bulkFirst ? bulk : interactive).removeFirst();
        List<Entry<E>> batch = new ArrayList<>(Math.min(limit, size));
        batch.add(head);
        if (limit > 1) {
            // Look at a few batches' worth of the next items, in priority order, and take the most alike.
            int lookahead = 4 * limit;
            List<Entry<E>> candidates = new ArrayList<>();
            List<ArrayDeque<Entry<E>>> order = bulkFirst ? List.of(bulk, interactive) : List.of(interactive, bulk);
            for (ArrayDeque<Entry<E>> queue : order) {
                while (candidates.size() < lookahead && !queue.isEmpty()) {
                    candidates.add(queue.removeFirst());
                }
            }
            List<Entry<E>> ranked = new ArrayList<>(candidates);
            ranked.sort(Comparator.comparingInt((Entry<E> e) -> e.priority() == head.priority() ? 0 : 1)
                    .thenComparingInt(e -> similar(head.length(), e.length()) ? 0 : 1)); // stable: oldest first
            List<Entry<E>> taken = ranked.subList(0, Math.min(limit - 1, ranked.size()));
            batch.addAll(taken);
            java.util.Set<Entry<E>> chosen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            chosen.addAll(taken);
            // Put the others back at the front of their queues, in their order.
            for (int i = candidates.size() - 1; i >= 0; i--) {
                Entry<E> entry = candidates.get(i);
                if (!chosen.contains(entry)) {
                    queues.get(entry.priority()).addFirst(entry);
                }
            }
        }
        size -= batch.size();
        inFlight++;
        return batch;
    }

    private static boolean similar(double a, double b) {
        if (a <= 0 || b <= 0) {
            return true;
        }
        return Math.max(a, b) <= 2 * Math.min(a, b);
    }

    private Entry<E> oldest() {
        Entry<E> oldest = null;
        for (ArrayDeque<Entry<E>> queue : queues.values()) {
            if (!queue.isEmpty() && (oldest == null || queue.getFirst().since() - oldest.since() < 0)) {
                oldest = queue.getFirst();
            }
        }
        return oldest;
    }

    /** Frees the slot of a finished batch and tells the sizer how long it took. */
    void batchFinished(int batchSize, long elapsedNanos) {
        if (inFlight == 0) {
            throw new IllegalStateException("no batch is in flight");
        }
        inFlight--;
        sizer.record(batchSize, elapsedNanos);
    }

    void close() {
        closed = true;
    }

    /**
     * Returns when {@link #poll} or {@link #expire} will next have work without any other event:
     * {@link Long#MAX_VALUE} when nothing is queued.
     */
    long nextDeadline() {
        if (size == 0) {
            return Long.MAX_VALUE;
        }
        long deadline = Long.MAX_VALUE;
        for (ArrayDeque<Entry<E>> queue : queues.values()) {
            if (!queue.isEmpty()) {
                deadline = earlier(deadline, queue.getFirst().since() + maxQueueNanos + 1);
            }
        }
        if (inFlight < maxInFlight) {
            Entry<E> oldest = oldest();
            boolean due = size >= sizer.limit() || size >= minBatchSize || closed;
            deadline = earlier(deadline, due ? oldest.since() : oldest.since() + maxWaitNanos);
        }
        return deadline;
    }

    private static long earlier(long a, long b) {
        return a == Long.MAX_VALUE ? b : b - a < 0 ? b : a;
    }

    boolean drained() {
        return closed && size == 0 && inFlight == 0;
    }

    boolean slotFree() {
        return inFlight < maxInFlight;
    }

    int queued(Priority priority) {
        return queues.get(priority).size();
    }

    int size() {
        return size;
    }

    int inFlight() {
        return inFlight;
    }

    int limit() {
        return sizer.limit();
    }
}
