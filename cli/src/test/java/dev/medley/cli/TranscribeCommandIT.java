package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.catalog.Catalog;
import dev.medley.media.TestMedia;
import dev.medley.media.sample.SampleMedia;
import dev.medley.speech.FakeTranscriptionService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code medley transcribe} through the packaged command, against a real loopback server speaking
 * OpenAI's transcription protocol (the one peer that cannot run here for real).
 */
class TranscribeCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static List<JsonNode> lines(String stdout) throws java.io.IOException {
        return MedleyProcess.jsonLines(stdout);
    }

    @Test
    void damagedNoAudioAndSilentFilesAreReportedAndOnlyTheDamagedOneFailsTheRun() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        Path library = Files.createDirectories(dir.resolve("library"));
        SampleMedia.write(library.resolve("a-talk.flac"), SampleMedia.Format.FLAC, Duration.ofSeconds(3), Map.of());
        Files.writeString(library.resolve("b-damaged.mp3"), "ID3 but nothing after it");
        TestMedia.make(library.resolve("c-no-audio.mkv"),
                List.of("-f", "lavfi", "-i", "testsrc=size=64x64:rate=5:duration=1", "-c:v", "mpeg4"));
        TestMedia.make(library.resolve("d-silent.wav"), List.of("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "4"));
        try (FakeTranscriptionService server = FakeTranscriptionService.start(0)) {
            MedleyProcess.Result result = MedleyProcess.run("transcribe", library.toString(), "--engine", "remote",
                    "--endpoint", server.endpoint().toString(), "--json", "--catalog", dir.resolve("c.db").toString());
            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
            List<JsonNode> lines = lines(result.stdout());
            assertThat(lines).extracting(l -> Path.of(l.get("path").asText()).getFileName().toString())
                    .containsExactly("a-talk.flac", "b-damaged.mp3", "c-no-audio.mkv", "d-silent.wav");
            assertThat(lines).extracting(l -> l.get("status").asText())
                    .containsExactly("transcribed", "failed", "skipped", "transcribed");
            assertThat(lines.get(1).get("error").asText()).isNotBlank();
            assertThat(lines.get(2).get("reason").asText()).isEqualTo("no audio stream");
            assertThat(lines.get(3).get("text").asText()).isEmpty();
            assertThat(Files.readString(library.resolve("d-silent.srt"))).isEmpty();
            assertThat(Files.readString(library.resolve("a-talk.srt"))).startsWith("1\n00:00:0");
            assertThat(server.requests()).isEqualTo(1); // silence never reached the server
            JsonNode stats = JSON.readTree(result.stderr().strip().lines().reduce((a, b) -> b).orElseThrow());
            assertThat(stats.get("failures")).hasSize(1);
            assertThat(stats.get("failures").get(0).get("path").asText()).endsWith("b-damaged.mp3");
            assertThat(stats.get("failures").get(0).get("stage").asText()).isEqualTo("transcribe");
            assertThat(stats.get("failures").get(0).get("error").asText()).isNotBlank();
            assertThat(stats.get("realTimeFactor").asDouble()).isPositive();
        }
    }

    @Test
    void killedRunResumesWithTheFilesItHadNotFinished() throws Exception {
        Path library = Files.createDirectories(dir.resolve("library"));
        int files = 12;
        for (int i = 0; i < files; i++) {
            SampleMedia.write(library.resolve(String.format("talk-%02d.flac", i)), SampleMedia.Format.FLAC,
                    Duration.ofSeconds(2), Map.of());
        }
        Path catalogFile = dir.resolve("c.db");
        try (FakeTranscriptionService server = FakeTranscriptionService.start(400)) {
            List<String> common = List.of("transcribe", library.toString(), "--engine", "remote", "--endpoint",
                    server.endpoint().toString(), "--workers", "1", "--json", "--catalog", catalogFile.toString());
            Process first = MedleyProcess.builder(List.of(), common.toArray(String[]::new))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int done = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null && done < 3; line = out.readLine()) {
                    done++;
                }
                first.destroyForcibly();
                assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            long committed;
            try (Catalog catalog = Catalog.open(catalogFile)) {
                committed = java.util.stream.IntStream.range(0, files)
                        .mapToObj(i -> library.resolve(String.format("talk-%02d.flac", i)))
                        .filter(f -> catalog.transcript(f.toString()).map(t -> t.ok()).orElse(false)).count();
                assertThat(catalog.integrityCheck()).isEqualTo("ok");
            }
            assertThat(done).isEqualTo(3);
            assertThat(committed).isBetween(3L, files - 1L);

            MedleyProcess.Result rerun = MedleyProcess.run(common.toArray(String[]::new));
            assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
            List<JsonNode> lines = lines(rerun.stdout());
            assertThat(lines).hasSize(files);
            long skipped = lines.stream().filter(l -> l.get("status").asText().equals("skipped")).count();
            long transcribed = lines.stream().filter(l -> l.get("status").asText().equals("transcribed")).count();
            assertThat(skipped).isEqualTo(committed);
            assertThat(transcribed).isEqualTo(files - committed);
            for (int i = 0; i < files; i++) {
                assertThat(library.resolve(String.format("talk-%02d.vtt", i))).isRegularFile();
            }
            try (var listing = Files.list(library)) {
                assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
            System.out.printf("killed after %d files; %d committed; rerun skipped %d, transcribed %d%n",
                    done, committed, skipped, transcribed);
        }
    }

    @Test
    void whisperWithoutAModelExitedOneAsIfEveryFileHadFailed() throws Exception {
        Path library = Files.createDirectories(dir.resolve("library"));
        for (String name : List.of("a.flac", "b.flac")) {
            SampleMedia.write(library.resolve(name), SampleMedia.Format.FLAC, Duration.ofSeconds(1), Map.of());
        }
        Path models = Files.createDirectories(dir.resolve("no-models-here"));
        ProcessBuilder whisper = MedleyProcess.builder(List.of(), "transcribe", library.toString(), "--engine", "whisper",
                "--catalog", dir.resolve("c.db").toString());
        whisper.environment().put("MEDLEY_MODELS", models.toString());
        MedleyProcess.Result result = MedleyProcess.run(whisper);
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(3);
        assertThat(result.stdout()).isEmpty(); // no file is reported failed for it
        assertThat(result.stderr()).contains("whisper model 'base.en' is not in " + models)
                .contains("medley models pull base.en").doesNotContain("failed:").doesNotContain("internal error");
        try (var listing = Files.list(library)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.flac", "b.flac");
        }
    }
}
