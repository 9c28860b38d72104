package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.media.sample.SampleMedia;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (Debian's chromium, headless, driven by playwright-core from
 * src/test/node): a transcribe job's progress moves, a plan is reviewed, approved and applied, and a
 * transcript plays with its cue lit. Screenshots are kept in target/dashboard-screenshots. Skips when
 * chromium or the Node.js packages are not installed (.ci/run installs both).
 */
class DashboardIT {
    private static final Path NODE = Path.of("src/test/node").toAbsolutePath();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @TempDir Path root;

    private static boolean ffmpegInstalled() {
        try {
            Process version = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    /** Writes a lecture: a second at level 1000, a second and a half of silence, a second at level 2000. */
    private static void lecture(Path flac) throws Exception {
        int rate = 16_000;
        int[][] parts = {{1000, rate}, {0, rate * 3 / 2}, {2000, rate}};
        int samples = 0;
        for (int[] part : parts) {
            samples += part[1];
        }
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + 2 * samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(2 * rate).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
        for (int[] part : parts) {
            for (int i = 0; i < part[1]; i++) {
                wav.putShort((short) part[0]);
            }
        }
        Path source = flac.resolveSibling("lecture-source.wav");
        Files.write(source, wav.array());
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-loglevel", "error", "-y", "-i", source.toString(), "-metadata",
                "genre=Podcast", "-metadata", "title=Lecture", flac.toString()).redirectErrorStream(true).start();
        String said = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ffmpeg.waitFor()).as(said).isZero();
        Files.delete(source);
    }

    @Test
    void aUserWatchesAJobApprovesAPlanAndPlaysATranscript() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        assumeTrue(ffmpegInstalled(), "ffmpeg is not installed");
        assumeTrue(Files.isDirectory(NODE.resolve("node_modules/playwright-core")),
                "playwright-core is not installed: npm ci --prefix cli/src/test/node");
        Path talks = Files.createDirectories(root.resolve("talks"));
        for (int i = 1; i <= 24; i++) {
            SampleMedia.write(talks.resolve(String.format("talk %02d.flac", i)), SampleMedia.Format.FLAC,
                    Duration.ofSeconds(3), Map.of("genre", "Podcast", "title", "Talk " + i, "artist", "Speaker"));
        }
        lecture(talks.resolve("lecture.flac"));
        Path music = Files.createDirectories(root.resolve("incoming"));
        for (int i = 1; i <= 5; i++) {
            SampleMedia.write(music.resolve(String.format("0%d - Song %d.mp3", i, i)), SampleMedia.Format.MP3,
                    Duration.ofSeconds(1), Map.of("artist", "The Band", "album", "First", "title", "Song " + i,
                            "track", String.valueOf(i)));
        }
        Path screenshots = Files.createDirectories(Path.of("target/dashboard-screenshots").toAbsolutePath());
        ProcessBuilder serve = MedleyProcess.builder(List.of(), "serve", "--port", "0", "--root", root.toString(),
                "--engine", "simulated:60,5").redirectOutput(ProcessBuilder.Redirect.DISCARD);
        serve.environment().put("XDG_DATA_HOME", root.resolve(".data").toString());
        Process server = serve.start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            Matcher serving = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+)/v1").matcher(String.valueOf(line));
            assertThat(serving.find()).as(line).isTrue();
            Thread.ofVirtual().start(() -> err.lines().forEach(l -> { }));

            Process browser = new ProcessBuilder("node", NODE.resolve("dashboard.mjs").toString(), serving.group(1),
                    screenshots.toString(), "talks", "incoming", "Library", "talks/lecture.flac")
                    .redirectErrorStream(true).start();
            String output = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(browser.waitFor(300, TimeUnit.SECONDS)).isTrue();
            JsonNode seen = new ObjectMapper().readTree(output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("the browser script said nothing:\n" + output)));
            assertThat(seen.has("failure")).as(output).isFalse();
            assertThat(browser.exitValue()).as(output).isZero();

            assertThat(seen.path("transcribeStatus").asText()).isEqualTo("done");
            assertThat(seen.path("progressSeen")).as("distinct file counts the page showed").hasSizeGreaterThanOrEqualTo(3);
            assertThat(seen.path("planRows").asInt()).isEqualTo(5);
            assertThat(seen.path("applied").asText()).startsWith("5 files");
            assertThat(seen.path("cues").asInt()).isPositive();
            assertThat(seen.path("cues").asInt()).isEqualTo(2);
            assertThat(seen.path("currentCue").asText()).as("the second cue, lit once playback reached it")
                    .contains("level 2000");
            assertThat(seen.path("requestsElsewhere")).as("the page fetched nothing from elsewhere").isEmpty();
            try (Stream<Path> library = Files.walk(root.resolve("Library"))) {
                assertThat(library.filter(f -> f.toString().endsWith(".mp3")).count()).isEqualTo(5);
            }
            assertThat(music.resolve("01 - Song 1.mp3")).exists(); // copied, not moved
            try (Stream<Path> shots = Files.list(screenshots)) {
                assertThat(shots.map(p -> p.getFileName().toString())).contains("1-home.png", "4-plan-review.png",
                        "6-transcript-playing.png");
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }
}
