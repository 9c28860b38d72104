package dev.medley.core;

import java.time.Duration;
import me.tongfei.progressbar.ProgressState;

/**
 * Draws the progress bar's line. While the number of items is unknown (a folder walk still going)
 * it shows the count alone, {@code probe 500 items, 310 items/s}, not the "? %" and "500/?" of the
 * library's own renderer; once known, {@code probe  42% [====      ] 210/500 items, 310 items/s, ETA 1s}.
 * What {@link ConsoleProgress#note} says, and failures, follow.
 */
final class BarLine {
    private static final int MIN_BAR = 10;
    private static final int MAX_BAR = 40;

    private BarLine() {}

    static String render(ProgressState state, int width) {
        long total = state.isIndefinite() ? -1 : state.getMax();
        return render(state.getTaskName(), state.getCurrent() - state.getStart(), state.getCurrent(), total,
                state.getElapsedAfterStart(), state.getExtraMessage(), width);
    }

    /**
     * Returns the line for {@code done} items of {@code total} (-1 while unknown), {@code counted}
     * of them since {@code elapsed} began, at most {@code width} characters long.
     */
    static String render(String label, long counted, long done, long total, Duration elapsed, String extra,
            int width) {
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? counted / seconds : 0;
        String speed = ConsoleProgress.formatRate(rate) + " items/s";
        String note = extra == null || extra.isBlank() ? "" : "," + extra;
        String line;
        if (total < 0) {
            line = label + " " + done + " items, " + speed + note;
        } else {
            long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
            String head = String.format(java.util.Locale.ROOT, "%s %3d%%", label, percent);
            StringBuilder tail = new StringBuilder().append(' ').append(done).append('/').append(total)
                    .append(" items, ").append(speed);
            if (done < total && rate > 0) {
                tail.append(", ETA ").append(Durations.format(Duration.ofNanos((long) ((total - done) / rate * 1e9))));
            }
            int room = Math.min(MAX_BAR, width - 1 - head.length() - tail.length() - note.length() - 3);
            String bar = room < MIN_BAR ? "" : " [" + "=".repeat((int) (room * percent / 100))
                    + " ".repeat(room - (int) (room * percent / 100)) + "]";
            line = head + bar + tail + note;
        }
        // One short of the width: a line that fills it would wrap on some terminals and break the \r redraw.
        return line.length() < width ? line : line.substring(0, Math.max(0, width - 1));
    }
}
