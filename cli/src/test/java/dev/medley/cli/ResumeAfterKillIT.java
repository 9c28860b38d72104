package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.catalog.Catalog;
import dev.medley.catalog.RunRecord;
import dev.medley.media.TestMedia;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A probe killed with SIGKILL resumes: the rerun probes only what the catalog does not have. */
class ResumeAfterKillIT {
    private static final int FILES = 2000;

    @TempDir Path dir;

    @Test
    void killedProbeResumesWithoutRedoingWorkAndTheCatalogStaysSound() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        List<Path> seeds = List.of(TestMedia.make(dir, TestMedia.KINDS.get(0)), TestMedia.make(dir, TestMedia.KINDS.get(1)),
                TestMedia.make(dir, TestMedia.KINDS.get(4)));
        Path library = dir.resolve("library");
        for (int i = 0; i < FILES; i++) {
            Path folder = Files.createDirectories(library.resolve(String.format("%02d", i / 100)));
            Path seed = seeds.get(i % seeds.size());
            Files.copy(seed, folder.resolve(String.format("%04d-%s", i, seed.getFileName())));
        }
        Path catalogFile = dir.resolve("catalog.db");

        Process first = MedleyProcess.builder(List.of(), "probe", library.toString(), "--json", "--workers", "1",
                "--catalog", catalogFile.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            while (seen < 300 && out.readLine() != null) {
                seen++;
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hooks, no final commit.
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen).isEqualTo(300);
        assertThat(first.exitValue()).isEqualTo(137);

        long committed;
        try (Catalog catalog = Catalog.open(catalogFile)) {
            assertThat(catalog.integrityCheck()).isEqualTo("ok");
            committed = catalog.fileCounts()[2];
            assertThat(catalog.runs(1).getFirst().status()).isEqualTo(RunRecord.Status.INTERRUPTED);
        }
        assertThat(committed).isBetween(1L, FILES - 1L);

        MedleyProcess.Result rerun = MedleyProcess.run("probe", library.toString(), "--json", "--catalog",
                catalogFile.toString());
        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        assertThat(rerun.lines()).hasSize(FILES);
        JsonNode stats = new ObjectMapper().readTree(rerun.stderr().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(stats.get("fromCatalog").asLong()).isEqualTo(committed);
        assertThat(stats.get("ok").asLong()).isEqualTo(FILES);
        assertThat(stats.get("skipped").asLong()).isZero();
        try (Catalog catalog = Catalog.open(catalogFile)) {
            assertThat(catalog.integrityCheck()).isEqualTo("ok");
            assertThat(catalog.fileCounts()).containsExactly(FILES, 0, FILES);
        }
        System.out.printf("killed after %d lines; %d probes committed; rerun probed %d, skipped %d%n",
                seen, committed, FILES - committed, committed);
    }
}
