package dev.medley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.catalog.Catalog;
import dev.medley.core.BatchListener;
import dev.medley.core.ItemResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged media must never crash a run: each file gets one answer, and the run completes. */
class DamagedFilesTest {
    @TempDir Path dir;

    @Test
    void twoHundredDamagedFilesAreEachReportedOnceAndTheRunCompletes() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        List<Path> originals = new ArrayList<>();
        for (TestMedia.Kind kind : TestMedia.KINDS) {
            originals.add(TestMedia.make(seeds, kind));
        }
        Path library = Files.createDirectories(dir.resolve("library"));
        Random random = new Random(20261121);
        for (int i = 0; i < 200; i++) {
            Path original = originals.get(i % originals.size());
            byte[] bytes = Files.readAllBytes(original);
            String name = String.format("%03d-%s", i, original.getFileName());
            byte[] damaged = switch (i % 5) {
                case 0, 1 -> java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length - 1)));
                case 2, 3 -> flipBytes(bytes, random, 1 + random.nextInt(64));
                default -> i % 10 == 4 ? new byte[0] : "not a film, just text\n".repeat(40).getBytes();
            };
            if (i % 5 == 4 && i % 10 != 4) {
                name = String.format("%03d-text.mp4", i);
            }
            Files.write(library.resolve(name), damaged);
        }

        Map<String, Integer> answers = new HashMap<>();
        List<String> failures = new ArrayList<>();
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            LibraryJob job = new LibraryJob(catalog, new LibraryJob.Options(
                    Prober.inProcess(Duration.ofSeconds(30)), false, ScanOptions.DEFAULT, 2, BatchListener.NONE));
            LibraryJob.Summary summary = job.run("probe", "", List.of(library), (path, problem) -> failures.add(path + problem),
                    result -> {
                        answers.merge(result.item().file().display(), 1, Integer::sum);
                        if (result instanceof ItemResult.Failed<?, ?> failed) {
                            assertThat(failed.reason()).isNotBlank();
                            assertThat(failed.cause()).isInstanceOf(ProbeFailed.class);
                        }
                    });
            assertThat(answers).hasSize(200).allSatisfy((path, count) -> assertThat(count).isEqualTo(1));
            assertThat(summary.stats().total()).isEqualTo(200);
            assertThat(summary.stats().failed()).isGreaterThanOrEqualTo(60); // zero-byte, text, most truncations
            assertThat(summary.exitCode()).isEqualTo(1);
            assertThat(failures).isEmpty();
            assertThat(catalog.integrityCheck()).isEqualTo("ok");
        }
    }

    private static byte[] flipBytes(byte[] bytes, Random random, int count) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < count; i++) {
            int at = random.nextInt(copy.length);
            copy[at] = (byte) random.nextInt(256);
        }
        return copy;
    }
}
