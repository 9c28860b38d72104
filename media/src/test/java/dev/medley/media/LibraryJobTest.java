package dev.medley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.PathKey;
import dev.medley.core.BatchListener;
import dev.medley.core.ItemResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryJobTest {
    @TempDir Path dir;
    Path library;
    Path catalogFile;

    @BeforeEach
    void library() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        library = Files.createDirectories(dir.resolve("library/Artist/Album"));
        TestMedia.make(library, TestMedia.KINDS.get(0));       // tone.mp3
        TestMedia.make(library, TestMedia.KINDS.get(1));       // tone.flac
        Files.copy(library.resolve("tone.flac"), library.resolve("Café 東京 🎵.flac"));
        Files.writeString(library.resolve("cover.jpg"), "not media");
        Files.copy(library.resolve("tone.mp3"), library.resolve(".hidden.mp3"));
        Files.copy(library.resolve("tone.mp3"), library.resolve("download.mp3.part"));
        catalogFile = dir.resolve("catalog.db");
    }

    private List<ItemResult<LibraryJob.Item, LibraryJob.Outcome>> probe(Catalog catalog, boolean force) {
        List<ItemResult<LibraryJob.Item, LibraryJob.Outcome>> results = new ArrayList<>();
        LibraryJob job = new LibraryJob(catalog, new LibraryJob.Options(Prober.inProcess(Duration.ofSeconds(30)), force,
                ScanOptions.DEFAULT, 2, BatchListener.NONE));
        job.run("probe", "", List.of(dir.resolve("library")), (p, problem) -> {}, results::add);
        return results;
    }

    @Test
    void firstRunProbesRerunProbesNothingAndAChangedFileIsProbedAgain() throws Exception {
        try (Catalog catalog = Catalog.open(catalogFile)) {
            List<ItemResult<LibraryJob.Item, LibraryJob.Outcome>> first = probe(catalog, false);
            assertThat(first).extracting(r -> r.item().file().path().getFileName().toString())
                    .containsExactly("Café 東京 🎵.flac", "tone.flac", "tone.mp3");
            assertThat(first).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(ItemResult.Ok.class,
                    ok -> assertThat(((LibraryJob.Outcome) ok.value()).fromCatalog()).isFalse()));

            // Unchanged: each answered ok, from the catalog, not skipped (nor probed again).
            List<ItemResult<LibraryJob.Item, LibraryJob.Outcome>> second = probe(catalog, false);
            assertThat(second).hasSize(3).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(ItemResult.Ok.class,
                    ok -> assertThat(((LibraryJob.Outcome) ok.value()).fromCatalog()).isTrue()));
            assertThat(second).extracting(r -> ((ItemResult.Ok<?, LibraryJob.Outcome>) r).value().probeJson())
                    .isEqualTo(first.stream().map(r -> ((ItemResult.Ok<?, LibraryJob.Outcome>) r).value().probeJson()).toList());

            Path changed = library.resolve("tone.mp3");
            Files.setLastModifiedTime(changed, FileTime.from(Instant.now().plusSeconds(5)));
            Files.delete(library.resolve("tone.flac"));
            List<ItemResult<LibraryJob.Item, LibraryJob.Outcome>> third = probe(catalog, false);
            assertThat(third).hasSize(2);
            assertThat(third.get(1)).isInstanceOf(ItemResult.Ok.class);
            assertThat(third.get(1).item().change()).isEqualTo("changed");
            assertThat(catalog.lookup(PathKey.of(library.resolve("tone.flac"))).orElseThrow().missing()).isTrue();

            assertThat(probe(catalog, true)).allSatisfy(r -> assertThat(r).isInstanceOf(ItemResult.Ok.class));
        }
    }

    @Test
    void scanOnlyRecordsFilesWithFingerprintsAndProbesNothing() throws Exception {
        try (Catalog catalog = Catalog.open(catalogFile)) {
            LibraryJob job = new LibraryJob(catalog, new LibraryJob.Options(null, false, ScanOptions.DEFAULT, 2,
                    BatchListener.NONE));
            List<String> changes = new ArrayList<>();
            job.run("scan", "", List.of(dir.resolve("library")), (p, problem) -> {}, r -> changes.add(r.item().change()));
            assertThat(changes).containsExactly("new", "new", "new");
            var known = catalog.lookup(PathKey.of(library.resolve("tone.mp3"))).orElseThrow();
            assertThat(known.fingerprint()).hasSize(32);
            assertThat(known.probe()).isNull();
            // Same content, same size: same fingerprint.
            assertThat(catalog.lookup(PathKey.of(library.resolve("Café 東京 🎵.flac"))).orElseThrow().fingerprint())
                    .isEqualTo(catalog.lookup(PathKey.of(library.resolve("tone.flac"))).orElseThrow().fingerprint());
        }
    }
}
