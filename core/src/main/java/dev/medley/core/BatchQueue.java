package dev.medley.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides when queued items leave as a batch; the whole policy of {@link MicroBatcher}, without
 * threads or clocks. Callers pass the time in and call {@link #poll} and {@link #expire} whenever
 * something changed or {@link #nextDeadline()} has come.
 *
 * <p>Not thread-safe. Times are nanosecond readings of a monotonic clock, passed in non-decreasing
 * order. Waiters' deadlines are therefore non-decreasing in arrival order.
 *
 * @param <E> queued element
 */
final class BatchQueue<E> {

    /** Says what {@link #offer} did with an element. */
    enum Admission { QUEUED, WAITING, REJECTED, CLOSED }

    /** Says why {@link #poll} released a batch. */
    enum Release { FULL, MIN_SIZE, MAX_WAIT, CLOSE }

    /** Carries a released batch, and the waiters its departure let into the queue. */
    record Batch<E>(List<E> items, Release release, List<E> admitted) {}

    private record Queued<E>(E element, long since) {}

    private record Waiter<E>(E element, boolean timed, long deadline) {}

    private final int maxBatchSize;
    private final int minBatchSize;
    private final long maxWaitNanos;
    private final int capacity;
    private final Overflow overflow;
    private final long failAfterNanos;
    private final int maxInFlight;
    private final ArrayDeque<Queued<E>> queue = new ArrayDeque<>();
    private final ArrayDeque<Waiter<E>> waiters = new ArrayDeque<>();
    private int inFlight;
    private boolean closed;

    BatchQueue(int maxBatchSize, int minBatchSize, Duration maxWait, int capacity, Overflow overflow, int maxInFlight) {
        this.maxBatchSize = Check.positive(maxBatchSize, "maxBatchSize");
        this.minBatchSize = Check.positive(minBatchSize, "minBatchSize");
        if (minBatchSize > maxBatchSize) {
            throw new IllegalArgumentException(
                    "minBatchSize " + minBatchSize + " is larger than maxBatchSize " + maxBatchSize);
        }
        this.capacity = Check.positive(capacity, "queueCapacity");
        if (minBatchSize > capacity) {
            throw new IllegalArgumentException(
                    "minBatchSize " + minBatchSize + " is larger than queueCapacity " + capacity);
        }
        // Clamped so that adding it to a clock reading cannot overflow.
        this.maxWaitNanos = Math.min(Durations.toNanos(Check.notNegative(maxWait, "maxWait")), Long.MAX_VALUE / 4);
        this.overflow = Check.notNull(overflow, "overflow");
        this.failAfterNanos = overflow instanceof Overflow.FailAfter f
                ? Math.min(Durations.toNanos(f.timeout()), Long.MAX_VALUE / 4) : 0;
        this.maxInFlight = Check.positive(maxInFlight, "maxBatchesInFlight");
    }

    /** Queues {@code element} if there is room, else applies the overflow policy. */
    Admission offer(E element, long now) {
        if (closed) {
            return Admission.CLOSED;
        }
        if (queue.size() < capacity && waiters.isEmpty()) {
            queue.add(new Queued<>(element, now));
            return Admission.QUEUED;
        }
        return switch (overflow) {
            case Overflow.Reject r -> Admission.REJECTED;
            case Overflow.Block b -> {
                waiters.add(new Waiter<>(element, false, 0));
                yield Admission.WAITING;
            }
            case Overflow.FailAfter f -> {
                waiters.add(new Waiter<>(element, true, now + failAfterNanos));
                yield Admission.WAITING;
            }
        };
    }

    /**
     * Releases the next batch, or returns null when none is due. A batch is due only while fewer
     * than maxBatchesInFlight run, and then when the queue holds at least minBatchSize items, when
     * the oldest has waited maxWait, or after {@link #close()}. It takes up to maxBatchSize items
     * from the head of the queue.
     */
    Batch<E> poll(long now) {
        if (inFlight >= maxInFlight || queue.isEmpty()) {
            return null;
        }
        Release release = releaseReason(now);
        if (release == null) {
            return null;
        }
        int size = Math.min(queue.size(), maxBatchSize);
        List<E> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(queue.removeFirst().element());
        }
        inFlight++;
        return new Batch<>(items, release, admitWaiters(now));
    }

    private Release releaseReason(long now) {
        int size = queue.size();
        if (size >= maxBatchSize) {
            return Release.FULL;
        }
        if (size >= minBatchSize) {
            return Release.MIN_SIZE;
        }
        if (closed) {
            return Release.CLOSE;
        }
        return now - queue.getFirst().since() >= maxWaitNanos ? Release.MAX_WAIT : null;
    }

    private List<E> admitWaiters(long now) {
        List<E> admitted = List.of();
        while (!waiters.isEmpty() && queue.size() < capacity) {
            if (admitted.isEmpty()) {
                admitted = new ArrayList<>();
            }
            E element = waiters.removeFirst().element();
            queue.add(new Queued<>(element, now));
            admitted.add(element);
        }
        return admitted;
    }

    /** Removes and returns the waiters whose deadline has come; they were never queued. */
    List<E> expire(long now) {
        List<E> expired = List.of();
        while (!waiters.isEmpty() && waiters.getFirst().timed() && waiters.getFirst().deadline() - now <= 0) {
            if (expired.isEmpty()) {
                expired = new ArrayList<>();
            }
            expired.add(waiters.removeFirst().element());
        }
        return expired;
    }

    /** Removes a waiter that gave up, such as an interrupted submitter; false if it is not waiting. */
    boolean cancel(E element) {
        return waiters.removeIf(w -> w.element() == element);
    }

    /** Frees the slot of a finished batch. */
    void batchFinished() {
        if (inFlight == 0) {
            throw new IllegalStateException("no batch is in flight");
        }
        inFlight--;
    }

    /** Refuses further offers and lets the remaining items leave without waiting. */
    void close() {
        closed = true;
    }

    /**
     * Returns when {@link #poll} or {@link #expire} will next have work without any other event: a
     * time at or before now when a batch is due already, {@link Long#MAX_VALUE} when nothing is
     * pending.
     */
    long nextDeadline() {
        long deadline = Long.MAX_VALUE;
        if (inFlight < maxInFlight && !queue.isEmpty()) {
            long since = queue.getFirst().since();
            deadline = queue.size() >= minBatchSize || closed ? since : since + maxWaitNanos;
        }
        if (!waiters.isEmpty() && waiters.getFirst().timed()) {
            long waiterDeadline = waiters.getFirst().deadline();
            deadline = deadline == Long.MAX_VALUE || waiterDeadline - deadline < 0 ? waiterDeadline : deadline;
        }
        return deadline;
    }

    /** Tells whether the queue is closed and every element has left. */
    boolean drained() {
        return closed && queue.isEmpty() && waiters.isEmpty() && inFlight == 0;
    }

    /** Tells whether another batch may start now. */
    boolean slotFree() {
        return inFlight < maxInFlight;
    }

    int queued() {
        return queue.size();
    }

    int waiting() {
        return waiters.size();
    }

    int inFlight() {
        return inFlight;
    }
}
