package dev.medley.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Collects counts and latencies of finished items into {@link RunStats}, in constant memory.
 *
 * <p>Thread-safe. {@link BatchRunner} uses one per run; callers with their own loops can use it
 * directly: create it when the work starts, {@link #record} each result, {@link #snapshot} at any
 * time. Latencies are kept to three significant digits between 1 µs and one day; longer ones count
 * as one day.
 */
public final class StatsRecorder {

    private static final long MAX_MICROS = TimeUnit.DAYS.toMicros(1);

    private final String stage;
    private final Ticker ticker;
    private final long startedAt;
    private final Histogram latencyMicros = new Histogram(1, MAX_MICROS, 3);
    private long ok;
    private long failed;
    private long skipped;

    /** Starts recording for {@code stage}, measuring wall time with the system clock. */
    public StatsRecorder(String stage) {
        this(stage, Ticker.SYSTEM);
    }

    /** Starts recording for {@code stage}, measuring wall time with {@code ticker}. */
    public StatsRecorder(String stage, Ticker ticker) {
        this.stage = Check.notNull(stage, "stage");
        this.ticker = Check.notNull(ticker, "ticker");
        this.startedAt = ticker.read();
    }

    /** Counts one finished item and its latency. */
    public void record(ItemResult<?, ?> result) {
        long micros = Math.clamp(result.latency().toNanos() / 1_000, 0, MAX_MICROS);
        synchronized (this) {
            switch (result) {
                case ItemResult.Ok<?, ?> ignored -> ok++;
                case ItemResult.Failed<?, ?> ignored -> failed++;
                case ItemResult.Skipped<?, ?> ignored -> skipped++;
            }
            latencyMicros.recordValue(micros);
        }
    }

    /** Returns the statistics so far; wall time runs from construction to now. */
    public synchronized RunStats snapshot() {
        Duration wall = Duration.ofNanos(Math.max(0, ticker.read() - startedAt));
        long total = ok + failed + skipped;
        double seconds = wall.toNanos() / 1e9;
        double rate = seconds > 0 ? total / seconds : 0.0;
        return new RunStats(stage, total, ok, failed, skipped, wall, rate,
                percentile(50), percentile(95), percentile(99));
    }

    private Duration percentile(double p) {
        if (latencyMicros.getTotalCount() == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(latencyMicros.getValueAtPercentile(p) * 1_000);
    }
}
