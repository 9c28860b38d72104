package dev.medley.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.CatalogWriter;
import dev.medley.media.Prober;
import dev.medley.media.ScanOptions;
import dev.medley.media.sample.SampleMedia;
import dev.medley.metadata.Identify;
import dev.medley.organize.Mode;
import dev.medley.organize.OnConflict;
import dev.medley.organize.Planner;
import dev.medley.organize.Templates;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standard pipeline over real files, a real catalog and the in-process prober. */
class PipelineTest {
    private static byte[] clip;

    @TempDir Path dir;

    @BeforeAll
    static void encodeOneClip(@TempDir Path scratch) throws IOException {
        Path file = scratch.resolve("clip.flac");
        SampleMedia.write(file, SampleMedia.Format.FLAC, Duration.ofMillis(500), Map.of());
        clip = Files.readAllBytes(file);
    }

    /** Writes a playable file whose content is its own. */
    private Path media(String relative, long unique) throws IOException {
        Path file = dir.resolve("in").resolve(relative);
        Files.createDirectories(file.getParent());
        byte[] bytes = Arrays.copyOf(clip, clip.length + Long.BYTES);
        ByteBuffer.wrap(bytes, clip.length, Long.BYTES).putLong(unique);
        Files.write(file, bytes);
        return file;
    }

    private void library() throws IOException {
        media("Artist/Album (2001)/01 - One.flac", 1);
        media("Artist/Album (2001)/02 - Two.flac", 2);
        media("Show/Season 1/Show.S01E01.flac", 3);
        Files.writeString(dir.resolve("in/Artist/Album (2001)/notes.txt"), "not media");
        Files.write(dir.resolve("in/Show/Season 1/Show.S01E02.flac"), new byte[] {1, 2, 3}); // Damaged.
    }

    private PipelineOptions options(Identify identify, Planner.Options plan) {
        return new PipelineOptions("test", List.of(dir.resolve("in")), 3, ScanOptions.DEFAULT,
                Prober.inProcess(Duration.ofSeconds(10)), false, identify, null, plan, false);
    }

    private PipelineReport run(Identify identify, PipelineListener listener) {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            return Pipelines.standard(catalog, options(identify, null)).run(listener);
        }
    }

    @Test
    void aSecondRunProbesAndIdentifiesNothingAgain() throws IOException {
        library();
        PipelineReport first = run(Identify.DEFAULT, PipelineListener.NONE);
        assertThat(first.files()).isEqualTo(4);
        assertThat(first.stages().get("probe")).isEqualTo(new PipelineReport.StageCounts(3, 0, 0, 1));
        assertThat(first.stages().get("identify")).isEqualTo(new PipelineReport.StageCounts(4, 0, 0, 0));
        assertThat(first.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.path()).endsWith("Show.S01E02.flac");
            assertThat(failure.stage()).isEqualTo("probe");
        });
        assertThat(first.exitCode()).isEqualTo(1);

        PipelineReport second = run(Identify.DEFAULT, PipelineListener.NONE);
        // The damaged file's failed probe is current too: it is reported again, not probed again.
        assertThat(second.stages().get("probe")).isEqualTo(new PipelineReport.StageCounts(0, 3, 0, 1));
        assertThat(second.stages().get("identify")).isEqualTo(new PipelineReport.StageCounts(0, 4, 0, 0));
        assertThat(second.kinds()).isEqualTo(first.kinds());
    }

    @Test
    void otherOptionsIdentifyAgainAndAChangedFileIsProbedAgain() throws IOException {
        library();
        run(Identify.DEFAULT, PipelineListener.NONE);
        Path changed = dir.resolve("in/Artist/Album (2001)/01 - One.flac");
        Files.setLastModifiedTime(changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() - 60_000));
        PipelineReport again = run(new Identify(new Identify.Options(false)), PipelineListener.NONE);
        assertThat(again.stages().get("probe").done()).isEqualTo(1);
        assertThat(again.stages().get("identify")).isEqualTo(new PipelineReport.StageCounts(4, 0, 0, 0));
    }

    @Test
    void aFileAStageCannotHandleFailsAloneAndTheOthersGoOn() throws IOException {
        library();
        Stage picky = new Stage() {
            @Override
            public String name() {
                return "picky";
            }

            @Override
            public StageResult run(MediaFile file, CatalogWriter writer) throws IOException {
                if (file.entry().name().startsWith("02")) {
                    throw new IOException("cannot read " + file.entry().name());
                }
                return new StageResult.Done(file);
            }
        };
        List<String> failed = new ArrayList<>();
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            PipelineReport report = Pipelines.of(catalog, options(Identify.DEFAULT, null), List.of(picky))
                    .run(new PipelineListener() {
                        @Override
                        public void stageFailed(String stage, MediaFile file, String reason) {
                            failed.add(stage + " " + file.entry().name() + ": " + reason);
                        }
                    });
            assertThat(report.stages().get("picky")).isEqualTo(new PipelineReport.StageCounts(3, 0, 0, 1));
        }
        assertThat(failed).containsExactly("picky 02 - Two.flac: cannot read 02 - Two.flac");
    }

    @Test
    void eventsComeInTheDocumentedOrder() throws IOException {
        library();
        List<String> events = new ArrayList<>();
        PipelineListener recorder = new PipelineListener() {
            @Override
            public void runStarted(long runId) {
                events.add("started");
            }

            @Override
            public void stageDone(String stage, MediaFile file) {
                events.add(stage + " " + file.entry().name());
            }

            @Override
            public void stageSkipped(String stage, MediaFile file, String why) {
                events.add(stage + " " + file.entry().name());
            }

            @Override
            public void stageFailed(String stage, MediaFile file, String reason) {
                events.add(stage + " " + file.entry().name());
            }

            @Override
            public void fileFinished(MediaFile file, Progress progress) {
                events.add("finished " + file.entry().name() + " " + progress.files());
            }

            @Override
            public void planned(Planner.Planned decision) {
                events.add("planned " + Path.of(decision.item().source()).getFileName());
            }

            @Override
            public void planFinished(Planner.Summary plan) {
                events.add("plan made");
            }

            @Override
            public void runFinished(PipelineReport report) {
                events.add("finished run");
            }
        };
        Planner.Options plan = new Planner.Options(dir.resolve("library"), List.of(dir.resolve("in")), Mode.MOVE, false,
                OnConflict.SKIP, Templates.DEFAULT);
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            Pipelines.standard(catalog, options(Identify.DEFAULT, plan)).run(recorder);
        }
        assertThat(events).containsExactly(
                "started",
                "probe 01 - One.flac", "identify 01 - One.flac", "finished 01 - One.flac 1",
                "probe 02 - Two.flac", "identify 02 - Two.flac", "finished 02 - Two.flac 2",
                "planned 01 - One.flac", "planned 02 - Two.flac", "planned notes.txt",
                "probe Show.S01E01.flac", "identify Show.S01E01.flac", "finished Show.S01E01.flac 3",
                "probe Show.S01E02.flac", "identify Show.S01E02.flac", "finished Show.S01E02.flac 4",
                "planned Show.S01E01.flac", "planned Show.S01E02.flac",
                "plan made", "finished run");
    }
}
