package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteClientTest {

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8000,          http://127.0.0.1:8000/v1/audio/transcriptions",
        "http://127.0.0.1:8000/,         http://127.0.0.1:8000/v1/audio/transcriptions",
        "http://127.0.0.1:8000/v1,       http://127.0.0.1:8000/v1/audio/transcriptions",
        "http://127.0.0.1:8000/v1/,      http://127.0.0.1:8000/v1/audio/transcriptions",
        "https://api.openai.com/v1,      https://api.openai.com/v1/audio/transcriptions",
        "https://gateway.example/openai, https://gateway.example/openai/v1/audio/transcriptions",
        "https://gateway.example/openai/v1//, https://gateway.example/openai/v1/audio/transcriptions",
    })
    void findsTheTranscriptionUrlWithOrWithoutV1(String endpoint, String expected) {
        assertThat(RemoteClient.transcriptionsUri(URI.create(endpoint))).isEqualTo(URI.create(expected));
    }
}
