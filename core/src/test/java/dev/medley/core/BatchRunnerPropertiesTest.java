package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Runs random mixes of successes, failures, skips and retries on real virtual threads. */
class BatchRunnerPropertiesTest {

    /** What the task does with item {@code i}, chosen by the generated plan. */
    enum Behaviour {
        OK, FAIL, SKIP, RETRY_ONCE;

        static Behaviour of(int code) {
            return code < 55 ? OK : code < 70 ? FAIL : code < 85 ? SKIP : RETRY_ONCE;
        }
    }

    @Property(tries = 200)
    void answersEveryItemExactlyOnceInInputOrder(
            @ForAll @Size(max = 150) List<@IntRange(min = 0, max = 99) Integer> plan,
            @ForAll @IntRange(min = 1, max = 8) int workers) {
        FakeClock clock = new FakeClock();
        RetryPolicy retryOnce = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(5), 1.0, 0.0,
                t -> t instanceof RetryableException);
        ConcurrentHashMap<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
        Set<Long> doneEvents = ConcurrentHashMap.newKeySet();
        AtomicInteger doneCount = new AtomicInteger();
        BatchListener listener = new BatchListener() {
            @Override
            public void onItemDone(String stage, ItemResult<?, ?> result) {
                doneEvents.add(result.index());
                doneCount.incrementAndGet();
            }
        };
        List<ItemResult<Integer, Integer>> results = new ArrayList<>();

        RunStats stats = BatchRunner.<Integer, Integer>builder("prop").workers(workers).retry(retryOnce)
                .listener(listener).ticker(clock).sleeper(clock).build()
                .run(indices(plan.size()), i -> {
                    int code = plan.get(i);
                    for (int spin = code % 7; spin > 0; spin--) {
                        Thread.yield(); // uneven work, so completion order differs from input order
                    }
                    return switch (Behaviour.of(code)) {
                        case OK -> i * 10;
                        case FAIL -> throw new IllegalStateException("fail " + i);
                        case SKIP -> throw new SkipItem("skip " + i);
                        case RETRY_ONCE -> {
                            if (calls.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet() == 1) {
                                throw new RetryableException("again " + i);
                            }
                            yield i * 10;
                        }
                    };
                }, results::add);

        assertThat(results).hasSize(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            ItemResult<Integer, Integer> r = results.get(i);
            assertThat(r.index()).isEqualTo(i);
            assertThat(r.item()).isEqualTo(i);
            switch (Behaviour.of(plan.get(i))) {
                case OK, RETRY_ONCE -> assertThat(r).isInstanceOfSatisfying(ItemResult.Ok.class, ok -> {
                    assertThat(ok.value()).isEqualTo((int) r.index() * 10);
                    assertThat(ok.attempts()).isEqualTo(Behaviour.of(plan.get((int) r.index())) == Behaviour.OK ? 1 : 2);
                });
                case FAIL -> assertThat(r).isInstanceOfSatisfying(ItemResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo("fail " + r.index()));
                case SKIP -> assertThat(r).isInstanceOfSatisfying(ItemResult.Skipped.class,
                        s -> assertThat(s.reason()).isEqualTo("skip " + r.index()));
            }
        }
        assertThat(doneCount.get()).isEqualTo(plan.size());
        assertThat(doneEvents).hasSize(plan.size());
        assertThat(stats.total()).isEqualTo(plan.size());
        assertThat(stats.ok() + stats.failed() + stats.skipped()).isEqualTo(plan.size());
        assertThat(stats.failed()).isEqualTo(plan.stream().filter(c -> Behaviour.of(c) == Behaviour.FAIL).count());
    }

    private static java.util.Iterator<Integer> indices(int n) {
        return java.util.stream.IntStream.range(0, n).boxed().iterator();
    }
}
