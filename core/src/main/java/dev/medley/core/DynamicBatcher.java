package dev.medley.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;

/**
 * Groups items from many callers into batches for a {@link BatchFunction}, for serving: two
 * priorities, a bounded queue that refuses rather than blocks, a time limit in the queue, a limit on
 * batches in flight, items of similar length grouped, and a batch size that is fixed or follows a
 * latency target ({@link BatchSizer}). The policy lives in {@link DynamicQueue}; this class adds the
 * threads.
 *
 * <p>{@link #submit} never blocks: the future fails with {@link QueueFullException} when the queue is
 * full, with {@link QueueTimeoutException} when the item waited past the time limit, and with
 * {@link RejectedExecutionException} after {@link #close()}. Every other item is answered exactly once,
 * by the batch function's answer for its own id. Thread-safe.
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {

    /** Observes the batcher; methods run on its threads, must be fast, and may not throw. */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** A batch of {@code size} items finished after {@code elapsed}; {@code failure} is what the function threw. */
        default void onBatchDone(int size, Duration elapsed, Throwable failure) {}

        /** An item left the queue for a batch after waiting {@code waited}. */
        default void onDequeued(Priority priority, Duration waited) {}

        /** An item waited past the time limit and was failed. */
        default void onExpired(Priority priority) {}

        /** An item was refused: the queue was full. */
        default void onRefused(Priority priority) {}
    }

    private static final class Pending<I, O> {
        final long id;
        final I item;
        final CompletableFuture<O> future = new CompletableFuture<>();

        Pending(long id, I item) {
            this.id = id;
            this.item = item;
        }
    }

    private final DynamicQueue<Pending<I, O>> queue;
    private final BatchFunction<I, O> function;
    private final ToDoubleFunction<I> length;
    private final Ticker ticker;
    private final Listener listener;
    private final int capacity;
    private final Duration maxQueueTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition changed = lock.newCondition();
    private final ThreadFactory batchThreads = Thread.ofVirtual().name("dynamic-batch-", 0).factory();
    private long nextId;
    private int unfinished;

    private DynamicBatcher(Builder<I, O> b, BatchFunction<I, O> function) {
        this.function = function;
        this.length = b.length;
        this.ticker = b.ticker;
        this.listener = b.listener;
        this.capacity = b.queueCapacity;
        this.maxQueueTime = b.maxQueueTime;
        this.queue = new DynamicQueue<>(b.sizer, b.minBatchSize, Durations.toNanos(b.maxWait),
                Durations.toNanos(b.maxQueueTime), Durations.toNanos(b.starvationLimit), b.queueCapacity,
                b.maxBatchesInFlight);
        Thread.ofVirtual().name("dynamic-batcher").start(this::dispatch);
    }

    public static <I, O> Builder<I, O> builder() {
        return new Builder<>();
    }

    /** Queues {@code item} at {@code priority}; never blocks. */
    public CompletableFuture<O> submit(I item, Priority priority) {
        Pending<I, O> pending;
        DynamicQueue.Admission admission;
        double itemLength = length.applyAsDouble(item);
        lock.lock();
        try {
            pending = new Pending<>(nextId++, item);
            admission = queue.offer(pending, priority, itemLength, ticker.read());
            // A new item can make a batch due, or bring the next queue-time deadline forward.
            if (admission == DynamicQueue.Admission.QUEUED && (queue.slotFree() || queue.size() == 1)) {
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
        switch (admission) {
            case REJECTED -> {
                BatchCall.safely(() -> listener.onRefused(priority));
                pending.future.completeExceptionally(new QueueFullException(capacity));
            }
            case CLOSED -> pending.future.completeExceptionally(new RejectedExecutionException("the batcher is closed"));
            case QUEUED -> { }
        }
        return pending.future;
    }

    /** Returns how many items wait at {@code priority}. */
    public int queued(Priority priority) {
        lock.lock();
        try {
            return queue.queued(priority);
        } finally {
            lock.unlock();
        }
    }

    /** Returns how many batches run now. */
    public int batchesInFlight() {
        lock.lock();
        try {
            return queue.inFlight();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the most items the next batch may take (moves under auto sizing). */
    public int batchLimit() {
        lock.lock();
        try {
            return queue.limit();
        } finally {
            lock.unlock();
        }
    }

    /** Runs what is queued without waiting, waits for every batch, and refuses later submissions. */
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
                List<DynamicQueue.Entry<Pending<I, O>>> expired = queue.expire(now);
                if (!expired.isEmpty()) {
                    List<DynamicQueue.Entry<Pending<I, O>>> late = expired;
                    // Completed off the lock, so callbacks cannot stall the batcher.
                    batchThreads.newThread(() -> {
                        for (DynamicQueue.Entry<Pending<I, O>> entry : late) {
                            BatchCall.safely(() -> listener.onExpired(entry.priority()));
                            entry.element().future.completeExceptionally(new QueueTimeoutException(maxQueueTime));
                        }
                    }).start();
                    changed.signalAll();
                }
                List<DynamicQueue.Entry<Pending<I, O>>> batch = queue.poll(now);
                if (batch != null) {
                    unfinished++;
                    batchThreads.newThread(() -> runBatches(batch, now)).start();
                    continue;
                }
                if (queue.drained()) {
                    break;
                }
                awaitWork(queue.nextDeadline());
            }
            changed.signalAll();
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

    /**
     * Runs {@code first}, then, while a batch is due the moment this one ends, that batch too: the engine's
     * next batch starts on the thread that saw the slot free, without a hop through the dispatcher.
     */
    private void runBatches(List<DynamicQueue.Entry<Pending<I, O>>> first, long dequeued) {
        List<DynamicQueue.Entry<Pending<I, O>>> batch = first;
        long taken = dequeued;
        while (batch != null) {
            List<DynamicQueue.Entry<Pending<I, O>>> next = null;
            long nextTaken = 0;
            Finished<O> finished = call(batch, taken);
            lock.lock();
            try {
                queue.batchFinished(finished.ids.length, finished.elapsed);
                nextTaken = ticker.read();
                next = queue.poll(nextTaken);
                if (next != null) {
                    unfinished++;
                } else {
                    wake.signal(); // the dispatcher decides when the next batch is due
                }
            } finally {
                lock.unlock();
            }
            complete(batch, finished);
            batch = next;
            taken = nextTaken;
        }
    }

    private record Finished<O>(long[] ids, BatchCall<O> call, long elapsed) {}

    private Finished<O> call(List<DynamicQueue.Entry<Pending<I, O>>> batch, long dequeued) {
        // Requests go to the function in id order, the order answers are matched in.
        batch.sort(java.util.Comparator.comparingLong(entry -> entry.element().id));
        long[] ids = new long[batch.size()];
        List<I> items = new ArrayList<>(batch.size());
        for (int i = 0; i < ids.length; i++) {
            DynamicQueue.Entry<Pending<I, O>> entry = batch.get(i);
            ids[i] = entry.element().id;
            items.add(entry.element().item);
            Duration waited = Duration.ofNanos(Math.max(0, dequeued - entry.since()));
            BatchCall.safely(() -> listener.onDequeued(entry.priority(), waited));
        }
        long start = ticker.read();
        BatchCall<O> call = BatchCall.call(function, ids, items, MicroBatcher.Listener.NONE);
        return new Finished<>(ids, call, Math.max(0, ticker.read() - start));
    }

    private void complete(List<DynamicQueue.Entry<Pending<I, O>>> batch, Finished<O> finished) {
        try {
            for (int i = 0; i < finished.ids.length; i++) {
                BatchAnswer<O> answer = finished.call.answers().get(i);
                CompletableFuture<O> future = batch.get(i).element().future;
                if (answer.error() != null) {
                    future.completeExceptionally(answer.error());
                } else {
                    future.complete(answer.value());
                }
            }
            BatchCall.safely(() -> listener.onBatchDone(finished.ids.length, Duration.ofNanos(finished.elapsed),
                    finished.call.thrown()));
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

    /** Configures a {@link DynamicBatcher}. */
    public static final class Builder<I, O> {
        private BatchSizer sizer = BatchSizer.fixed(8);
        private int minBatchSize = 1;
        private Duration maxWait = Duration.ofMillis(10);
        private Duration maxQueueTime = Duration.ofMinutes(5);
        private Duration starvationLimit = Duration.ofSeconds(2);
        private int queueCapacity = 1024;
        private int maxBatchesInFlight = 1;
        private ToDoubleFunction<I> length = item -> 0;
        private Ticker ticker = Ticker.SYSTEM;
        private Listener listener = Listener.NONE;

        private Builder() {}

        /** Sets how many items a batch may take: fixed or auto; default fixed at 8. */
        public Builder<I, O> sizer(BatchSizer sizer) {
            this.sizer = Check.notNull(sizer, "sizer");
            return this;
        }

        /** Sets how many queued items are worth dispatching without waiting; default 1. */
        public Builder<I, O> minBatchSize(int size) {
            this.minBatchSize = Check.positive(size, "minBatchSize");
            return this;
        }

        /** Sets the longest the oldest item waits for company while a batch slot is free; default 10 ms. */
        public Builder<I, O> maxWait(Duration maxWait) {
            this.maxWait = Check.notNegative(maxWait, "maxWait");
            return this;
        }

        /** Sets the longest an item may wait in the queue before it fails; default 5 minutes. */
        public Builder<I, O> maxQueueTime(Duration limit) {
            this.maxQueueTime = Check.positive(limit, "maxQueueTime");
            return this;
        }

        /** Sets how long a bulk item may wait behind interactive ones before it goes first; default 2 s. */
        public Builder<I, O> starvationLimit(Duration limit) {
            this.starvationLimit = Check.notNegative(limit, "starvationLimit");
            return this;
        }

        /** Sets how many items may wait, both priorities together; default 1024. */
        public Builder<I, O> queueCapacity(int capacity) {
            this.queueCapacity = Check.positive(capacity, "queueCapacity");
            return this;
        }

        /** Sets how many batches may run at once; default 1. */
        public Builder<I, O> maxBatchesInFlight(int batches) {
            this.maxBatchesInFlight = Check.positive(batches, "maxBatchesInFlight");
            return this;
        }

        /** Sets an item's length (seconds of audio, tokens) so that alike items share batches; default none. */
        public Builder<I, O> length(ToDoubleFunction<I> length) {
            this.length = Check.notNull(length, "length");
            return this;
        }

        public Builder<I, O> ticker(Ticker ticker) {
            this.ticker = Check.notNull(ticker, "ticker");
            return this;
        }

        public Builder<I, O> listener(Listener listener) {
            this.listener = Check.notNull(listener, "listener");
            return this;
        }

        public DynamicBatcher<I, O> build(BatchFunction<I, O> function) {
            Check.notNull(function, "function");
            return new DynamicBatcher<>(this, function);
        }
    }
}
