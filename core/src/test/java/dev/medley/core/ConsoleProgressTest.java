package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final FakeClock clock = new FakeClock();

    private static final RunStats STATS = new RunStats("probe", 0, 0, 0, 0, Duration.ZERO, 0,
            Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ItemResult<String, String> ok() {
        return new ItemResult.Ok<>(0, "a", "b", 1, Duration.ZERO);
    }

    private static ItemResult<String, String> failed() {
        return new ItemResult.Failed<>(0, "a", "boom", null, 1, Duration.ZERO);
    }

    private ConsoleProgress lines(long total) {
        return ConsoleProgress.create(err, ConsoleProgress.Mode.LINES, "probe", total, clock, Duration.ofSeconds(5));
    }

    @Test
    void printsALineAtMostEveryIntervalWithRateFailuresAndEta() {
        ConsoleProgress progress = lines(100);
        progress.onStart("probe");
        for (int i = 0; i < 9; i++) {
            progress.onItemDone("probe", ok());
        }
        assertThat(output()).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        progress.onItemDone("probe", failed());
        progress.onItemDone("probe", ok());

        assertThat(output().lines()).containsExactly("probe: 10/100 done (10%), 2 items/s, 1 failed, ETA 45s");
    }

    @Test
    void handlesATotalThatIsUnknownAtFirst() {
        ConsoleProgress progress = lines(-1);
        progress.onStart("probe");
        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < 10; i++) {
            progress.onItemDone("probe", ok());
        }
        progress.setTotal(20);
        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < 10; i++) {
            progress.onItemDone("probe", ok());
        }
        progress.onFinish(STATS);

        assertThat(output().lines()).containsExactly(
                "probe: 1 done, 0.2 items/s",
                "probe: 11/20 done (55%), 1.1 items/s, ETA 8.1s",
                "probe: 20/20 done (100%) in 10s, 2 items/s");
    }

    @Test
    void quietPrintsNothing() {
        ConsoleProgress progress = ConsoleProgress.create(err, ConsoleProgress.Mode.QUIET, "probe", 3);
        progress.onStart("probe");
        progress.onItemDone("probe", ok());
        progress.onFinish(STATS);

        assertThat(output()).isEmpty();
    }

    @Test
    void drawsABarOnTheGivenStreamOnlyAndClosesItOnFinish() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ConsoleProgress progress = ConsoleProgress.create(err, ConsoleProgress.Mode.BAR, "probe", 5);
            progress.onStart("probe");
            for (int i = 0; i < 5; i++) {
                progress.onItemDone("probe", i == 2 ? failed() : ok());
            }
            progress.onFinish(STATS);
        } finally {
            System.setOut(stdout);
        }

        assertThat(output()).contains("probe").contains("5/5").contains("1 failed").endsWith(System.lineSeparator());
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void detectsTheModeFromQuietAndTheLauncherProperty() {
        String before = System.getProperty("medley.tty");
        try {
            System.setProperty("medley.tty", "true");
            assertThat(ConsoleProgress.detect(true)).isEqualTo(ConsoleProgress.Mode.QUIET);
            assertThat(ConsoleProgress.detect(false)).isEqualTo(ConsoleProgress.Mode.BAR);
            System.clearProperty("medley.tty");
            assertThat(ConsoleProgress.detect(false)).as("stderr not a terminal: no progress at all")
                    .isEqualTo(ConsoleProgress.Mode.QUIET);
        } finally {
            if (before == null) {
                System.clearProperty("medley.tty");
            } else {
                System.setProperty("medley.tty", before);
            }
        }
    }

    @Test
    void theBarShowedQuestionMarksToTheEndThoughTheScanHadFinished() {
        ConsoleProgress progress = ConsoleProgress.create(err, ConsoleProgress.Mode.BAR, "probe", -1);
        progress.onStart("probe");
        for (int i = 0; i < 5; i++) {
            progress.onItemDone("probe", ok());
        }
        progress.onTotalKnown("probe", 5); // the input ran out: from here on the total is known
        progress.onFinish(STATS);

        assertThat(output()).contains("5/5 items").contains("100%").doesNotContain("?");
    }

    @Test
    void whileTheTotalIsUnknownTheBarShowsTheCountWithoutAQuestionMark() {
        String scanning = BarLine.render("probe", 500, 500, -1, Duration.ofSeconds(2), " probed 500", 100);
        assertThat(scanning).isEqualTo("probe 500 items, 250 items/s, probed 500");

        String known = BarLine.render("probe", 210, 210, 500, Duration.ofSeconds(1), " 3 failed", 100);
        assertThat(known).startsWith("probe  42% [").contains("] 210/500 items, 210 items/s, ETA 1.3s, 3 failed")
                .hasSizeLessThan(100).doesNotContain("?");
        assertThat(BarLine.render("probe", 210, 210, 500, Duration.ofSeconds(1), null, 30)).hasSize(29);
    }

    @Test
    void ctrlCSaidNothingAboutWhatWasDone() {
        ConsoleProgress scanning = lines(-1);
        scanning.onStart("probe");
        for (int i = 0; i < 120; i++) {
            scanning.onItemDone("probe", i < 3 ? failed() : ok());
        }
        assertThat(scanning.interruptedLine())
                .isEqualTo("probe interrupted: 120 files done (3 failed); run the same command again to resume");
        scanning.onTotalKnown("probe", 500);
        assertThat(scanning.interruptedLine())
                .isEqualTo("probe interrupted: 120 of 500 files done (3 failed); run the same command again to resume");
        scanning.onFinish(STATS);
    }
}
