package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medley.media.sample.SampleMedia;
import dev.medley.speech.FakeTranscriptionService;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that crashes native code, through the {@code ./medley} launcher as a user runs it: the test
 * hook aborts the JVM when a named file reaches the native gate, as a damaged file does in FFmpeg.
 */
class CrashQuarantineIT {
    private static final Path ROOT = Path.of(System.getProperty("medley.root", "..")).toAbsolutePath().normalize();
    private static final int FILES = 40;

    @TempDir Path dir;
    private Path library;
    private Path cwd;
    private Path data;

    @BeforeAll
    static void jarIsFresh() throws IOException {
        Files.writeString(ROOT.resolve("cli/target/.built"), ""); // This build has just packaged the jar.
    }

    @BeforeEach
    void library() throws Exception {
        library = Files.createDirectories(dir.resolve("library"));
        cwd = Files.createDirectories(dir.resolve("cwd"));
        data = dir.resolve("data");
        Path first = library.resolve("track-00.flac");
        SampleMedia.write(first, SampleMedia.Format.FLAC, Duration.ofSeconds(2), Map.of());
        for (int i = 1; i < FILES; i++) {
            Files.copy(first, library.resolve(String.format("track-%02d.flac", i)));
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
        List<JsonNode> lines() throws IOException {
            return MedleyProcess.jsonLines(stdout); // Every line of stdout is JSON: no crash report among them.
        }
    }

    private Run launcher(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(ROOT.resolve("medley").toString()),
                Stream.of(args)).toList()).directory(cwd.toFile());
        builder.environment().put("XDG_DATA_HOME", data.toString());
        builder.environment().put("MEDLEY_CATALOG", dir.resolve("catalog.db").toString());
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> answersPerFile(List<JsonNode> lines) {
        Map<String, Integer> answers = new HashMap<>();
        lines.forEach(line -> answers.merge(Path.of(line.get("path").asText()).getFileName().toString(), 1, Integer::sum));
        return answers;
    }

    @Test
    void aFileThatCrashesTheDecoderIsQuarantinedAndOneCommandCompletesTheRun() throws Exception {
        Run run = launcher(Map.of("MEDLEY_TEST_CRASH_ON", "track-17.flac"), "probe", library.toString(), "--json",
                "--workers", "4");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        List<JsonNode> lines = run.lines();
        assertThat(answersPerFile(lines)).hasSize(FILES).allSatisfy((file, count) -> assertThat(count).isEqualTo(1));
        assertThat(lines).filteredOn(line -> !line.get("ok").asBoolean()).singleElement().satisfies(line -> {
            assertThat(line.get("path").asText()).endsWith("track-17.flac");
            assertThat(line.get("error").asText()).contains("crashed").contains("quarantined");
        });
        assertThat(run.stderr()).contains("crashed in native code", "track-17.flac");
        try (Stream<Path> left = Files.list(cwd)) {
            assertThat(left).as("nothing left in the current folder").isEmpty();
        }

        // The next run meets the file only as a failure on record: no crash, the same answer.
        Run again = launcher(Map.of(), "probe", library.toString(), "--json");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).doesNotContain("crashed in native code");
        assertThat(again.lines()).filteredOn(line -> !line.get("ok").asBoolean())
                .extracting(line -> Path.of(line.get("path").asText()).getFileName().toString())
                .containsExactly("track-17.flac");
    }

    @Test
    void aSegfaultLeavesItsReportInTheDataFolderAndNothingOnStdout() throws Exception {
        Run run = launcher(Map.of("MEDLEY_TEST_CRASH_ON", "track-03.flac", "MEDLEY_TEST_CRASH_SIGNAL", "SEGV"),
                "probe", library.toString(), "--json", "--workers", "1");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(answersPerFile(run.lines())).hasSize(FILES); // Each line parses: the report went elsewhere.
        try (Stream<Path> reports = Files.list(data.resolve("medley/crashes"))) {
            assertThat(reports).singleElement().satisfies(report -> {
                assertThat(report.getFileName().toString()).startsWith("hs_err_pid");
                assertThat(run.stderr()).contains(report.toString());
            });
        }
        try (Stream<Path> left = Files.list(cwd)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void transcriptionQuarantinesTheFileItCrashedOnAndFinishesTheRest() throws Exception {
        try (FakeTranscriptionService server = FakeTranscriptionService.start(0)) {
            Run run = launcher(Map.of("MEDLEY_TEST_CRASH_ON", "track-05.flac"), "transcribe", library.toString(),
                    "--engine", "remote", "--endpoint", server.endpoint().toString(), "--json", "--format", "txt");
            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
            List<JsonNode> lines = run.lines();
            assertThat(answersPerFile(lines)).hasSize(FILES).allSatisfy((file, count) -> assertThat(count).isEqualTo(1));
            // Files done before the crash are answered once: by the crashed run, or by the resumed one from the catalog.
            assertThat(lines).filteredOn(line -> "failed".equals(line.get("status").asText())).singleElement()
                    .satisfies(line -> assertThat(line.get("error").asText()).contains("crashed"));
            assertThat(library.resolve("track-05.txt")).doesNotExist();
            assertThat(library.resolve("track-06.txt")).exists();
        }
    }

    @Test
    void aRunThatDiedOfAnUnknownCauseReadsItsFilesAgainAloneWithoutQuarantiningThem() throws Exception {
        // Without the launcher nobody saw a crash: the file in flight may be innocent (a kill -9).
        MedleyProcess.Result died = MedleyProcess.run(List.of(), "probe", library.toString(), "--json", "--catalog",
                dir.resolve("catalog.db").toString());
        assertThat(died.exitCode()).isZero(); // A first, clean run; then one that dies:
        Files.writeString(library.resolve("track-09.flac"), "x", java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder dying = MedleyProcess.builder(List.of(), "probe", library.toString(), "--json", "--catalog",
                dir.resolve("catalog.db").toString());
        dying.environment().put("MEDLEY_TEST_CRASH_ON", "track-09.flac");
        Process process = dying.redirectOutput(new File("/dev/null")).redirectError(new File("/dev/null")).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(134);

        MedleyProcess.Result rerun = MedleyProcess.run("probe", library.toString(), "--json", "--catalog",
                dir.resolve("catalog.db").toString());
        assertThat(rerun.stderr()).contains("track-09.flac").contains("read again, alone");
        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        Run clean = new Run(rerun.exitCode(), rerun.stdout(), rerun.stderr());
        assertThat(clean.lines()).hasSize(FILES).allSatisfy(line -> assertThat(line.get("ok").asBoolean()).isTrue());
    }

    @Test
    void ctrlCToTheLauncherStopsMedleyInOrderAndEndsWith130() throws Exception {
        // The launcher runs the JVM as a child it can watch for crashes; a signal to it must still stop Medley.
        try (FakeTranscriptionService server = FakeTranscriptionService.start(300)) {
            // As from a terminal: a harness started in the background hands its children SIGINT ignored, which no
            // shell can trap; env --default-signal gives the launcher the disposition a user's shell gives it.
            ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", ROOT.resolve("medley").toString(),
                    "transcribe",
                    library.toString(), "--engine", "remote", "--endpoint", server.endpoint().toString(), "--workers",
                    "1", "--json").directory(cwd.toFile());
            builder.environment().put("XDG_DATA_HOME", data.toString());
            builder.environment().put("MEDLEY_CATALOG", dir.resolve("catalog.db").toString());
            Process launcher = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(launcher.getErrorStream()));
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(launcher.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("a first result: the run is under way").isNotNull();
                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(launcher.pid())).start().waitFor()).isZero();
                assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(launcher.exitValue()).as(err.join()).isEqualTo(130);
            assertThat(err.join()).contains("interrupted").contains("run the same command again to resume")
                    .doesNotContain("crashed");
        }
    }
}
