package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.media.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code medley probe} through the packaged command: stdout, stderr and exit codes. */
class ProbeCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS = List.of("path", "ok", "error", "formatName", "durationSeconds",
            "sizeBytes", "bitRate", "videoCodec", "width", "height", "audioCodec", "sampleRate", "channels", "tags",
            "playable");

    @TempDir static Path dir;
    static Path library;

    @BeforeAll
    static void library() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        library = Files.createDirectories(dir.resolve("Library ünï"));
        TestMedia.make(library, TestMedia.KINDS.get(0));
        TestMedia.make(library, TestMedia.KINDS.get(7));
    }

    @Test
    void jsonModePrintsOneObjectPerFileOnStdoutAndStatisticsOnStderr() throws Exception {
        Path catalog = dir.resolve("json.db");
        MedleyProcess.Result result = MedleyProcess.run("probe", library.toString(), "--json", "--catalog", catalog.toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.lines()).hasSize(2);
        JsonNode mp4 = JSON.readTree(result.lines().get(0));
        assertThat(mp4.fieldNames()).toIterable().containsAll(KEYS);
        assertThat(mp4.get("path").asText()).isEqualTo(library.resolve("clip.mp4").toString());
        assertThat(mp4.get("videoCodec").asText()).isEqualTo("h264");
        assertThat(mp4.get("audioCodec").asText()).isEqualTo("aac");
        assertThat(mp4.get("ok").asBoolean()).isTrue();
        assertThat(mp4.get("error").isNull()).isTrue();
        JsonNode stats = JSON.readTree(result.stderr().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(stats.get("total").asInt()).isEqualTo(2);
        assertThat(stats.get("ok").asInt()).isEqualTo(2);
        assertThat(stats.get("latencyMs").has("p99")).isTrue();

        // Unchanged: answered from the catalog, same lines.
        MedleyProcess.Result again = MedleyProcess.run("probe", library.toString(), "--json", "--catalog", catalog.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.lines()).isEqualTo(result.lines());
        JsonNode cached = JSON.readTree(again.stderr().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(cached.get("ok").asInt()).isEqualTo(2);
        assertThat(cached.get("fromCatalog").asInt()).isEqualTo(2);
        assertThat(cached.get("skipped").asInt()).isZero();
    }

    @Test
    void aCachedReprobeReportedNoneOkAndAllSkippedWhilePrintingOkLines() throws Exception {
        Path catalog = dir.resolve("cached.db");
        MedleyProcess.Result first = MedleyProcess.run("probe", library.toString(), "--catalog", catalog.toString());
        assertThat(first.stderr()).contains(": 2 ok, 0 failed, 0 skipped");
        MedleyProcess.Result again = MedleyProcess.run("probe", library.toString(), "--catalog", catalog.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("ok "));
        assertThat(again.stderr()).contains(": 2 ok (2 from the catalog), 0 failed, 0 skipped");
    }

    @Test
    void aBrokenFileMakesExitCodeOneAndIsReportedOnce() throws Exception {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(library.resolve("tone.mp3"), mixed.resolve("good.mp3"));
        Files.writeString(mixed.resolve("bad.mp4"), "this is text");
        Files.write(mixed.resolve("empty.flac"), new byte[0]);
        MedleyProcess.Result result = MedleyProcess.run("probe", mixed.toString(), "--catalog", dir.resolve("m.db").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).hasSize(3);
        assertThat(result.stdout()).containsOnlyOnce("bad.mp4").containsOnlyOnce("empty.flac: empty file (0 bytes)");
        assertThat(result.lines()).filteredOn(l -> l.startsWith("ok")).singleElement().asString().endsWith("good.mp3");
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhatToDo() throws Exception {
        MedleyProcess.Result missing = MedleyProcess.run("probe", dir.resolve("nope").toString(), "--catalog",
                dir.resolve("u.db").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).contains("no such file or folder").contains("--help");

        MedleyProcess.Result unknown = MedleyProcess.run("probe", "--no-such-option", library.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);

        MedleyProcess.Result prober = MedleyProcess.run("probe", "--prober", "magic", library.toString());
        assertThat(prober.exitCode()).isEqualTo(2);
        assertThat(prober.stderr()).contains("use ffmpeg or ffprobe");
    }

    @Test
    void helpShowsExamplesAndExitCodes() throws Exception {
        MedleyProcess.Result help = MedleyProcess.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("Exit codes:").contains("medley probe");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // opening the FIFO would block for ever
    void aFifoOrDevZeroGotNoAnswerAndExitZero() throws Exception {
        Path fifo = dir.resolve("incoming.mkv");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        MedleyProcess.Result result = MedleyProcess.run("probe", fifo.toString(), "/dev/zero", library.toString(),
                "--catalog", dir.resolve("fifo.db").toString());
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stderr()).containsOnlyOnce("medley: " + fifo + ": not a regular file: a FIFO")
                .containsOnlyOnce("medley: /dev/zero: not a regular file: a character device")
                .contains("2 paths could not be read");
        assertThat(result.lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("ok"));
    }
}
