package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.RunRecord;
import dev.medley.media.MediaProbe;
import dev.medley.metadata.Identify;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the applier and undo refuse to do, and what they say instead. */
class ApplierTest {
    // The probe is not under test here: every file plays, and tags come from the test.
    private static Planner.Probes playable(Map<String, String> tags) {
        return PlayableProbes.withTags(tags);
    }

    @TempDir Path dir;

    private record Outcome(long planRun, long applyRun, List<Applier.Result> results) {}

    private Outcome organize(Catalog catalog, Path source, Path library, Mode mode, boolean fallback, Map<String, String> tags) {
        long planRun = catalog.startRun("organize", "");
        new Planner(catalog, new Planner.Options(library, List.of(source), mode, fallback, OnConflict.SKIP, Templates.DEFAULT))
                .plan(planRun, playable(tags), Identify.DEFAULT, planned -> { }, (path, problem) -> { });
        catalog.finishRun(planRun, RunRecord.Status.COMPLETED, new RunRecord.Counts(0, 0, 0, 0));
        long applyRun = catalog.startRun("apply", "");
        List<Applier.Result> results = new ArrayList<>();
        new Applier(catalog).apply(planRun, applyRun, results::add);
        catalog.finishRun(applyRun, RunRecord.Status.COMPLETED, new RunRecord.Counts(0, 0, 0, 0));
        return new Outcome(planRun, applyRun, results);
    }

    private Path film(String name) throws Exception {
        Path file = dir.resolve("in").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "film " + name);
        return file;
    }

    @Test
    void aReflinkThatCannotBeMadeIsAnErrorUnlessCopyingIsAllowedAndThenItIsSaid() throws Exception {
        Path source = film("Heat.1995.1080p.mkv");
        Path probe = dir.resolve("probe.clone");
        Process cp = new ProcessBuilder("cp", "--reflink=always", source.toString(), probe.toString()).start();
        assumeTrue(cp.waitFor(30, TimeUnit.SECONDS) && cp.exitValue() != 0, "this file system can clone files");
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            Outcome strict = organize(catalog, dir.resolve("in"), dir.resolve("lib"), Mode.REFLINK, false, Map.of());
            assertThat(strict.results()).singleElement().satisfies(result -> {
                assertThat(result.status()).isEqualTo(Applier.Status.FAILED);
                assertThat(result.detail()).contains("reflink not possible", "--fallback copy");
            });
            assertThat(dir.resolve("lib/Heat (1995)/Heat (1995).mkv")).doesNotExist();

            Outcome lenient = organize(catalog, dir.resolve("in"), dir.resolve("lib"), Mode.REFLINK, true, Map.of());
            assertThat(lenient.results()).singleElement().satisfies(result -> {
                assertThat(result.status()).isEqualTo(Applier.Status.DONE);
                assertThat(result.detail()).contains("copied instead");
            });
            assertThat(dir.resolve("lib/Heat (1995)/Heat (1995).mkv")).hasSameTextualContentAs(source);
            assertThat(source).exists();
        }
    }

    @Test
    void tagsThatPointOutsideTheLibraryStayInsideIt() throws Exception {
        Path source = dir.resolve("in/track.flac");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "music");
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            Outcome outcome = organize(catalog, dir.resolve("in"), dir.resolve("lib"), Mode.COPY, false,
                    Map.of("artist", "../../..", "album", "/etc/passwd", "title", "../x", "track", "1"));
            assertThat(outcome.results()).singleElement().satisfies(result -> {
                assertThat(result.status()).isEqualTo(Applier.Status.DONE);
                Path target = PathKey.toPath(result.item().target());
                assertThat(target.normalize()).startsWith(dir.resolve("lib"));
                assertThat(target).exists();
            });
        }
    }

    @Test
    void undoLeavesAFileChangedSinceAloneAndSaysSo() throws Exception {
        film("Heat.1995.1080p.mkv");
        film("Ronin.1998.720p.mkv");
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            Outcome outcome = organize(catalog, dir.resolve("in"), dir.resolve("lib"), Mode.MOVE, false, Map.of());
            assertThat(outcome.results()).extracting(Applier.Result::status).containsOnly(Applier.Status.DONE);
            Path changed = dir.resolve("lib/Heat (1995)/Heat (1995).mkv");
            Files.writeString(changed, "edited by the user, longer than before");
            long undoRun = catalog.startRun("undo", "");
            List<Undo.Result> results = new ArrayList<>();
            Undo.Summary summary = new Undo(catalog).undo(outcome.applyRun(), undoRun, results::add);
            assertThat(summary.restored()).isEqualTo(1);
            assertThat(summary.refused()).isEqualTo(1);
            assertThat(results).filteredOn(r -> r.status() == Applier.Status.FAILED).singleElement()
                    .extracting(Undo.Result::detail).asString().contains("changed since");
            assertThat(changed).hasContent("edited by the user, longer than before");
            assertThat(dir.resolve("in/Ronin.1998.720p.mkv")).exists();
        }
    }

    @Test
    void aDeviceWithoutRoomGetsNoCopyAtAll() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "medley-small", small.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assumeTrue(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0, "cannot mount a small tmpfs here");
        try {
            for (int i = 1; i <= 3; i++) {
                Path file = dir.resolve("in/Film.Number." + i + ".200" + i + ".mkv");
                Files.createDirectories(file.getParent());
                byte[] content = new byte[30 << 20]; // 90 MB in all, to copy onto 8 MB
                java.util.Arrays.fill(content, (byte) i);
                Files.write(file, content);
            }
            try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
                Outcome outcome = organize(catalog, dir.resolve("in"), small.resolve("lib"), Mode.COPY, false, Map.of());
                assertThat(outcome.results()).hasSize(3).allSatisfy(result -> {
                    assertThat(result.status()).isEqualTo(Applier.Status.FAILED);
                    assertThat(result.detail()).contains("not enough free space: needs 94.4 MB + a 0.1 MB safety margin",
                            " free on " + small);
                });
            }
            try (var left = Files.walk(small)) {
                assertThat(left.filter(Files::isRegularFile).toList()).isEmpty();
            }
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
