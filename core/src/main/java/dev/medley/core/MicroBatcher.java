package dev.medley.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Groups single submissions into batches for a {@link BatchFunction}, such as a model that is much
 * faster on 32 inputs at once than on 32 separate calls.
 *
 * <p>Dispatch rule: a batch leaves only while fewer than {@code maxBatchesInFlight} batches run.
 * Then it leaves at once when the queue holds at least {@code minBatchSize} items (so also when it
 * holds a full batch of {@code maxBatchSize}); otherwise what is queued leaves together once the
 * oldest queued item has waited {@code maxWait}, counted from its entry into the queue. After
 * {@link #close()} everything left is flushed without waiting. A batch takes up to
 * {@code maxBatchSize} items from the head of the queue, so items leave in submission order and
 * every batch holds between 1 and {@code maxBatchSize} items, and at least {@code minBatchSize}
 * unless released by the {@code maxWait} deadline or by close. With the default
 * {@code minBatchSize} of 1 nothing waits while a slot is free, and batches grow by themselves while
 * the function is busy.
 *
 * <p>When the queue holds {@code queueCapacity} items, {@link Overflow} decides what submit does.
 * Batch functions run on virtual threads; futures complete on those threads, so keep their
 * callbacks short. Thread-safe. The policy itself lives in a single-threaded state machine that the
 * tests drive with a fake clock; this class adds the threads.
 *
 * @param <I> item type
 * @param <O> result type
 */
public final class MicroBatcher<I, O> implements AutoCloseable {

    /** Observes batches; methods run on batch threads, must be fast, and may not throw. */
    public interface Listener {

        /** Ignores every event. */
        Listener NONE = new Listener() {};

        /** Receives a finished batch; {@code failure} is what the function threw, or null. */
        default void onBatchDone(int size, Duration elapsed, Throwable failure) {}

        /** Receives an answer whose id was not in its batch; the answer was ignored. */
        default void onUnknownAnswer(long id) {}
    }

    private enum State { QUEUED, WAITING, EXPIRED, CANCELLED }

    private static final class Pending<I, O> {
        final long id;
        final I item;
        final CompletableFuture<O> future = new CompletableFuture<>();
        State state = State.QUEUED; // guarded by lock

        Pending(long id, I item) {
            this.id = id;
            this.item = item;
        }
    }

    private final BatchQueue<Pending<I, O>> queue;
    private final BatchFunction<I, O> function;
    private final Ticker ticker;
    private final Listener listener;
    private final int capacity;
    private final Overflow overflow;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();     // the dispatcher: something to do
    private final Condition changed = lock.newCondition();  // submitters and close: room or drain
    private final ThreadFactory batchThreads = Thread.ofVirtual().name("micro-batch-", 0).factory();
    private long nextId;
    private int unfinished; // batches dispatched whose futures are not all complete

    private MicroBatcher(BatchQueue<Pending<I, O>> queue, BatchFunction<I, O> function, Ticker ticker,
            Listener listener, int capacity, Overflow overflow) {
        this.queue = queue;
        this.function = function;
        this.ticker = ticker;
        this.listener = listener;
        this.capacity = capacity;
        this.overflow = overflow;
        Thread.ofVirtual().name("micro-batcher").start(this::dispatch);
    }

    /** Starts configuring a batcher. */
    public static <I, O> Builder<I, O> builder() {
        return new Builder<>();
    }

    /**
     * Queues {@code item} and returns its future result. When the queue is full, blocks or fails
     * as the {@link Overflow} policy says; after {@link #close()}, returns a future failed with
     * {@link RejectedExecutionException}. If interrupted while waiting for room, returns a future
     * failed with {@link InterruptedException} and keeps the interrupt status.
     */
    public CompletableFuture<O> submit(I item) {
        Pending<I, O> pending;
        BatchQueue.Admission admission;
        State state;
        lock.lock();
        try {
            pending = new Pending<>(nextId++, item);
            admission = queue.offer(pending, ticker.read());
            // While every slot is busy a new item cannot make a batch due; batchFinished wakes the dispatcher.
            if (queue.slotFree() || admission == BatchQueue.Admission.WAITING) {
                wake.signal();
            }
            if (admission == BatchQueue.Admission.WAITING) {
                pending.state = State.WAITING;
                awaitRoom(pending);
            }
            state = pending.state;
        } finally {
            lock.unlock();
        }
        // Failed futures complete outside the lock, so their callbacks cannot stall the batcher.
        CompletableFuture<O> future = pending.future;
        switch (admission) {
            case REJECTED -> future.completeExceptionally(
                    new RejectedExecutionException("queue full (capacity " + capacity + ")"));
            case CLOSED -> future.completeExceptionally(new RejectedExecutionException("micro-batcher is closed"));
            case WAITING -> {
                if (state == State.EXPIRED) {
                    Duration timeout = ((Overflow.FailAfter) overflow).timeout();
                    future.completeExceptionally(new TimeoutException(
                            "queue still full (capacity " + capacity + ") after " + Durations.format(timeout)));
                } else if (state == State.CANCELLED) {
                    future.completeExceptionally(new InterruptedException("interrupted while waiting for room in the queue"));
                }
            }
            case QUEUED -> { }
        }
        return future;
    }

    private void awaitRoom(Pending<I, O> pending) {
        try {
            while (pending.state == State.WAITING) {
                changed.await();
            }
        } catch (InterruptedException e) {
            if (queue.cancel(pending)) {
                pending.state = State.CANCELLED;
            }
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Flushes what is queued, waits until every batch has finished and its futures are complete,
     * and rejects later submissions. Returns early, with the interrupt status set, if interrupted;
     * the remaining items are still processed. Call it from neither a batch function nor a future
     * callback, since it would wait for itself.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            queue.close();
            wake.signal();
            while (!queue.drained() || unfinished > 0) {
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void dispatch() {
        lock.lock();
        try {
            while (!queue.drained()) {
                long now = ticker.read();
                List<Pending<I, O>> expired = queue.expire(now);
                expired.forEach(p -> p.state = State.EXPIRED);
                BatchQueue.Batch<Pending<I, O>> batch = queue.poll(now);
                if (batch != null) {
                    batch.admitted().forEach(p -> p.state = State.QUEUED);
                    unfinished++;
                    List<Pending<I, O>> items = batch.items();
                    batchThreads.newThread(() -> runBatch(items)).start();
                }
                if (!expired.isEmpty() || (batch != null && !batch.admitted().isEmpty())) {
                    changed.signalAll();
                }
                if (batch == null) {
                    awaitWork(queue.nextDeadline());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitWork(long deadline) {
        try {
            if (deadline == Long.MAX_VALUE) {
                wake.await();
            } else {
                long wait = deadline - ticker.read();
                if (wait > 0) {
                    wake.awaitNanos(wait);
                }
            }
        } catch (InterruptedException e) {
            // Nothing interrupts the dispatcher on purpose; stopping would strand every queued item.
        }
    }

    private void runBatch(List<Pending<I, O>> batch) {
        long start = ticker.read();
        long[] ids = new long[batch.size()];
        List<I> items = new ArrayList<>(batch.size());
        for (int i = 0; i < ids.length; i++) {
            ids[i] = batch.get(i).id;
            items.add(batch.get(i).item);
        }
        BatchCall<O> call = BatchCall.call(function, ids, items, listener);
        // Free the slot before completing futures, so slow callbacks do not hold back the next batch.
        lock.lock();
        try {
            queue.batchFinished();
            wake.signal();
        } finally {
            lock.unlock();
        }
        try {
            for (int i = 0; i < ids.length; i++) {
                BatchAnswer<O> answer = call.answers().get(i);
                if (answer.error() != null) {
                    batch.get(i).future.completeExceptionally(answer.error());
                } else {
                    batch.get(i).future.complete(answer.value());
                }
            }
            Duration elapsed = Duration.ofNanos(Math.max(0, ticker.read() - start));
            BatchCall.safely(() -> listener.onBatchDone(ids.length, elapsed, call.thrown()));
        } finally {
            lock.lock();
            try {
                unfinished--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Configures a {@link MicroBatcher}; each setter may be called once. */
    public static final class Builder<I, O> {

        private Integer maxBatchSize;
        private Integer minBatchSize;
        private Duration maxWait;
        private Integer queueCapacity;
        private Overflow overflow;
        private Integer maxBatchesInFlight;
        private Ticker ticker;
        private Listener listener;

        private Builder() {}

        /** Sets the largest batch; default 32. */
        public Builder<I, O> maxBatchSize(int size) {
            Check.unset(maxBatchSize, "maxBatchSize");
            maxBatchSize = Check.positive(size, "maxBatchSize");
            return this;
        }

        /** Sets how many queued items are worth dispatching without waiting; default 1. */
        public Builder<I, O> minBatchSize(int size) {
            Check.unset(minBatchSize, "minBatchSize");
            minBatchSize = Check.positive(size, "minBatchSize");
            return this;
        }

        /** Sets the longest a queued item waits for company while a slot is free; default 10 ms. */
        public Builder<I, O> maxWait(Duration maxWait) {
            Check.unset(this.maxWait, "maxWait");
            this.maxWait = Check.notNegative(maxWait, "maxWait");
            return this;
        }

        /** Sets how many items may wait in the queue; default the larger of 1024 and 4 batches. */
        public Builder<I, O> queueCapacity(int capacity) {
            Check.unset(queueCapacity, "queueCapacity");
            queueCapacity = Check.positive(capacity, "queueCapacity");
            return this;
        }

        /** Sets what submit does when the queue is full; default {@link Overflow#block()}. */
        public Builder<I, O> overflow(Overflow overflow) {
            Check.unset(this.overflow, "overflow");
            this.overflow = Check.notNull(overflow, "overflow");
            return this;
        }

        /** Sets how many batches may run at once; default 1. */
        public Builder<I, O> maxBatchesInFlight(int batches) {
            Check.unset(maxBatchesInFlight, "maxBatchesInFlight");
            maxBatchesInFlight = Check.positive(batches, "maxBatchesInFlight");
            return this;
        }

        /** Sets the clock for waits and deadlines; default {@link Ticker#SYSTEM}. */
        public Builder<I, O> ticker(Ticker ticker) {
            Check.unset(this.ticker, "ticker");
            this.ticker = Check.notNull(ticker, "ticker");
            return this;
        }

        /** Sets the listener; default none. */
        public Builder<I, O> listener(Listener listener) {
            Check.unset(this.listener, "listener");
            this.listener = Check.notNull(listener, "listener");
            return this;
        }

        /**
         * Returns a running batcher feeding {@code function}.
         *
         * @throws IllegalArgumentException when minBatchSize exceeds maxBatchSize or queueCapacity
         */
        public MicroBatcher<I, O> build(BatchFunction<I, O> function) {
            Check.notNull(function, "function");
            int max = maxBatchSize == null ? 32 : maxBatchSize;
            int capacity = queueCapacity == null ? Math.max(1024, 4 * max) : queueCapacity;
            Overflow policy = overflow == null ? Overflow.block() : overflow;
            BatchQueue<Pending<I, O>> queue = new BatchQueue<>(max, minBatchSize == null ? 1 : minBatchSize,
                    maxWait == null ? Duration.ofMillis(10) : maxWait, capacity, policy,
                    maxBatchesInFlight == null ? 1 : maxBatchesInFlight);
            return new MicroBatcher<>(queue, function, ticker == null ? Ticker.SYSTEM : ticker,
                    listener == null ? Listener.NONE : listener, capacity, policy);
        }
    }
}
