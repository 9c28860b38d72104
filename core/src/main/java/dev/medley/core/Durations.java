package dev.medley.core;

import java.time.Duration;
import java.util.Locale;

/** Converts and prints durations for humans: "250ms", "1.5s", "2m05s", "1h02m". */
final class Durations {

    private Durations() {}

    /** Returns the duration in nanoseconds, clamped instead of overflowing. */
    static long toNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static String format(Duration d) {
        long nanos = toNanos(d);
        if (nanos < 0) {
            return "-" + format(Duration.ofNanos(-Math.max(nanos, -Long.MAX_VALUE)));
        }
        if (nanos < 1_000_000L) {
            return trim(String.format(Locale.ROOT, "%.2f", nanos / 1e6)) + "ms";
        }
        if (nanos < 10_000_000L) {
            return trim(String.format(Locale.ROOT, "%.1f", nanos / 1e6)) + "ms";
        }
        if (nanos < 1_000_000_000L) {
            return (nanos / 1_000_000L) + "ms";
        }
        if (nanos < 60_000_000_000L) {
            return trim(String.format(Locale.ROOT, "%.1f", Math.floor(nanos / 1e8) / 10)) + "s";
        }
        long seconds = d.toSeconds();
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    private static String trim(String decimal) {
        if (decimal.indexOf('.') < 0) {
            return decimal;
        }
        String trimmed = decimal.replaceAll("0+$", "");
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
