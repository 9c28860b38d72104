package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.medley.media.sample.SampleMedia;
import dev.medley.speech.FakeTranscriptionService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run says on stderr while it goes and when it is stopped, through the packaged command. */
class ProgressIT {
    @TempDir Path dir;

    private Path talks(int count, int seconds) throws Exception {
        Path library = Files.createDirectories(dir.resolve("talks"));
        for (int i = 0; i < count; i++) {
            SampleMedia.write(library.resolve(String.format("talk-%02d.flac", i)), SampleMedia.Format.FLAC,
                    Duration.ofSeconds(seconds), Map.of());
        }
        return library;
    }

    @Test
    void theBarEndedOnQuestionMarksAndShowedNoPositionInTheAudio() throws Exception {
        Path library = talks(1, 3);
        try (FakeTranscriptionService server = FakeTranscriptionService.start(0)) {
            // -Dmedley.tty=true is what the launcher passes when stderr is a terminal.
            MedleyProcess.Result result = MedleyProcess.run(List.of("-Dmedley.tty=true"), "transcribe", library.toString(),
                    "--engine", "remote", "--endpoint", server.endpoint().toString(), "--catalog",
                    dir.resolve("c.db").toString());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            String bar = result.stderr().substring(result.stderr().indexOf('\r'));
            String last = bar.substring(bar.lastIndexOf('\r') + 1).lines().findFirst().orElseThrow();
            assertThat(last).startsWith("transcribe 100% [").contains("1/1 items").endsWith(" talk-00.flac 0:03/0:03");
            assertThat(bar).doesNotContain("?");
        }
    }

    @Test
    void ctrlCExitedWith130WithoutAWordOfWhatWasDone() throws Exception {
        Path library = talks(12, 1);
        try (FakeTranscriptionService server = FakeTranscriptionService.start(400)) {
            Process run = MedleyProcess.builder(List.of(), "transcribe", library.toString(), "--engine", "remote",
                    "--endpoint", server.endpoint().toString(), "--workers", "1", "--json", "--catalog",
                    dir.resolve("c.db").toString()).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            List<String> seen = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null && seen.size() < 3; line = out.readLine()) {
                    seen.add(line); // each file's line is flushed as it is done: the run is under way
                }
                assumeFalse(sigintIgnored(run.pid()), "SIGINT is ignored in this environment, as after nohup");
                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor()).isZero();
                assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(seen).hasSize(3);
            assertThat(run.exitValue()).isEqualTo(130);
            // The walk is lazy: the total is known only once it has run out, near the end.
            Matcher said = Pattern.compile("transcribe interrupted: (\\d+)( of 12)? files done; run the same command again to resume")
                    .matcher(stderr.get(30, TimeUnit.SECONDS));
            assertThat(said.find()).as(stderr.get()).isTrue();
            assertThat(Integer.parseInt(said.group(1))).isBetween(3, 11);
        }
    }

    // A process started with SIGINT ignored (nohup, some CI runners) passes that on; the JVM then leaves it so.
    private static boolean sigintIgnored(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0b10) != 0;
            }
        }
        return false;
    }
}
