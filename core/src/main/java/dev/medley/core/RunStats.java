package dev.medley.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Summarises a run: counts, wall time, throughput and latency percentiles over all finished items.
 *
 * @param stage          name of the stage
 * @param total          finished items: {@code ok + failed + skipped}
 * @param ok             items that succeeded
 * @param failed         items that failed
 * @param skipped        items the task skipped
 * @param wall           time since the run started
 * @param itemsPerSecond finished items per second of wall time
 * @param p50            median item latency
 * @param p95            95th percentile of item latency
 * @param p99            99th percentile of item latency
 */
public record RunStats(
        String stage,
        long total,
        long ok,
        long failed,
        long skipped,
        Duration wall,
        double itemsPerSecond,
        Duration p50,
        Duration p95,
        Duration p99) {

    /** Validates that names and durations are present. */
    public RunStats {
        Check.notNull(stage, "stage");
        Check.notNull(wall, "wall");
        Check.notNull(p50, "p50");
        Check.notNull(p95, "p95");
        Check.notNull(p99, "p99");
    }

    /**
     * Returns the figures with JSON-friendly keys and values, in a stable order: stage, total, ok,
     * failed, skipped, wallSeconds, itemsPerSecond, latencyMs {p50, p95, p99}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", millis(p50));
        latency.put("p95", millis(p95));
        latency.put("p99", millis(p99));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("stage", stage);
        map.put("total", total);
        map.put("ok", ok);
        map.put("failed", failed);
        map.put("skipped", skipped);
        map.put("wallSeconds", round(wall.toNanos() / 1e9, 3));
        map.put("itemsPerSecond", round(itemsPerSecond, 1));
        map.put("latencyMs", Collections.unmodifiableMap(latency));
        return Collections.unmodifiableMap(map);
    }

    /**
     * Returns one line of counts, plus a line of latencies when any item finished, e.g.
     * "probe: 5000 items in 12.3s (406.5 items/s): 4990 ok, 7 failed, 3 skipped".
     */
    public String toText() {
        return toText(null);
    }

    /**
     * Returns {@link #toText()} with {@code okDetail} after the ok count, e.g. "500 ok (500 from the
     * catalog)"; null for none.
     */
    public String toText(String okDetail) {
        String counts = String.format(Locale.ROOT, "%s: %d items in %s (%.1f items/s): %d ok%s, %d failed, %d skipped",
                stage, total, Durations.format(wall), itemsPerSecond, ok, okDetail == null ? "" : " (" + okDetail + ")",
                failed, skipped);
        if (total == 0) {
            return counts;
        }
        return counts + System.lineSeparator() + String.format(Locale.ROOT, "%s: latency p50 %s, p95 %s, p99 %s",
                stage, Durations.format(p50), Durations.format(p95), Durations.format(p99));
    }

    private static double millis(Duration d) {
        return round(d.toNanos() / 1e6, 3);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
