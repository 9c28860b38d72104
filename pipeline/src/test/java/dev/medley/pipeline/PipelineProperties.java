package dev.medley.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.CatalogWriter;
import dev.medley.media.Prober;
import dev.medley.media.ScanOptions;
import dev.medley.metadata.Identify;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of a run over any tree, whatever fails and however many files are in flight. */
class PipelineProperties {

    /**
     * Every media file comes back exactly once, in scan order, as its own record; a file a stage
     * fails for is reported once, by that stage, and the files after it go on.
     */
    @Property(tries = 30)
    void everyFileIsAnsweredExactlyOnceByItsOwnRecord(
            @ForAll @Size(min = 0, max = 12) List<@IntRange(min = 0, max = 5) Integer> filesPerFolder,
            @ForAll @IntRange(min = 1, max = 6) int workers,
            @ForAll @IntRange(min = 2, max = 7) int failEvery) throws IOException {
        Path dir = Files.createTempDirectory("pipeline-property");
        try {
            List<String> expected = new ArrayList<>();
            Files.createDirectories(dir.resolve("in"));
            for (int folder = 0; folder < filesPerFolder.size(); folder++) {
                // Folders nest every third one, so that a folder's files and its subfolders interleave in the walk.
                Path parent = dir.resolve("in").resolve(folder % 3 == 0 ? "f" + folder : "f" + (folder - folder % 3) + "/g" + folder);
                Files.createDirectories(parent);
                Files.writeString(parent.resolve("readme.txt"), "not media");
                for (int file = 0; file < filesPerFolder.get(folder); file++) {
                    Path media = parent.resolve("t" + file + ".flac");
                    Files.writeString(media, "file " + folder + "/" + file);
                }
            }
            try (Stream<Path> walk = Files.walk(dir.resolve("in"))) {
                walk.filter(p -> p.toString().endsWith(".flac")).forEach(p -> expected.add(p.toString()));
            }
            Stage flaky = new Stage() {
                @Override
                public String name() {
                    return "flaky";
                }

                @Override
                public StageResult run(MediaFile file, CatalogWriter writer) throws IOException {
                    if (Math.floorMod(file.path().toString().hashCode(), failEvery) == 0) {
                        throw new IOException("fails: " + file.path());
                    }
                    return new StageResult.Done(file);
                }
            };
            List<String> answered = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            PipelineReport report;
            try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
                PipelineOptions options = new PipelineOptions("property", List.of(dir.resolve("in")), workers,
                        ScanOptions.DEFAULT, Prober.inProcess(Duration.ofSeconds(5)), false, Identify.DEFAULT, null, null,
                        false);
                report = Pipelines.of(catalog, options, List.of(flaky)).run(new PipelineListener() {
                    @Override
                    public void fileFinished(MediaFile file, Progress progress) {
                        answered.add(file.path().toString());
                        assertThat(progress.files()).isEqualTo(answered.size());
                    }

                    @Override
                    public void stageFailed(String stage, MediaFile file, String reason) {
                        assertThat(reason).isEqualTo("fails: " + file.path());
                        failed.add(file.path().toString());
                    }
                });
            }
            assertThat(answered).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(Set.copyOf(answered)).hasSameSizeAs(answered);
            assertThat(answered).isEqualTo(scanOrder(answered));
            assertThat(report.files()).isEqualTo(expected.size());
            assertThat(report.failures()).extracting(PipelineReport.Failure::path).containsExactlyElementsOf(failed);
            assertThat(failed).allMatch(p -> Math.floorMod(p.hashCode(), failEvery) == 0);
            assertThat(report.stages().get("flaky").done() + failed.size()).isEqualTo(expected.size());
        } finally {
            delete(dir);
        }
    }

    /** A folder's files come before its subfolders', and names sort within a folder. */
    private static List<String> scanOrder(List<String> files) {
        return files.stream().sorted(Comparator.comparing((String p) -> Path.of(p).getParent().toString())
                .thenComparing(p -> p)).toList();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
