package dev.medley.core;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows the progress of a run on the error stream, never on standard output, so that piped results
 * stay clean.
 *
 * <p>{@link Mode#BAR} draws a progress bar with rate and ETA, for terminals. {@link Mode#LINES}
 * prints a plain line at most every few seconds, for logs, such as
 * {@code probe: 1200/5000 done (24%), 310 items/s, 3 failed, ETA 12s}, and a last one when the run
 * finishes. {@link Mode#QUIET} prints nothing. The total may be unknown at first (pass -1): while
 * it is, the count shows alone, with no percentage; it is set by {@link #onTotalKnown} once the
 * input runs out, or by {@link #setTotal}. Use one instance per run; {@link #onFinish} closes the
 * bar.
 *
 * <p>While a {@link BatchRunner} run is in progress (from {@link #onStart} to {@link #onFinish}), a
 * JVM shutdown hook stands ready: if the process is stopped before the run finishes (Ctrl-C), it
 * prints one line, whatever the mode, saying how far the run got, such as
 * {@code probe interrupted: 120 of 500 files done; run the same command again to resume}.
 */
public final class ConsoleProgress implements BatchListener {

    /** Selects how progress looks. */
    public enum Mode { BAR, LINES, QUIET }

    private static final Duration LINE_INTERVAL = Duration.ofSeconds(5);
    private static final int DEFAULT_WIDTH = 100;

    private final PrintStream err;
    private final Mode mode;
    private final String label;
    private final Ticker ticker;
    private final long intervalNanos;
    private long total;
    private long done;
    private long failed;
    private long startedAt;
    private long lastLineAt;
    private boolean started;
    private boolean finished;
    private ProgressBar bar;
    private BarConsumer barConsumer;
    private Thread interruptionNotice;

    private ConsoleProgress(PrintStream err, Mode mode, String label, long total, Ticker ticker, Duration interval) {
        this.err = Check.notNull(err, "err");
        this.mode = Check.notNull(mode, "mode");
        this.label = Check.notBlank(label, "label");
        this.total = checkTotal(total);
        this.ticker = ticker;
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Creates a progress display writing to {@code err}.
     *
     * @param totalOrMinusOne number of items, or -1 while unknown
     */
    public static ConsoleProgress create(PrintStream err, Mode mode, String label, long totalOrMinusOne) {
        return new ConsoleProgress(err, mode, label, totalOrMinusOne, Ticker.SYSTEM, LINE_INTERVAL);
    }

    static ConsoleProgress create(PrintStream err, Mode mode, String label, long total, Ticker ticker, Duration interval) {
        return new ConsoleProgress(err, mode, label, total, ticker, Check.positive(interval, "interval"));
    }

    /**
     * Picks the mode for this process: BAR if the system property {@code medley.tty} is "true" (the
     * launcher sets it when stderr is a terminal) and not {@code quiet}, else QUIET: progress on a
     * stderr that is a file or a pipe is noise in someone's log.
     */
    public static Mode detect(boolean quiet) {
        return !quiet && Boolean.getBoolean("medley.tty") ? Mode.BAR : Mode.QUIET;
    }

    /** Sets the number of items once known, or -1 when it is not. */
    public synchronized void setTotal(long total) {
        this.total = checkTotal(total);
        if (bar != null) {
            bar.maxHint(total);
        }
    }

    private int linesPrinted;
    private String note;

    @Override
    public synchronized void onStart(String stage) {
        startIfNeeded();
        if (interruptionNotice == null && !finished) {
            interruptionNotice = Thread.ofPlatform().name("medley-interrupted").unstarted(this::sayInterrupted);
            try {
                Runtime.getRuntime().addShutdownHook(interruptionNotice);
            } catch (IllegalStateException shuttingDown) {
                interruptionNotice = null;
            }
        }
    }

    @Override
    public void onTotalKnown(String stage, long total) {
        setTotal(total);
    }

    @Override
    public synchronized void onItemDone(String stage, ItemResult<?, ?> result) {
        step(result instanceof ItemResult.Failed<?, ?>);
    }

    /** Counts one item done by work that does not run on a {@link BatchRunner}: a plan decision, a file moved. */
    public synchronized void step(boolean failedItem) {
        startIfNeeded();
        done++;
        if (failedItem) {
            failed++;
        }
        if (bar != null) {
            bar.step();
            if (failedItem || note != null) {
                bar.setExtraMessage(extra());
            }
        } else if (mode == Mode.LINES && !finished) {
            long now = ticker.read();
            if (now - lastLineAt >= intervalNanos) {
                lastLineAt = now;
                linesPrinted++;
                err.println(line(now, false));
            }
        }
    }

    /** Shows {@code text} beside the count, such as what each stage of a pipeline has done. */
    public synchronized void note(String text) {
        note = text;
        if (bar != null) {
            bar.setExtraMessage(extra());
        }
    }

    private String extra() {
        String failures = failed > 0 ? " " + failed + " failed" : "";
        return note == null ? failures : " " + note + failures;
    }

    /** Closes the display. */
    public void finish() {
        onFinish(null);
    }

    @Override
    public synchronized void onFinish(RunStats stats) {
        startIfNeeded();
        if (finished) {
            return;
        }
        finished = true;
        if (interruptionNotice != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(interruptionNotice);
            } catch (IllegalStateException shuttingDown) {
                // The notice is running or about to; it finds the run finished and says nothing.
            }
        }
        closeBar();
        if (mode == Mode.LINES && linesPrinted > 0) {
            // Closes the series of progress lines; a run too short to print any needs no closing line.
            err.println(line(ticker.read(), true));
        }
        err.flush();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            // A bar closed before its first refresh skips closing its consumer, leaving the line open.
            if (!barConsumer.closed) {
                barConsumer.close();
            }
        }
    }

    // Runs in the shutdown hook: the process is going (Ctrl-C) with the run unfinished.
    private synchronized void sayInterrupted() {
        if (finished) {
            return;
        }
        finished = true;
        closeBar();
        err.println(interruptedLine());
        err.flush();
    }

    /** Returns the line said when the process stops mid-run: what was finished, and how to go on. */
    synchronized String interruptedLine() {
        return label + " interrupted: " + done + (total >= 0 ? " of " + total : "") + " files done"
                + (failed > 0 ? " (" + failed + " failed)" : "") + "; run the same command again to resume";
    }

    private void startIfNeeded() {
        if (started) {
            return;
        }
        started = true;
        startedAt = ticker.read();
        lastLineAt = startedAt;
        if (mode == Mode.BAR) {
            barConsumer = new BarConsumer(err, width());
            bar = new ProgressBarBuilder()
                    .setTaskName(label)
                    .setInitialMax(total)
                    .setRenderer(BarLine::render)
                    .setConsumer(barConsumer)
                    .build();
        }
    }

    private String line(long now, boolean last) {
        double seconds = Math.max(0, now - startedAt) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder line = new StringBuilder(label).append(": ").append(done);
        if (total >= 0) {
            line.append('/').append(total).append(" done (")
                    .append(total == 0 ? 100 : Math.min(100, done * 100 / total)).append("%)");
        } else {
            line.append(" done");
        }
        if (last) {
            line.append(" in ").append(Durations.format(Duration.ofNanos(Math.max(0, now - startedAt))));
        }
        line.append(", ").append(formatRate(rate)).append(" items/s");
        if (failed > 0) {
            line.append(", ").append(failed).append(" failed");
        }
        if (note != null) {
            line.append(" [").append(note).append(']');
        }
        if (!last && total > done && rate > 0) {
            Duration eta = Duration.ofNanos((long) ((total - done) / rate * 1e9));
            line.append(", ETA ").append(Durations.format(eta));
        }
        return line.toString();
    }

    // Slow stages (a few items per second) need the decimal; fast ones do not.
    static String formatRate(double rate) {
        if (rate >= 10) {
            return String.format(Locale.ROOT, "%.0f", rate);
        }
        String text = String.format(Locale.ROOT, "%.1f", rate);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    private static long checkTotal(long total) {
        if (total < -1) {
            throw new IllegalArgumentException("total must be -1 (unknown) or at least 0, got " + total);
        }
        return total;
    }

    // An explicit width keeps the library from probing the terminal; COLUMNS is set by most shells.
    private static int width() {
        Integer fromProperty = Integer.getInteger("medley.columns");
        if (fromProperty != null && fromProperty > 20) {
            return fromProperty;
        }
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return columns > 20 ? columns : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    private static final class BarConsumer extends ConsoleProgressBarConsumer {

        private volatile boolean closed;

        BarConsumer(PrintStream out, int width) {
            super(out, width);
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }
}
