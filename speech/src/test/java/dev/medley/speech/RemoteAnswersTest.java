package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteAnswersTest {

    private static final AudioWindow WINDOW = new AudioWindow("w", new float[32_000], 12.0);

    @Test
    void givesEachWordToTheSegmentHoldingItsMiddleAndStraysToTheNearest() throws RemoteException {
        WindowTranscript transcript = read("""
                {"language":"english","duration":2.0,"text":"one two three four",
                 "segments":[{"id":0,"start":0.0,"end":1.0,"text":" one two"},
                             {"id":1,"start":1.2,"end":2.0,"text":" three four"}],
                 "words":[{"word":"one","start":0.0,"end":0.4},{"word":"two","start":0.6,"end":1.3},
                          {"word":"three","start":1.2,"end":1.6},{"word":"four","start":1.7,"end":2.4}]}
                """, null);

        assertThat(transcript.segments().get(0).words()).extracting(Segment.Word::text).containsExactly("one", "two");
        assertThat(transcript.segments().get(1).words()).extracting(Segment.Word::text)
                .containsExactly("three", "four");
    }

    @Test
    void keepsTimesRelativeToTheWindowAndSortsSegments() throws RemoteException {
        WindowTranscript transcript = read("""
                {"segments":[{"start":1.0,"end":2.0,"text":"later"},{"start":0.0,"end":0.5,"text":"first"}]}
                """, null);

        assertThat(transcript.windowId()).isEqualTo("w");
        assertThat(transcript.segments()).containsExactly(
                new Segment(0.0, 0.5, "first", List.of()), new Segment(1.0, 2.0, "later", List.of()));
    }

    @Test
    void mendsSegmentsThatEndBeforeTheyStartAndDropsEmptyOnes() throws RemoteException {
        WindowTranscript transcript = read("""
                {"segments":[{"start":1.0,"end":0.8,"text":" hm "},{"start":1.5,"end":2.0,"text":"  "}]}
                """, null);

        assertThat(transcript.segments()).containsExactly(new Segment(1.0, 1.0, "hm", List.of()));
    }

    @Test
    void readsWordProbabilitiesWhenTheServerAddsThem() throws RemoteException {
        WindowTranscript transcript = read("""
                {"text":"hi","words":[{"word":" hi","start":0.1,"end":0.3,"probability":0.93}]}
                """, null);

        assertThat(transcript.segments().getFirst().words())
                .containsExactly(new Segment.Word(0.1, 0.3, "hi", 0.93));
        assertThat(transcript.segments().getFirst().end()).isEqualTo(2.0);
    }

    @Test
    void namesTheLanguageByItsIsoCode() throws RemoteException {
        assertThat(read("{\"language\":\"english\",\"text\":\"\"}", null).language()).isEqualTo("en");
        assertThat(read("{\"language\":\"German\",\"text\":\"\"}", null).language()).isEqualTo("de");
        assertThat(read("{\"language\":\"FR\",\"text\":\"\"}", null).language()).isEqualTo("fr");
        assertThat(read("{\"language\":\"klingon\",\"text\":\"\"}", "en").language()).isEqualTo("en");
        assertThat(read("{\"text\":\"\"}", "auto").language()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "[1,2]", "\"text\"", "{\"text\":\"cut", "{\"text\":\"a\"} trailing",
        "{\"segments\":[{\"end\":1.0,\"text\":\"no start\"}]}",
        "{\"segments\":[{\"start\":\"0\",\"end\":1.0,\"text\":\"start as text\"}]}",
        "{\"segments\":{\"start\":0}}",
        "{\"text\":\"a\",\"words\":[{\"word\":\"a\",\"start\":0.0}]}",
        // No text and no segments: the answer says nothing about the window, which is not silence.
        "{}", "{\"language\":\"english\",\"duration\":1.0}", "{\"text\":null,\"segments\":[]}", "{\"text\":7}",
    })
    void refusesMalformedAnswers(String body) {
        assertThatThrownBy(() -> read(body, null)).isInstanceOf(RemoteException.class);
    }

    @Test
    void findsTheServersMessageInAnErrorBody() {
        assertThat(message("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}"))
                .isEqualTo("Incorrect API key provided");
        assertThat(message("{\"error\":\"model not loaded\"}")).isEqualTo("model not loaded");
        assertThat(message("{\"detail\":\"Not Found\"}")).isEqualTo("Not Found");
        assertThat(message("<html>Bad Gateway</html>\n")).isEqualTo("<html>Bad Gateway</html>");
        assertThat(message("")).isEmpty();
        assertThat(message("x".repeat(1000))).hasSize(301).endsWith("…");
    }

    private static WindowTranscript read(String json, String language) throws RemoteException {
        return RemoteAnswers.transcript(WINDOW, json.getBytes(StandardCharsets.UTF_8), language);
    }

    private static String message(String body) {
        return RemoteAnswers.errorMessage(body.getBytes(StandardCharsets.UTF_8));
    }
}
