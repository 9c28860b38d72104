package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Drives the micro-batcher's state machine through random arrival schedules and random batch
 * durations on a simulated clock, checking its promises after every step.
 */
class BatchQueuePropertiesTest {

    record Config(int max, int min, long maxWait, int capacity, int inFlight, Overflow overflow) {}

    enum Outcome { ANSWERED, REJECTED, TIMED_OUT }

    private record Running(long finishAt, List<Integer> items) {}

    @Provide
    Arbitrary<Config> configs() {
        Arbitrary<Overflow> overflow = Arbitraries.oneOf(
                Arbitraries.just(Overflow.block()),
                Arbitraries.just(Overflow.reject()),
                Arbitraries.longs().between(1, 60).map(n -> Overflow.failAfter(Duration.ofNanos(n))));
        return Combinators.combine(
                        Arbitraries.integers().between(1, 8),
                        Arbitraries.integers().between(1, 8),
                        Arbitraries.longs().between(0, 50),
                        Arbitraries.integers().between(1, 20),
                        Arbitraries.integers().between(1, 3),
                        overflow)
                .as((max, min, maxWait, capacity, inFlight, policy) -> new Config(
                        max, Math.min(min, max), maxWait, Math.max(capacity, Math.min(min, max)), inFlight, policy));
    }

    @Property(tries = 400)
    void keepsEveryPromiseOfTheDispatchRule(
            @ForAll("configs") Config config,
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 15) Integer> gaps,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 40) Integer> durations,
            @ForAll @IntRange(min = 0, max = 100) int closeDelay) {
        new Simulation(config, gaps, durations, closeDelay).run();
    }

    /** Plays one schedule; every check fails the property on the spot. */
    private static final class Simulation {

        private final Config c;
        private final BatchQueue<Integer> queue;
        private final long[] arrivals;
        private final List<Integer> durations;
        private final long closeAt;
        private final long failAfter;

        private final Map<Integer, Outcome> outcomes = new HashMap<>();
        private final Map<Integer, Long> queuedSince = new HashMap<>();
        private final ArrayDeque<Integer> waiting = new ArrayDeque<>();
        private final Map<Integer, Long> offeredAt = new HashMap<>();
        private final List<Integer> admissionOrder = new ArrayList<>();
        private final List<Integer> dispatchOrder = new ArrayList<>();
        private final List<Integer> foundFull = new ArrayList<>();
        private final List<Running> running = new ArrayList<>();
        private int modelQueued;
        private int batches;
        private boolean closed;
        private long t;

        Simulation(Config config, List<Integer> gaps, List<Integer> durations, int closeDelay) {
            this.c = config;
            this.queue = new BatchQueue<>(c.max(), c.min(), Duration.ofNanos(c.maxWait()), c.capacity(),
                    c.overflow(), c.inFlight());
            this.arrivals = new long[gaps.size()];
            long at = 0;
            for (int i = 0; i < gaps.size(); i++) {
                at += gaps.get(i);
                arrivals[i] = at;
            }
            this.durations = durations;
            this.closeAt = at + closeDelay;
            this.failAfter = c.overflow() instanceof Overflow.FailAfter f ? f.timeout().toNanos() : -1;
        }

        void run() {
            int next = 0;
            for (int step = 0; ; step++) {
                if (step > 100_000) {
                    fail("no progress at t=%d", t);
                }
                finishBatchesDue();
                while (next < arrivals.length && arrivals[next] == t) {
                    offer(next++);
                }
                if (!closed && next == arrivals.length && t >= closeAt) {
                    queue.close();
                    closed = true;
                }
                expireWaiters();
                dispatch();
                checkInvariants();
                if (closed && queue.drained()) {
                    break;
                }
                t = nextTime(next);
            }
            checkFinalOutcomes();
        }

        private void finishBatchesDue() {
            running.removeIf(r -> {
                if (r.finishAt() != t) {
                    return false;
                }
                queue.batchFinished();
                r.items().forEach(id -> record(id, Outcome.ANSWERED));
                return true;
            });
        }

        private void offer(int id) {
            boolean full = modelQueued >= c.capacity() || !waiting.isEmpty();
            BatchQueue.Admission admission = queue.offer(id, t);
            if (!full) {
                assertThat(admission).isEqualTo(BatchQueue.Admission.QUEUED);
                admit(id);
                return;
            }
            foundFull.add(id);
            if (c.overflow() instanceof Overflow.Reject) {
                assertThat(admission).isEqualTo(BatchQueue.Admission.REJECTED);
                record(id, Outcome.REJECTED);
            } else {
                assertThat(admission).isEqualTo(BatchQueue.Admission.WAITING);
                waiting.add(id);
                offeredAt.put(id, t);
            }
        }

        private void admit(int id) {
            modelQueued++;
            queuedSince.put(id, t);
            admissionOrder.add(id);
        }

        private void expireWaiters() {
            for (int id : queue.expire(t)) {
                assertThat(failAfter).as("only failAfter waiters expire").isPositive();
                assertThat(waiting.pollFirst()).as("waiters expire in order").isEqualTo(id);
                assertThat(t).as("waiter %d times out exactly at its deadline", id).isEqualTo(offeredAt.get(id) + failAfter);
                record(id, Outcome.TIMED_OUT);
            }
        }

        private void dispatch() {
            BatchQueue.Batch<Integer> batch;
            while ((batch = queue.poll(t)) != null) {
                List<Integer> items = batch.items();
                assertThat(items.size()).isBetween(1, c.max());
                switch (batch.release()) {
                    case FULL -> assertThat(items).hasSize(c.max());
                    case MIN_SIZE -> assertThat(items.size()).isGreaterThanOrEqualTo(c.min());
                    case MAX_WAIT -> {
                        assertThat(items.size()).isLessThan(c.min());
                        assertThat(t - queuedSince.get(items.getFirst())).isGreaterThanOrEqualTo(c.maxWait());
                    }
                    case CLOSE -> assertThat(closed).isTrue();
                }
                int from = dispatchOrder.size();
                assertThat(items).as("FIFO").isEqualTo(admissionOrder.subList(from, from + items.size()));
                dispatchOrder.addAll(items);
                modelQueued -= items.size();
                running.add(new Running(t + durations.get(batches++ % durations.size()), items));
                assertThat(running.size()).as("batches in flight").isLessThanOrEqualTo(c.inFlight());
                for (int id : batch.admitted()) {
                    assertThat(waiting.pollFirst()).as("waiters are admitted in order").isEqualTo(id);
                    if (failAfter > 0) {
                        assertThat(t - offeredAt.get(id)).isLessThan(failAfter);
                    }
                    admit(id);
                }
            }
        }

        private void checkInvariants() {
            assertThat(queue.inFlight()).isEqualTo(running.size());
            assertThat(queue.queued()).isEqualTo(modelQueued).isLessThanOrEqualTo(c.capacity());
            assertThat(queue.waiting()).isEqualTo(waiting.size());
            if (!waiting.isEmpty()) {
                assertThat(modelQueued).as("nobody waits while there is room").isEqualTo(c.capacity());
            }
            if (running.size() < c.inFlight() && modelQueued > 0) {
                // A slot is free, so what is still queued must be young and too few for a batch.
                assertThat(closed).isFalse();
                assertThat(modelQueued).isLessThan(c.min());
                int oldest = admissionOrder.get(dispatchOrder.size());
                assertThat(t - queuedSince.get(oldest)).as("wait bound").isLessThan(c.maxWait());
            }
        }

        private long nextTime(int next) {
            long candidate = Long.MAX_VALUE;
            if (next < arrivals.length) {
                candidate = arrivals[next];
            } else if (!closed) {
                candidate = Math.max(closeAt, t + 1);
            }
            for (Running r : running) {
                candidate = Math.min(candidate, r.finishAt());
            }
            long deadline = queue.nextDeadline();
            if (deadline != Long.MAX_VALUE) {
                assertThat(deadline).as("a deadline already due would have been handled").isGreaterThan(t);
                candidate = Math.min(candidate, deadline);
            }
            assertThat(candidate).as("something is pending at t=%d", t).isNotEqualTo(Long.MAX_VALUE);
            return candidate;
        }

        private void record(int id, Outcome outcome) {
            Outcome before = outcomes.put(id, outcome);
            assertThat(before).as("item %d answered twice", id).isNull();
        }

        private void checkFinalOutcomes() {
            assertThat(outcomes).hasSize(arrivals.length);
            assertThat(dispatchOrder).isEqualTo(admissionOrder);
            for (int id = 0; id < arrivals.length; id++) {
                Outcome outcome = outcomes.get(id);
                switch (c.overflow()) {
                    case Overflow.Block b -> assertThat(outcome).isEqualTo(Outcome.ANSWERED);
                    case Overflow.Reject r -> assertThat(outcome == Outcome.REJECTED).isEqualTo(foundFull.contains(id));
                    case Overflow.FailAfter f -> assertThat(outcome).isNotEqualTo(Outcome.REJECTED);
                }
            }
        }
    }
}
