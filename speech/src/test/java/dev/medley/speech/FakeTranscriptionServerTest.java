package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks that the fake holds clients to the spec, so that tests passing against it mean something. */
class FakeTranscriptionServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeTranscriptionServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FakeTranscriptionServer.start();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void answersAValidRequestWithVerboseJson() throws Exception {
        HttpResponse<String> response = post(valid().field("response_format", "verbose_json")
                .field("timestamp_granularities[]", "word"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("language").asText()).isEqualTo("english");
        assertThat(answer.get("duration").asDouble()).isEqualTo(0.5);
        assertThat(answer.get("text").asText()).isEqualTo("window of 0.50 seconds end of window");
        assertThat(answer.get("words")).hasSize(7);
        assertThat(answer.has("segments")).isFalse();
    }

    @Test
    void answersPlainJsonByDefault() throws Exception {
        HttpResponse<String> response = post(valid());

        assertThat(JSON.readTree(response.body()).fieldNames()).toIterable().containsExactly("text");
    }

    @Test
    void refusesFieldsOutsideTheSpec() throws Exception {
        assertRejected(valid().field("foo", "bar"), "Unrecognized request argument supplied: foo");
    }

    @Test
    void refusesArraysSentWithoutBrackets() throws Exception {
        assertRejected(valid().field("response_format", "verbose_json").field("timestamp_granularities", "word"),
                "send it as timestamp_granularities[]");
    }

    @Test
    void refusesValuesOutsideTheEnums() throws Exception {
        assertRejected(valid().field("response_format", "xml"), "'xml' is not one of");
        assertRejected(valid().field("response_format", "verbose_json").field("timestamp_granularities[]", "line"),
                "'line' is not one of");
    }

    @Test
    void refusesGranularitiesWithoutVerboseJson() throws Exception {
        assertRejected(valid().field("timestamp_granularities[]", "word"), "requires response_format=verbose_json");
    }

    @Test
    void refusesARequestWithoutAModel() throws Exception {
        assertRejected(new MultipartBody("b").file("file", "a.wav", "audio/wav", WavEncoder.encode(new float[80])),
                "you must provide a model parameter");
    }

    @Test
    void refusesAFileThatIsNotAWav() throws Exception {
        assertRejected(new MultipartBody("b").file("file", "a.wav", "audio/wav", new byte[] {1, 2, 3})
                .field("model", "whisper-1"), "invalid WAV");
    }

    private MultipartBody valid() {
        return new MultipartBody("b").file("file", "a.wav", "audio/wav", WavEncoder.encode(new float[8_000]))
                .field("model", "whisper-1");
    }

    private void assertRejected(MultipartBody body, String message) throws Exception {
        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("message").asText()).contains(message);
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    }

    private HttpResponse<String> post(MultipartBody body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.endpoint().resolve(FakeTranscriptionServer.PATH))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
