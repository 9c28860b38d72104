package dev.medley.cli;

import dev.medley.media.sample.SampleMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Generated media for benchmarks and the demo: every format this FFmpeg build can write. */
final class Corpus {
    private Corpus() {}

    /** Writes {@code count} files into {@code dir}, 100 to a folder, cycling through the formats. */
    static void generate(Path dir, int count) throws IOException {
        List<SampleMedia.Format> formats = new ArrayList<>(SampleMedia.available());
        Path seeds = Files.createDirectories(dir.resolve(".seeds"));
        List<Path> seedFiles = new ArrayList<>();
        for (SampleMedia.Format format : formats) {
            Path seed = seeds.resolve("seed-" + format.name().toLowerCase(java.util.Locale.ROOT) + "." + format.extension());
            SampleMedia.write(seed, format, Duration.ofSeconds(2),
                    Map.of("artist", "Medley Bench", "title", format.name(), "album", "Corpus", "date", "2026"));
            seedFiles.add(seed);
        }
        for (int i = 0; i < count; i++) {
            Path seed = seedFiles.get(i % seedFiles.size());
            Path folder = Files.createDirectories(dir.resolve(String.format("%04d", i / 100)));
            String name = String.format("%06d-%s", i, seed.getFileName().toString().substring("seed-".length()));
            Files.copy(seed, folder.resolve(name));
        }
    }

    static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    static void delete(Path dir, java.io.PrintStream err) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            err.println("medley: could not remove " + dir + ": " + e.getMessage());
        }
    }

    static boolean commandAvailable(String command) {
        return dev.medley.media.Ffmpeg.toolInstalled(command);
    }
}
