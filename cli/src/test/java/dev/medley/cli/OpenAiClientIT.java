package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code openai} npm client (pinned in src/test/openai, installed by .ci/run) against
 * {@code medley serve} with the built-in engine: every response_format and streaming, and the team's
 * recordings transcribed through the server exactly as {@code medley transcribe} transcribes them.
 * Skips when Node.js or the client is not installed.
 */
class OpenAiClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENT = Path.of("src/test/node").toAbsolutePath();
    private static final Path SHARED = Path.of(System.getProperty("medley.home", "..")).resolve("../shared/audio")
            .toAbsolutePath().normalize();

    @TempDir static Path dir;
    private static Process server;
    private static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isDirectory(CLIENT.resolve("node_modules/openai")),
                "the openai client is not installed: npm ci --prefix cli/src/test/node");
        server = MedleyProcess.builder(List.of(), "serve", "--port", "0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        String line = err.readLine();
        Matcher serving = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+/v1)").matcher(String.valueOf(line));
        assertThat(serving.find()).as(line).isTrue();
        baseUrl = serving.group(1);
        Thread.ofVirtual().start(() -> err.lines().forEach(l -> { })); // keep stderr drained
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    /** Runs the openai client on {@code files}; returns its result per file name. */
    private static Map<String, JsonNode> client(String format, List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", CLIENT.resolve("transcribe.mjs").toString(), baseUrl, format));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OPENAI_API_KEY", "unused-on-loopback");
        Process node = builder.start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (String line : output.lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode result = JSON.readTree(line);
            results.put(Path.of(result.path("file").asText()).getFileName().toString(), result.path("result"));
        }
        return results;
    }

    private static Path shortClip() throws Exception {
        Path clip = dir.resolve("clip.wav");
        if (!Files.exists(clip)) {
            dev.medley.media.sample.SampleMedia.write(clip, dev.medley.media.sample.SampleMedia.Format.WAV,
                    java.time.Duration.ofSeconds(2), Map.of());
        }
        return clip;
    }

    @Test
    void everyResponseFormatAndTheStreamComeBackInTheShapeTheClientExpects() throws Exception {
        Path clip = SHARED.resolve("librispeech/1089-134691-0000.flac");
        if (!Files.exists(clip)) {
            clip = shortClip();
        }
        String name = clip.getFileName().toString();
        JsonNode json = client("json", List.of(clip)).get(name);
        String text = json.path("text").asText();
        assertThat(client("text", List.of(clip)).get(name).asText().strip()).isEqualTo(text);
        assertThat(client("srt", List.of(clip)).get(name).asText()).satisfiesAnyOf(
                s -> assertThat(s).contains(" --> "), s -> assertThat(text).isEmpty());
        assertThat(client("vtt", List.of(clip)).get(name).asText()).startsWith("WEBVTT");
        JsonNode verbose = client("verbose_json", List.of(clip)).get(name);
        assertThat(verbose.path("text").asText()).isEqualTo(text);
        assertThat(verbose.path("duration").asDouble()).isPositive();
        if (!text.isEmpty()) {
            JsonNode word = verbose.path("words").get(0);
            assertThat(word.path("word").isTextual()).isTrue();
            assertThat(word.path("end").asDouble()).isGreaterThanOrEqualTo(word.path("start").asDouble());
            assertThat(verbose.path("segments").get(0).path("text").asText()).isNotEmpty();
        }
        JsonNode events = client("stream", List.of(clip)).get(name);
        StringBuilder deltas = new StringBuilder();
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("transcript.text.delta")) {
                deltas.append(event.path("delta").asText());
            }
        }
        JsonNode done = events.get(events.size() - 1);
        assertThat(done.path("type").asText()).isEqualTo("transcript.text.done");
        assertThat(done.path("text").asText()).isEqualTo(text).isEqualTo(deltas.toString());
    }

    @Test
    void theTeamsRecordingsThroughTheServerReadAsTheCommandLineTranscribesThem() throws Exception {
        assumeTrue(Files.isDirectory(SHARED), "../shared/audio is absent");
        Path library = Files.createDirectories(dir.resolve("recordings"));
        List<Path> clips = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SHARED)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(wav|flac)$")).sorted().toList()) {
                clips.add(Files.copy(file, library.resolve(file.getFileName())));
            }
        }
        ProcessBuilder cli = MedleyProcess.builder(List.of(), "transcribe", library.toString(), "--format", "txt", "-q");
        cli.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        MedleyProcess.Result result = MedleyProcess.run(cli);
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        Map<String, JsonNode> served = client("json", clips);
        assertThat(served).hasSize(clips.size());
        for (Path clip : clips) {
            String stem = clip.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            String fromCli = Files.readString(library.resolve(stem + ".txt")).strip();
            assertThat(served.get(clip.getFileName().toString()).path("text").asText()).as(stem).isEqualTo(fromCli);
            assertThat(fromCli).as(stem).isNotEmpty();
        }
    }
}
