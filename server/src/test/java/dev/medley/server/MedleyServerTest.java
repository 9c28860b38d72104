package dev.medley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medley.core.Priority;
import dev.medley.speech.AudioSource;
import dev.medley.speech.TranscriptionProgress;
import dev.medley.speech.Segment;
import dev.medley.speech.Transcript;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server over real HTTP on loopback, with a speech model that says what it was given. */
class MedleyServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Hears "heard N bytes" in any file, "heard N samples" in PCM; a file starting with "bad" cannot be read. */
    static final Speech ECHO = new Speech() {
        @Override
        public String model() {
            return "echo:test";
        }

        @Override
        public Transcript transcribe(AudioSource audio, Priority priority, TranscriptionProgress progress) {
            String text = switch (audio) {
                case AudioSource.Bytes bytes -> {
                    if (new String(bytes.media(), StandardCharsets.ISO_8859_1).startsWith("bad")) {
                        throw new IllegalArgumentException("not an audio file");
                    }
                    yield "heard " + bytes.media().length + " bytes";
                }
                default -> "heard " + audio.getClass().getSimpleName();
            };
            String[] tokens = text.split(" ");
            List<Segment.Word> words = new java.util.ArrayList<>();
            for (int i = 0; i < tokens.length; i++) {
                words.add(new Segment.Word(1.5 * i / tokens.length, 1.5 * (i + 1) / tokens.length, tokens[i], null));
            }
            return new Transcript("x", "echo", "test", "en", 2.0, 0.1, 1, List.of(new Segment(0.0, 1.5, text, words)));
        }
    };

    private MedleyServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(byte[] file, String format) throws Exception {
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n").getBytes());
        if (format != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\n" + format
                    + "\r\n").getBytes());
        }
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                    + "Content-Type: audio/wav\r\n\r\n").getBytes());
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes());
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes());
        return HTTP.send(HttpRequest.newBuilder(uri("/v1/audio/transcriptions"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsItsModelAndAnswersToWhisper1AndSaysWhenReady() throws Exception {
        server = MedleyServer.start(new ServeOptions("127.0.0.1", 0, null, 1 << 20), ECHO);

        JsonNode models = MedleyServer.JSON.readTree(get("/v1/models", null).body());

        assertThat(models.path("data").findValuesAsText("id")).containsExactly("echo:test", "whisper-1");
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
        assertThat(get("/readyz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void transcribesAnUploadInEachResponseFormat() throws Exception {
        server = MedleyServer.start(new ServeOptions("127.0.0.1", 0, null, 1 << 20), ECHO);
        byte[] file = new byte[1234];

        assertThat(MedleyServer.JSON.readTree(upload(file, null).body()).path("text").asText()).isEqualTo("heard 1234 bytes");
        assertThat(upload(file, "text").body()).isEqualTo("heard 1234 bytes\n");
        assertThat(upload(file, "srt").body()).contains("00:00:00,000 --> 00:00:01,500").contains("heard 1234 bytes");
        assertThat(upload(file, "vtt").body()).startsWith("WEBVTT").contains("heard 1234 bytes");
        JsonNode verbose = MedleyServer.JSON.readTree(upload(file, "verbose_json").body());
        assertThat(verbose.path("segments").path(0).path("end").asDouble()).isEqualTo(1.5);
        assertThat(verbose.path("words").path(0).path("word").asText()).isEqualTo("heard");
        assertThat(verbose.path("duration").asDouble()).isEqualTo(2.0);
    }

    @Test
    void badUploadsGetAClearFourHundredAndTheServerGoesOn() throws Exception {
        server = MedleyServer.start(new ServeOptions("127.0.0.1", 0, null, 4096), ECHO);

        HttpResponse<String> unknownFormat = upload(new byte[10], "mp3");
        HttpResponse<String> noFile = upload(null, "json");
        HttpResponse<String> notAudio = upload("bad bytes".getBytes(), "json");
        HttpResponse<String> empty = upload(new byte[0], "json");
        HttpResponse<String> tooBig = upload(new byte[10_000], "json");

        assertThat(unknownFormat.statusCode()).isEqualTo(400);
        assertThat(unknownFormat.body()).contains("response_format must be one of");
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(notAudio.statusCode()).isEqualTo(400);
        assertThat(notAudio.body()).contains("not an audio file").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(upload(new byte[5], "text").body()).isEqualTo("heard 5 bytes\n");
    }

    @Test
    void aBatchIsAnsweredInOrderOneResultOrErrorPerItem() throws Exception {
        server = MedleyServer.start(new ServeOptions("127.0.0.1", 0, null, 1 << 20), ECHO);
        Base64.Encoder base64 = Base64.getEncoder();
        String body = "{\"items\":[{\"request_id\":\"a\",\"audio\":\"" + base64.encodeToString(new byte[7]) + "\"},"
                + "{\"request_id\":\"b\",\"pcm\":\"" + base64.encodeToString(new byte[3200]) + "\",\"sample_rate\":16000},"
                + "{\"request_id\":\"c\",\"audio\":\"%%%\"},"
                + "{\"request_id\":\"../etc\",\"audio\":\"AAAA\"},"
                + "{\"request_id\":\"e\",\"audio\":\"" + base64.encodeToString("bad".getBytes()) + "\"}]}";

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/batch/transcriptions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = MedleyServer.JSON.readTree(response.body()).path("results");
        assertThat(results.findValuesAsText("request_id")).containsExactly("a", "b", "c", "../etc", "e");
        assertThat(results.path(0).path("text").asText()).isEqualTo("heard 7 bytes");
        assertThat(results.path(1).path("text").asText()).isEqualTo("heard Pcm");
        assertThat(results.path(2).path("error").asText()).contains("not base64");
        assertThat(results.path(3).path("error").asText()).contains("request_id");
        assertThat(results.path(4).path("error").asText()).contains("not an audio file");
    }

    @Test
    void withATokenEveryRequestButHealthNeedsIt() throws Exception {
        server = MedleyServer.start(new ServeOptions("127.0.0.1", 0, "s3cret-token", 1 << 20), ECHO);

        assertThat(get("/v1/models", null).statusCode()).isEqualTo(401);
        assertThat(get("/v1/models", "wrong").statusCode()).isEqualTo(401);
        assertThat(get("/v1/models", "s3cret-token").statusCode()).isEqualTo(200);
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
        assertThat(get("/v1/models", null).body()).doesNotContain("s3cret-token");
    }

    @Test
    void refusesToServeBeyondThisMachineWithoutAToken() {
        assertThatThrownBy(() -> new ServeOptions("0.0.0.0", 0, null, 1024)).hasMessageContaining("needs a token");
        assertThat(new ServeOptions("0.0.0.0", 0, "t", 1024).toString()).doesNotContain("=t,");
        assertThat(new ServeOptions("localhost", 0, null, 1024).token()).isNull();
    }

    private HttpResponse<String> enqueue(byte[] file) throws Exception {
        String boundary = "q";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\n").getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return HTTP.send(HttpRequest.newBuilder(uri("/v1/queue/transcriptions"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A model that answers only once {@code go} is released. */
    private static Speech held(java.util.concurrent.CountDownLatch go) {
        return new Speech() {
            @Override
            public String model() {
                return "held";
            }

            @Override
            public Transcript transcribe(AudioSource audio, Priority priority, TranscriptionProgress progress)
                    throws Exception {
                go.await();
                return ECHO.transcribe(audio);
            }
        };
    }

    @Test
    void aQueuedTranscriptionIsFetchedByItsIdWithALongPoll() throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        server = MedleyServer.start(new ServeOptions("127.0.0.1", 0, null, 1 << 20), held(go));

        HttpResponse<String> queued = enqueue(new byte[321]);
        String id = MedleyServer.JSON.readTree(queued.body()).path("request_id").asText();
        HttpResponse<String> pending = get("/v1/queue/transcriptions/" + id + "?wait=0.2", null);
        go.countDown();
        HttpResponse<String> done = get("/v1/queue/transcriptions/" + id + "?wait=10", null);

        assertThat(queued.statusCode()).isEqualTo(202);
        assertThat(id).startsWith("tr_").hasSize(27);
        assertThat(pending.statusCode()).isEqualTo(202);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(MedleyServer.JSON.readTree(done.body()).path("text").asText()).isEqualTo("heard 321 bytes");
        assertThat(get("/v1/queue/transcriptions/tr_unknown?wait=0", null).statusCode()).isEqualTo(404);
        assertThat(get("/v1/queue/transcriptions/" + id + "?wait=soon", null).statusCode()).isEqualTo(400);
    }

    @Test
    void pastItsPendingLimitTheServerAnswers429WithRetryAfterAndServesAgainLater() throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        server = MedleyServer.start(new ServeOptions("127.0.0.1", 0, null, 1 << 20, 2), held(go));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(MedleyServer.JSON.readTree(enqueue(new byte[10]).body()).path("request_id").asText());
        }

        HttpResponse<String> refused = enqueue(new byte[10]);
        HttpResponse<String> refusedUpload = upload(new byte[10], "json");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refusedUpload.statusCode()).isEqualTo(429);
        go.countDown();
        for (String id : ids) {
            assertThat(get("/v1/queue/transcriptions/" + id + "?wait=10", null).statusCode()).isEqualTo(200);
        }
        assertThat(upload(new byte[10], "text").body()).isEqualTo("heard 10 bytes\n");
        String metrics = get("/metrics", null).body();
        assertThat(metrics).contains("medley_refused_total{reason=\"pending_limit\"} 2.0").contains("medley_pending_items 0.0")
                .contains("medley_transcription_seconds_count 3");
    }
}
