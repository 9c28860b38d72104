package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.core.RateLimiter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Holds the engine's request up against the OpenAPI spec's {@code CreateTranscriptionRequest}. */
class RemoteRequestSpecTest {

    private final RemoteApiSpec spec = RemoteApiSpec.current();
    private FakeTranscriptionServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FakeTranscriptionServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void theSnapshotMatchesTheSpecFile() {
        assumeTrue(RemoteApiSpec.file().isPresent(), "shared/specs/openai-openapi.yaml is not at hand");

        assertThat(RemoteApiSpec.read(RemoteApiSpec.file().orElseThrow())).isEqualTo(RemoteApiSpec.SNAPSHOT);
    }

    @Test
    void sendsOnlyFieldsTheSpecDefinesWithValuesItAllows() throws Exception {
        FakeTranscriptionServer.Request request = send("en");

        List<String> names = request.parts().stream().map(MultipartForm.Part::name).toList();
        for (String name : names) {
            String field = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
            assertThat(spec.fields()).as("field " + name).contains(field);
            assertThat(spec.arrays().contains(field)).as("array syntax of " + name).isEqualTo(name.endsWith("[]"));
        }
        assertThat(names).containsAll(spec.required());
        assertThat(names.stream().filter(n -> !n.endsWith("[]"))).doesNotHaveDuplicates();
        assertThat(request.values("response_format")).containsExactly("verbose_json")
                .allSatisfy(format -> assertThat(spec.responseFormats()).contains(format));
        assertThat(request.values("timestamp_granularities[]")).containsExactlyInAnyOrder("segment", "word");
        assertThat(spec.granularities()).containsAll(request.values("timestamp_granularities[]"));
        assertThat(request.value("model")).isEqualTo("whisper-1");
        assertThat(request.value("language")).isEqualTo("en");
    }

    @Test
    void uploadsTheWindowAsA16kHzMonoWavWithAnExtensionAndType() throws Exception {
        FakeTranscriptionServer.Request request = send("auto");

        MultipartForm.Part file = request.part("file");
        assertThat(file.fileName()).endsWith(".wav");
        assertThat(file.contentType()).isEqualTo("audio/wav");
        assertThat(request.wav().sampleRate()).isEqualTo(16_000);
        assertThat(request.wav().channels()).isEqualTo(1);
        assertThat(request.wav().seconds()).isEqualTo(1.5);
        assertThat(request.values("language")).isEmpty();
        assertThat(request.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/audio/transcriptions");
    }

    private FakeTranscriptionServer.Request send(String language) throws Exception {
        FakeTranscriptionClock clock = new FakeTranscriptionClock(Instant.EPOCH);
        EngineOptions options = new EngineOptions(EngineKind.REMOTE, null, language, 1, "auto", 1, null,
                server.endpoint(), "sk-test", "whisper-1", RateLimiter.UNLIMITED, RemoteEngineTest.RETRY,
                Duration.ofSeconds(10));
        try (RemoteEngine engine = RemoteEngine.open(options, clock, clock)) {
            engine.transcribe(List.of(RemoteEngineTest.window("w", 1.5)));
        }
        assertThat(server.statuses()).containsExactly(200);
        return server.requests().getFirst();
    }
}
