package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsRecorderTest {

    private static ItemResult<String, String> ok(long latencyMillis) {
        return new ItemResult.Ok<>(0, "x", "y", 1, Duration.ofMillis(latencyMillis));
    }

    @Test
    void computesPercentilesOfKnownLatencies() {
        FakeClock clock = new FakeClock();
        StatsRecorder recorder = new StatsRecorder("probe", clock);
        for (int ms = 1; ms <= 100; ms++) {
            recorder.record(ok(ms));
        }
        clock.advance(Duration.ofSeconds(10));

        RunStats stats = recorder.snapshot();

        assertThat(stats.p50().toNanos() / 1e6).isCloseTo(50, within(0.1));
        assertThat(stats.p95().toNanos() / 1e6).isCloseTo(95, within(0.1));
        assertThat(stats.p99().toNanos() / 1e6).isCloseTo(99, within(0.1));
        assertThat(stats.wall()).isEqualTo(Duration.ofSeconds(10));
        assertThat(stats.itemsPerSecond()).isEqualTo(10.0);
    }

    @Test
    void countsEachKindOfResult() {
        StatsRecorder recorder = new StatsRecorder("probe", new FakeClock());
        recorder.record(ok(1));
        recorder.record(ok(1));
        recorder.record(new ItemResult.Failed<>(2, "x", "boom", null, 3, Duration.ofMillis(5)));
        recorder.record(new ItemResult.Skipped<>(3, "x", "known", Duration.ZERO));

        RunStats stats = recorder.snapshot();

        assertThat(stats.total()).isEqualTo(4);
        assertThat(stats.ok()).isEqualTo(2);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.skipped()).isEqualTo(1);
    }

    @Test
    void reportsZerosBeforeAnyItem() {
        RunStats stats = new StatsRecorder("probe", new FakeClock()).snapshot();

        assertThat(stats.total()).isZero();
        assertThat(stats.p99()).isEqualTo(Duration.ZERO);
        assertThat(stats.itemsPerSecond()).isZero();
        assertThat(stats.toText()).isEqualTo("probe: 0 items in 0ms (0.0 items/s): 0 ok, 0 failed, 0 skipped");
    }

    @Test
    void recordsFromManyThreadsWithoutLosingItems() throws InterruptedException {
        StatsRecorder recorder = new StatsRecorder("probe");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    recorder.record(ok(i % 7));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(recorder.snapshot().ok()).isEqualTo(40_000);
    }

    @Test
    void rendersForMachinesAndHumans() {
        RunStats stats = new RunStats("probe", 10, 7, 2, 1, Duration.ofMillis(2500), 4.0,
                Duration.ofMillis(12), Duration.ofMillis(40), Duration.ofMillis(1500));

        assertThat(stats.toMap()).containsExactly(
                Map.entry("stage", "probe"), Map.entry("total", 10L), Map.entry("ok", 7L),
                Map.entry("failed", 2L), Map.entry("skipped", 1L), Map.entry("wallSeconds", 2.5),
                Map.entry("itemsPerSecond", 4.0),
                Map.entry("latencyMs", Map.of("p50", 12.0, "p95", 40.0, "p99", 1500.0)));
        assertThat(stats.toText().lines()).containsExactly(
                "probe: 10 items in 2.5s (4.0 items/s): 7 ok, 2 failed, 1 skipped",
                "probe: latency p50 12ms, p95 40ms, p99 1.5s");
    }
}
