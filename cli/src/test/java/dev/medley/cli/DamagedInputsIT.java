package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medley.media.TestMedia;
import dev.medley.media.sample.SampleMedia;
import dev.medley.speech.FakeTranscriptionService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that once killed the JVM or lost results, through the packaged command: each is one failed item now. */
class DamagedInputsIT {
    @TempDir Path dir;
    private Path incoming;
    private String catalog;

    @BeforeEach
    void incoming() throws Exception {
        incoming = Files.createDirectories(dir.resolve("incoming"));
        catalog = dir.resolve("catalog.db").toString();
        SampleMedia.write(incoming.resolve("Good Song.flac"), SampleMedia.Format.FLAC, Duration.ofSeconds(2),
                Map.of("artist", "Band", "title", "Good Song", "album", "Album"));
        // A playlist that lists itself, and two that list each other, named as films.
        Files.writeString(incoming.resolve("self.mkv"), "ffconcat version 1.0\nfile self.mkv\n");
        Files.writeString(incoming.resolve("ping.mkv"), "ffconcat version 1.0\nfile pong.mkv\n");
        Files.writeString(incoming.resolve("pong.mkv"), "ffconcat version 1.0\nfile ping.mkv\n");
    }

    private static List<JsonNode> lines(String stdout) throws IOException {
        return MedleyProcess.jsonLines(stdout);
    }

    @Test
    void aPlaylistThatListsItselfIsOneFailedFileForProbeIdentifyAndProcess() throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) { // The rerun completes just the same.
            MedleyProcess.Result probe = MedleyProcess.run("probe", incoming.toString(), "--json", "--catalog", catalog);
            assertThat(probe.exitCode()).as(probe.stderr()).isEqualTo(1);
            List<JsonNode> probes = lines(probe.stdout());
            assertThat(probes).hasSize(4);
            assertThat(probes).filteredOn(p -> !p.get("ok").asBoolean()).hasSize(3).allSatisfy(p -> {
                assertThat(p.get("error").asText()).startsWith("not a media file: a playlist");
                assertThat(p.get("errorDetail").asText()).as("FFmpeg's own text, for bug reports").isNotBlank();
            });

            MedleyProcess.Result identify = MedleyProcess.run("identify", incoming.toString(), "--json", "--catalog",
                    catalog);
            assertThat(identify.exitCode()).as(identify.stderr()).isEqualTo(1);
            List<JsonNode> identities = lines(identify.stdout());
            assertThat(identities).hasSize(4);
            assertThat(identities).filteredOn(i -> i.has("error")).hasSize(3)
                    .allSatisfy(i -> assertThat(i.get("error").asText()).startsWith("not a media file: a playlist"));
            assertThat(identify.stderr()).contains("self.mkv", "ping.mkv", "pong.mkv");

            MedleyProcess.Result process = MedleyProcess.run("process", incoming.toString(), "--to",
                    dir.resolve("library").toString(), "--catalog", catalog);
            assertThat(process.exitCode()).as(process.stderr()).isEqualTo(1);
            assertThat(process.stdout() + process.stderr()).contains("self.mkv", "ping.mkv", "pong.mkv", "playlist");
            assertThat(process.stdout()).contains("Good Song");
        }
    }

    @Test
    void audioWhoseFormatChangesMidFileIsTranscribedAndABinaryNamedMp3FailsAlone() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        Path talks = Files.createDirectories(dir.resolve("talks"));
        Path a = TestMedia.make(dir.resolve("a.mp3"), List.of("-f", "lavfi", "-i",
                "sine=frequency=440:duration=2:sample_rate=44100", "-ac", "2", "-c:a", "libmp3lame"));
        Path b = TestMedia.make(dir.resolve("b.mp3"), List.of("-f", "lavfi", "-i",
                "sine=frequency=300:duration=2:sample_rate=22050", "-ac", "1", "-c:a", "libmp3lame"));
        try (OutputStream out = Files.newOutputStream(talks.resolve("joined.mp3"))) {
            out.write(Files.readAllBytes(a));
            out.write(Files.readAllBytes(b));
        }
        Files.copy(Path.of(System.getProperty("java.home"), "lib", "libjava.so"), talks.resolve("program.mp3"));
        try (FakeTranscriptionService server = FakeTranscriptionService.start(0)) {
            MedleyProcess.Result result = MedleyProcess.run("transcribe", talks.toString(), "--engine", "remote",
                    "--endpoint", server.endpoint().toString(), "--json", "--catalog", catalog, "--format", "txt");
            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
            List<JsonNode> lines = lines(result.stdout());
            assertThat(lines).extracting(l -> l.get("status").asText()).containsExactly("transcribed", "failed");
            assertThat(lines.get(0).get("audioSeconds").asDouble()).isBetween(3.8, 4.3); // Both halves, at 16 kHz.
            assertThat(lines.get(1).get("error").asText()).isEqualTo("not a media file: an executable (ELF)");
        }
    }

    @Test
    void transcriptsOfMediaSharingAStemAreEachWrittenAndReported() throws Exception {
        Path talks = Files.createDirectories(dir.resolve("same-stem"));
        SampleMedia.write(talks.resolve("x.flac"), SampleMedia.Format.FLAC, Duration.ofSeconds(2), Map.of());
        SampleMedia.write(talks.resolve("x.m4a"), SampleMedia.Format.M4A_AAC, Duration.ofSeconds(2), Map.of());
        SampleMedia.write(talks.resolve("x.wav"), SampleMedia.Format.WAV, Duration.ofSeconds(2), Map.of());
        try (FakeTranscriptionService server = FakeTranscriptionService.start(0)) {
            MedleyProcess.Result result = MedleyProcess.run("transcribe", talks.toString(), "--engine", "remote",
                    "--endpoint", server.endpoint().toString(), "--json", "--catalog", catalog, "--format", "txt,srt");
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(lines(result.stdout())).extracting(l -> l.get("status").asText())
                    .containsExactly("transcribed", "transcribed", "transcribed");
        }
        for (String media : List.of("x.flac", "x.m4a", "x.wav")) {
            assertThat(talks.resolve(media + ".txt")).isRegularFile();
            assertThat(talks.resolve(media + ".srt")).isRegularFile();
        }
        assertThat(talks.resolve("x.txt")).doesNotExist();
    }

    @Test
    void namesThatAreNotUtf8PrintedTheSameAndAreNowEachTheirOwn() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("latin1"));
        Path source = incoming.resolve("Good Song.flac");
        for (String name : List.of("caf\uDCE9.flac", "caf\uDCE8.flac")) { // Bytes 0xE9 and 0xE8 alone: not UTF-8.
            Files.copy(source, dev.medley.core.RawPaths.resolve(folder, name));
        }
        MedleyProcess.Result result = MedleyProcess.run("probe", folder.toString(), "--json", "--catalog", catalog);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(lines(result.stdout())).extracting(l -> l.get("path").asText())
                .containsExactly(folder + "/caf\\xe8.flac", folder + "/caf\\xe9.flac");
        try (FakeTranscriptionService server = FakeTranscriptionService.start(0)) {
            MedleyProcess.Result transcribe = MedleyProcess.run("transcribe", folder.toString(), "--engine", "remote",
                    "--endpoint", server.endpoint().toString(), "--json", "--catalog", catalog, "--format", "txt");
            assertThat(transcribe.exitCode()).as(transcribe.stderr()).isZero();
            assertThat(lines(transcribe.stdout())).extracting(l -> l.get("path").asText())
                    .containsExactly(folder + "/caf\\xe8.flac", folder + "/caf\\xe9.flac");
        }
        assertThat(dev.medley.core.RawPaths.resolve(folder, "caf\uDCE9.txt")).isRegularFile();
        assertThat(dev.medley.core.RawPaths.resolve(folder, "caf\uDCE8.txt")).isRegularFile();
    }
}
