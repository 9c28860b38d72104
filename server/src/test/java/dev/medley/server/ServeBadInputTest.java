package dev.medley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.speech.SimulatedSpeechEngine;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests against a real server with real decoding: each a clear 4xx, and the server goes on serving. */
class ServeBadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "t0ken-for-tests";

    @TempDir Path temp;
    private Speech speech;
    private MedleyServer server;
    private ServeClient client;
    private Path root;

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(temp.resolve("root"));
        Files.write(root.resolve("inside.wav"), Wav.constant(321, 0.5));
        Files.write(temp.resolve("secret.wav"), Wav.constant(999, 0.5));
        ServeMetrics metrics = new ServeMetrics();
        speech = Speech.serving(new SimulatedSpeechEngine(Duration.ZERO, Duration.ZERO, 1), ServeBatching.DEFAULT, metrics);
        server = MedleyServer.start(new ServeOptions("127.0.0.1", 0, TOKEN, 512 * 1024).withRoots(List.of(root)), speech,
                metrics);
        client = new ServeClient(server.port(), TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
        speech.close();
    }

    private void assertStillServing() throws Exception {
        HttpResponse<String> ok = client.transcribe(Wav.constant(1234, 0.5), null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("level 1234");
    }

    private static void assertError(HttpResponse<String> response, int status, String says) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asText()).containsIgnoringCase(says).doesNotContain("at dev.medley", "Exception");
        assertThat(error.path("type").asText()).isNotEmpty();
    }

    @Test
    void uploadsThatAreNotUsableAudioGetA400() throws Exception {
        byte[] wav = Wav.constant(500, 1.0);
        assertError(client.transcribe("this is not audio at all, just words".repeat(20).getBytes(), null), 400,
                "cannot transcribe");
        assertError(client.transcribe(Arrays.copyOf(wav, 30), null), 400, "cannot transcribe"); // header cut short
        assertError(client.transcribe(new byte[0], null), 400, "no audio");
        assertError(client.transcribe(wav, "mp3"), 400, "response_format");
        assertStillServing();
    }

    @Test
    void aWavCutShortMidDataIsTranscribedAsFarAsItGoes() throws Exception {
        byte[] wav = Wav.constant(600, 1.0);
        HttpResponse<String> cut = client.transcribe(Arrays.copyOf(wav, wav.length / 2), null);
        // The header promises a second of audio; half of it arrived. What there is is heard, nothing invented.
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body()).contains("level 600");
        assertStillServing();
    }

    @Test
    void anUploadOverTheLimitGetsA413() throws Exception {
        HttpResponse<String> huge = client.transcribe(new byte[1024 * 1024], null);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertStillServing();
    }

    @Test
    void pathsStayInsideTheRoots() throws Exception {
        Files.createSymbolicLink(root.resolve("link.wav"), temp.resolve("secret.wav"));
        String batch = """
                {"items":[
                  {"request_id":"in","path":"inside.wav"},
                  {"request_id":"up","path":"../secret.wav"},
                  {"request_id":"abs","path":"%s"},
                  {"request_id":"link","path":"link.wav"},
                  {"request_id":"none","path":"missing.wav"},
                  {"request_id":"bad id!","path":"inside.wav"}
                ]}""".formatted(temp.resolve("secret.wav").toString().replace("\\", "\\\\"));
        HttpResponse<String> response = client.postJson("/v1/batch/transcriptions", batch);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results).hasSize(6);
        assertThat(results.get(0).path("text").asText()).isEqualTo("level 321");
        for (int i = 1; i <= 3; i++) {
            assertThat(results.get(i).path("error").asText()).contains("outside the server's roots");
            assertThat(results.get(i).toString()).doesNotContain("level 999");
        }
        assertThat(results.get(4).path("error").asText()).contains("no such file");
        assertThat(results.get(5).path("error").asText()).contains("request_id");
        assertThat(response.body()).doesNotContain(root.toString()); // what the request said is echoed, never where the root is
        assertStillServing();
    }

    @Test
    void requestsWithoutTheRightTokenGetA401() throws Exception {
        ServeClient anonymous = new ServeClient(server.port(), null);
        ServeClient wrong = new ServeClient(server.port(), TOKEN + "x");
        assertError(anonymous.transcribe(Wav.constant(1, 0.5), null), 401, "token");
        assertError(wrong.transcribe(Wav.constant(1, 0.5), null), 401, "token");
        assertThat(wrong.get("/v1/models").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/healthz").statusCode()).isEqualTo(200);
        assertStillServing();
    }

    @Test
    void badBatchesGetA400AndBadItemsAnErrorOfTheirOwn() throws Exception {
        assertError(client.postJson("/v1/batch/transcriptions", "{not json"), 400, "not JSON");
        assertError(client.postJson("/v1/batch/transcriptions", "{\"items\":[]}"), 400, "items");
        String pcm = Base64.getEncoder().encodeToString(new byte[] {1, 0, 2});
        HttpResponse<String> response = client.postJson("/v1/batch/transcriptions",
                "{\"items\":[{\"request_id\":\"odd\",\"pcm\":\"" + pcm + "\",\"sample_rate\":16000},"
                        + "{\"request_id\":\"b64\",\"audio\":\"%%%\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.get(0).path("error").asText()).contains("16-bit");
        assertThat(results.get(1).path("error").asText()).contains("base64");
        assertStillServing();
    }

    @Test
    void aTranscriptionAskedForInEveryFormatComesBackInThatFormat() throws Exception {
        byte[] wav = Wav.constant(4321, 1.0);
        for (Map.Entry<String, String> format : Map.of("json", "\"text\":\"level 4321\"", "text", "level 4321\n",
                "srt", "00:00:00,", "vtt", "WEBVTT", "verbose_json", "\"segments\"").entrySet()) {
            HttpResponse<String> response = client.transcribe(wav, format.getKey());
            assertThat(response.statusCode()).as(format.getKey()).isEqualTo(200);
            assertThat(response.body()).as(format.getKey()).contains(format.getValue());
        }
    }

    @Test
    void aStreamedTranscriptionSendsEachWindowAsADeltaThenTheWholeText() throws Exception {
        byte[] wav = Wav.stretches(1.0, 2.5, 1111, 2222, 3333);
        HttpResponse<String> response = client.upload("/v1/audio/transcriptions", wav,
                Map.of("model", "whisper-1", "stream", "true"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<JsonNode> events = new java.util.ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("transcript.text.delta", "transcript.text.delta", "transcript.text.delta",
                        "transcript.text.done");
        assertThat(events.subList(0, 3)).extracting(e -> e.path("delta").asText())
                .containsExactly("level 1111", " level 2222", " level 3333");
        assertThat(events.get(3).path("text").asText()).isEqualTo("level 1111 level 2222 level 3333");
    }

    @Test
    void verboseJsonCarriesWordsOrSegmentsAsAskedAndUnknownModelsAreRefused() throws Exception {
        byte[] wav = Wav.constant(77, 1.0);
        String boundary = "g";
        HttpResponse<String> words = client.upload("/v1/audio/transcriptions", wav, Map.of("model", "whisper-1",
                "response_format", "verbose_json", "timestamp_granularities[]", "word"));
        JsonNode body = JSON.readTree(words.body());
        assertThat(body.has("words")).isTrue();
        assertThat(body.has("segments")).isFalse();
        assertError(client.upload("/v1/audio/transcriptions", wav, Map.of("model", "no-such-model")), 400, "not served");
        assertError(client.upload("/v1/audio/transcriptions", wav, Map.of("model", "whisper-1",
                "timestamp_granularities[]", "word")), 400, "verbose_json");
    }
}
