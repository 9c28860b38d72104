package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {

    @Test
    void writesFieldsAndFilesAStrictParserReadsBack() {
        byte[] audio = {'\r', '\n', '-', '-', 0, (byte) 0xff, '\r', '\n'};
        MultipartBody body = new MultipartBody("b0undary")
                .file("file", "audio.wav", "audio/wav", audio)
                .field("model", "whisper-1")
                .field("timestamp_granularities[]", "segment")
                .field("timestamp_granularities[]", "word")
                .field("prompt", "naïve café");

        List<MultipartForm.Part> parts = MultipartForm.parse(body.contentType(), body.toByteArray());

        assertThat(body.contentType()).isEqualTo("multipart/form-data; boundary=b0undary");
        assertThat(parts).extracting(MultipartForm.Part::name).containsExactly(
                "file", "model", "timestamp_granularities[]", "timestamp_granularities[]", "prompt");
        assertThat(parts.get(0).fileName()).isEqualTo("audio.wav");
        assertThat(parts.get(0).contentType()).isEqualTo("audio/wav");
        assertThat(parts.get(0).content()).isEqualTo(audio);
        assertThat(parts.subList(1, 5)).extracting(MultipartForm.Part::text)
                .containsExactly("whisper-1", "segment", "word", "naïve café");
    }

    @Test
    void escapesQuotesAndLineBreaksInNames() {
        MultipartBody body = new MultipartBody("b").field("a\"b\r\nc", "v");

        assertThat(MultipartForm.parse(body.contentType(), body.toByteArray()).getFirst().name())
                .isEqualTo("a%22b%0D%0Ac");
    }

    @Test
    void picksADifferentBoundaryForEveryBody() {
        assertThat(MultipartBody.withRandomBoundary().contentType())
                .isNotEqualTo(MultipartBody.withRandomBoundary().contentType());
    }

    @Test
    void refusesBoundariesRfc2046DoesNotAllow() {
        assertThatThrownBy(() -> new MultipartBody("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultipartBody("x".repeat(71))).isInstanceOf(IllegalArgumentException.class);
    }
}
