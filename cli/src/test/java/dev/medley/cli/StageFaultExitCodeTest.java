package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.CatalogWriter;
import dev.medley.media.Prober;
import dev.medley.media.ScanOptions;
import dev.medley.metadata.Identify;
import dev.medley.pipeline.MediaFile;
import dev.medley.pipeline.PipelineListener;
import dev.medley.pipeline.PipelineOptions;
import dev.medley.pipeline.Pipelines;
import dev.medley.pipeline.Stage;
import dev.medley.pipeline.StageResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * A fault inside a stage is Medley's, not the user's: it stops the run with exit code 3 and one
 * line (the trace only with --debug), never 2, even when its type is IllegalArgumentException, the
 * type picocli takes for bad input.
 */
class StageFaultExitCodeTest {
    @TempDir Path dir;

    /** A stage with a bug in it. */
    private static final class Faulty implements Stage {
        @Override
        public String name() {
            return "faulty";
        }

        @Override
        public StageResult run(MediaFile file, CatalogWriter writer) {
            throw new IllegalArgumentException("index -1 out of range for " + file.entry().name());
        }
    }

    @Command(name = "faulty-run")
    final class FaultyRun implements Callable<Integer> {
        @Override
        public Integer call() {
            try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
                PipelineOptions options = new PipelineOptions("faulty-run", List.of(dir.resolve("in")), 2,
                        ScanOptions.DEFAULT, Prober.inProcess(Duration.ofSeconds(5)), false, Identify.DEFAULT, null,
                        null, false);
                return Pipelines.of(catalog, options, List.of(new Faulty())).run(PipelineListener.NONE).exitCode();
            }
        }
    }

    private String run(String... args) throws Exception {
        TestMedia.write(dir.resolve("in/song.mkv"), 1);
        StringWriter err = new StringWriter();
        CommandLine medley = Medley.commandLine();
        medley.addSubcommand("faulty-run", new FaultyRun());
        medley.setErr(new PrintWriter(err, true));
        int exitCode = medley.execute(args);
        return exitCode + "\n" + err;
    }

    @Test
    void anIllegalArgumentExceptionInsideAStageExitsThreeWithOneLine() throws Exception {
        String result = run("faulty-run");
        assertThat(result).startsWith("3\nmedley: internal error: java.lang.IllegalArgumentException: index -1 out of "
                + "range for song.mkv").doesNotContain("\tat ").doesNotContain("--help");
    }

    @Test
    void theTraceComesWithDebug() throws Exception {
        String result = run("faulty-run", "--debug");
        assertThat(result).startsWith("3\n").contains("\tat dev.medley.cli.StageFaultExitCodeTest$Faulty.run");
    }
}
