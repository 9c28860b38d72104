package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.core.InFlight;
import dev.medley.media.TestMedia;
import dev.medley.media.sample.SampleMedia;
import dev.medley.speech.FakeTranscriptionService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of damaged files of every container and codec kind (truncated, bit-flipped, with
 * overwritten headers, with their audio format changing mid-file, spliced, playlists that list
 * themselves, binaries named like media), each probed, identified and transcribed by the packaged
 * command in a child JVM. Any death of a child fails the test and names the file it was reading.
 *
 * <p>The mutations come from a fixed seed, so a failure repeats; {@code -Dmedley.fuzz.seed=N} tries
 * another corpus.
 */
class DamagedMediaFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("medley.fuzz.seed", 20261203L);
    private static final int MIN_FILES = 500;

    @TempDir Path dir;

    @Test
    void noDamagedFileKillsTheProcessAndEachIsAnsweredOnce() throws Exception {
        long started = System.nanoTime();
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        List<Path> originals = seeds(seeds);
        int files = mutate(originals, corpus, new Random(SEED));
        assertThat(files).isGreaterThanOrEqualTo(MIN_FILES);
        String catalog = dir.resolve("catalog.db").toString();

        MedleyProcess.Result probe = MedleyProcess.run("probe", corpus.toString(), "--json", "-q", "--catalog", catalog);
        survived("probe", probe, catalog);
        Map<String, Integer> probed = answers(probe.stdout());

        MedleyProcess.Result identify = MedleyProcess.run("identify", corpus.toString(), "--json", "--catalog", catalog);
        survived("identify", identify, catalog);

        MedleyProcess.Result transcribe;
        try (FakeTranscriptionService server = FakeTranscriptionService.start(0)) {
            transcribe = MedleyProcess.run("transcribe", corpus.toString(), "--engine", "remote", "--endpoint",
                    server.endpoint().toString(), "--format", "txt", "--json", "-q", "--catalog", catalog);
        }
        survived("transcribe", transcribe, catalog);

        // Every file that the scan takes as media gets one answer from each stage.
        assertThat(probed.values()).allMatch(count -> count == 1);
        assertThat(answers(identify.stdout())).isEqualTo(probed);
        assertThat(answers(transcribe.stdout())).isEqualTo(probed);
        long failed = probe.stdout().lines().filter(line -> line.contains("\"ok\":false")).count();
        System.out.printf("fuzz: %d damaged files (seed %d, %d kinds), %d answered by each stage, %d failed to probe,"
                + " 0 JVM deaths, %.1f s%n", files, SEED, originals.size(), probed.size(), failed,
                (System.nanoTime() - started) / 1e9);
    }

    // A child that died took the JVM with it: exit codes above 128 (signals) or 134 (abort after an hs_err).
    private void survived(String stage, MedleyProcess.Result result, String catalog) throws IOException {
        List<InFlight.Crashed> dead = InFlight.collect(Path.of(catalog + InFlight.SUFFIX));
        assertThat(dead).as("%s died while reading %s", stage, dead).isEmpty();
        assertThat(result.exitCode()).as("%s exit code; stderr: %s", stage, tail(result.stderr())).isIn(0, 1);
    }

    private static String tail(String text) {
        return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
    }

    private static Map<String, Integer> answers(String stdout) throws IOException {
        Map<String, Integer> answers = new HashMap<>();
        for (String line : stdout.split("\n")) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                answers.merge(node.get("path").asText(), 1, Integer::sum);
            }
        }
        return answers;
    }

    /** Writes one file of every kind this FFmpeg build can encode, and a few the ffmpeg command adds. */
    private static List<Path> seeds(Path folder) throws Exception {
        List<Path> seeds = new ArrayList<>();
        for (SampleMedia.Format format : SampleMedia.available()) {
            Path file = folder.resolve(format.name().toLowerCase(java.util.Locale.ROOT) + "." + format.extension());
            SampleMedia.write(file, format, Duration.ofSeconds(2), Map.of("title", "Seed", "artist", "Fuzz"));
            seeds.add(file);
        }
        if (TestMedia.ffmpegAvailable()) {
            // Other rates and channel counts, so that spliced files change format mid-stream.
            seeds.add(TestMedia.make(folder.resolve("mono-22k.mp3"), List.of("-f", "lavfi", "-i",
                    "sine=frequency=300:duration=1.5:sample_rate=22050", "-ac", "1", "-c:a", "libmp3lame")));
            seeds.add(TestMedia.make(folder.resolve("stereo-8k.mp3"), List.of("-f", "lavfi", "-i",
                    "sine=frequency=500:duration=1.5:sample_rate=8000", "-ac", "2", "-c:a", "libmp3lame")));
            seeds.add(TestMedia.make(folder.resolve("adts.aac"), List.of("-f", "lavfi", "-i",
                    "sine=frequency=400:duration=1.5:sample_rate=32000", "-c:a", "aac")));
        }
        return seeds;
    }

    /** Writes the damaged variants of every seed into {@code corpus}; returns how many files it holds. */
    private static int mutate(List<Path> seeds, Path corpus, Random random) throws IOException {
        for (Path seed : seeds) {
            byte[] bytes = Files.readAllBytes(seed);
            String name = seed.getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            String extension = name.substring(name.lastIndexOf('.'));
            List<byte[]> variants = new ArrayList<>();
            for (double keep : new double[] {0.001, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.999}) {
                variants.add(Arrays.copyOf(bytes, Math.max(1, (int) (bytes.length * keep)))); // Truncated.
            }
            for (int flips : new int[] {1, 1, 2, 4, 8, 16, 64, 256}) {
                variants.add(flipBits(bytes, flips, random, bytes.length));
                variants.add(flipBits(bytes, flips, random, Math.min(bytes.length, 4096))); // In the headers.
            }
            variants.add(overwrite(bytes, random, 0, 512, false));
            variants.add(overwrite(bytes, random, 64, 1024, true));
            variants.add(overwrite(bytes, random, bytes.length / 2, 2048, false));
            variants.add(overwrite(bytes, random, random.nextInt(bytes.length), 256, false));
            Path other = seeds.get(random.nextInt(seeds.size()));
            byte[] second = Files.readAllBytes(other);
            variants.add(concat(bytes, second)); // Another stream joined on: the format changes mid-file.
            variants.add(concat(Arrays.copyOf(bytes, bytes.length / 2), Arrays.copyOfRange(second, second.length / 2,
                    second.length)));
            variants.add(concat(bytes, bytes));
            variants.add(repeatChunk(bytes, random));
            variants.add(dropChunk(bytes, random));
            for (int i = 0; i < variants.size(); i++) {
                Files.write(corpus.resolve(String.format("%s-%02d%s", stem, i, extension)), variants.get(i));
            }
        }
        Files.writeString(corpus.resolve("self.mkv"), "ffconcat version 1.0\nfile self.mkv\n");
        Files.writeString(corpus.resolve("ping.mp4"), "ffconcat version 1.0\nfile pong.mp4\n");
        Files.writeString(corpus.resolve("pong.mp4"), "ffconcat version 1.0\nfile ping.mp4\n");
        Files.writeString(corpus.resolve("stream.mkv"), "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n/dev/zero\n");
        Files.writeString(corpus.resolve("notes.mp3"), "not audio at all\n".repeat(100), StandardCharsets.UTF_8);
        Files.write(corpus.resolve("one-byte.flac"), new byte[] {(byte) 0xFF});
        Files.createFile(corpus.resolve("empty.wav"));
        Files.copy(Path.of(System.getProperty("java.home"), "lib", "libjava.so"), corpus.resolve("binary.mp3"));
        try (Stream<Path> all = Files.list(corpus)) {
            return (int) all.count();
        }
    }

    private static byte[] flipBits(byte[] bytes, int flips, Random random, int within) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(within);
            copy[at] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private static byte[] overwrite(byte[] bytes, Random random, int from, int length, boolean zeros) {
        byte[] copy = bytes.clone();
        int end = Math.min(copy.length, from + length);
        for (int i = Math.min(from, copy.length); i < end; i++) {
            copy[i] = zeros ? 0 : (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] repeatChunk(byte[] bytes, Random random) {
        int from = random.nextInt(bytes.length);
        int length = Math.min(bytes.length - from, 1 + random.nextInt(8192));
        byte[] chunk = Arrays.copyOfRange(bytes, from, from + length);
        return concat(concat(Arrays.copyOf(bytes, from + length), chunk), Arrays.copyOfRange(bytes, from + length,
                bytes.length));
    }

    private static byte[] dropChunk(byte[] bytes, Random random) {
        int from = random.nextInt(bytes.length);
        int length = Math.min(bytes.length - from, 1 + random.nextInt(8192));
        return concat(Arrays.copyOf(bytes, from), Arrays.copyOfRange(bytes, from + length, bytes.length));
    }
}
