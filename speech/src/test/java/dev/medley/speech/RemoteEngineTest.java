package dev.medley.speech;

import static dev.medley.speech.WindowResults.failure;
import static dev.medley.speech.WindowResults.transcript;
import static dev.medley.speech.WindowResults.transcripts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.medley.core.RateLimiter;
import dev.medley.core.RetryPolicy;
import dev.medley.core.RetryableException;
import dev.medley.speech.FakeTranscriptionServer.Fault;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteEngineTest {

    static final RetryPolicy RETRY =
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.0, RetryPolicy::isTransient);

    private final FakeTranscriptionClock clock = new FakeTranscriptionClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<SpeechEngine> engines = new ArrayList<>();
    private FakeTranscriptionServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FakeTranscriptionServer.start();
    }

    @AfterEach
    void stop() {
        engines.forEach(SpeechEngine::close);
        server.close();
    }

    @Test
    void transcribesAWindowIntoSegmentsWithTheirWords() throws Exception {
        List<WindowTranscript> transcripts = transcripts(engine(options()).transcribe(List.of(window("a", 2.0))));

        assertThat(transcripts).hasSize(1);
        WindowTranscript transcript = transcripts.getFirst();
        assertThat(transcript.windowId()).isEqualTo("a");
        assertThat(transcript.language()).isEqualTo("en");
        assertThat(transcript.segments()).extracting(Segment::start, Segment::end, Segment::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0.0, 1.0, "window of 2.00 seconds"),
                org.assertj.core.groups.Tuple.tuple(1.0, 2.0, "end of window"));
        assertThat(transcript.segments().get(0).words()).extracting(Segment.Word::text)
                .containsExactly("window", "of", "2.00", "seconds");
        assertThat(transcript.segments().get(1).words()).extracting(Segment.Word::text)
                .containsExactly("end", "of", "window");
        Segment.Word last = transcript.segments().get(1).words().getLast();
        assertThat(last.start()).isCloseTo(1.0 + 2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(last.end()).isEqualTo(2.0);
        assertThat(last.probability()).isNull();
        assertThat(server.requests()).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void sendsTheWindowsOfABatchTogetherAndAnswersEachById() throws Exception {
        server.holdUntilConcurrent(3);

        List<WindowTranscript> transcripts = transcripts(engine(options())
                .transcribe(List.of(window("w1", 1.0), window("w2", 2.0), window("w3", 3.0))));

        assertThat(server.maxConcurrent()).isEqualTo(3);
        assertThat(transcripts).extracting(WindowTranscript::windowId).containsExactly("w1", "w2", "w3");
        assertThat(transcripts).extracting(t -> t.segments().getFirst().text()).containsExactly(
                "window of 1.00 seconds", "window of 2.00 seconds", "window of 3.00 seconds");
    }

    @Test
    void waitsAsLongAsRetryAfterSaysOn429() throws Exception {
        server.enqueue(Fault.tooManyRequests("7"));

        WindowTranscript transcript = transcript(engine(options()).transcribe(List.of(window("a", 1.0))).getFirst());

        assertThat(transcript.segments()).isNotEmpty();
        assertThat(server.statuses()).containsExactly(429, 200);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void readsRetryAfterGivenAsAnHttpDate() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(90).atOffset(ZoneOffset.UTC));
        server.enqueue(Fault.tooManyRequests(date));

        engine(options()).transcribe(List.of(window("a", 1.0)));

        assertThat(server.statuses()).containsExactly(429, 200);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(90));
    }

    @Test
    void backsOffByThePolicyWhen429SaysNothingMore() throws Exception {
        server.enqueue(Fault.tooManyRequests(null));

        engine(options()).transcribe(List.of(window("a", 1.0)));

        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void retriesTwo503sThenSucceeds() throws Exception {
        server.enqueue(Fault.status(503, "Service Unavailable"), Fault.status(503, "Service Unavailable"));

        WindowTranscript transcript = transcript(engine(options()).transcribe(List.of(window("a", 1.0))).getFirst());

        assertThat(transcript.segments()).hasSize(2);
        assertThat(server.statuses()).containsExactly(503, 503, 200);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 500, 502, 504})
    void retriesOtherPassingFailures(int status) throws Exception {
        server.enqueue(Fault.status(status, "try again"));

        engine(options()).transcribe(List.of(window("a", 1.0)));

        assertThat(server.statuses()).containsExactly(status, 200);
    }

    @Test
    void retriesARequestThatTimesOut() throws Exception {
        server.enqueue(Fault.stall());

        WindowTranscript transcript = transcript(engine(options().withTimeout(Duration.ofMillis(300)))
                .transcribe(List.of(window("a", 1.0))).getFirst());

        assertThat(transcript.segments()).hasSize(2);
        assertThat(server.requests()).hasSize(2);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void failsWithTheTimeoutAfterTheLastAttempt() {
        server.enqueue(Fault.stall(), Fault.stall(), Fault.stall());
        SpeechEngine engine = engine(options().withTimeout(Duration.ofMillis(200)));

        assertThatThrownBy(() -> engine.transcribe(List.of(window("a", 1.0))))
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("window a: no answer from " + server.endpoint() + "/v1/audio/transcriptions")
                .hasMessageContaining("within 200ms (3 attempts)");
    }

    @Test
    void retriesADroppedConnection() throws Exception {
        server.enqueue(Fault.drop());

        engine(options()).transcribe(List.of(window("a", 1.0)));

        assertThat(server.statuses()).containsExactly(0, 200);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void failsAtOnceOn401WithTheServersMessage() throws Exception {
        server.requireApiKey("sk-right");
        SpeechEngine engine = engine(options().withKey("sk-wrong"));

        assertThat(failure(engine.transcribe(List.of(window("a", 1.0))).getFirst()))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("window a: HTTP 401 from " + server.endpoint() + "/v1/audio/transcriptions")
                .hasMessageContaining("Incorrect API key provided: sk-wrong")
                .hasMessageEndingWith("(1 attempt)");
        assertThat(server.statuses()).containsExactly(401);
        assertThat(clock.sleeps()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 413, 422})
    void neverRetriesOtherClientErrors(int status) throws Exception {
        server.enqueue(Fault.status(status, "not like this"));
        SpeechEngine engine = engine(options());

        assertThat(failure(engine.transcribe(List.of(window("a", 1.0))).getFirst()))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining("not like this");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void failsTheBatchAfterTheLastAttemptNamingStatusAndMessage() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Fault.status(503, "The engine is currently overloaded"));
        }
        SpeechEngine engine = engine(options());

        assertThatThrownBy(() -> engine.transcribe(List.of(window("a", 1.0))))
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("The engine is currently overloaded")
                .hasMessageEndingWith("(3 attempts)");
        assertThat(server.statuses()).containsExactly(503, 503, 503);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void retriesATruncatedAnswerOnce() throws Exception {
        server.enqueue(Fault.truncatedJson());

        WindowTranscript transcript = transcript(engine(options()).transcribe(List.of(window("a", 1.0))).getFirst());

        assertThat(transcript.segments()).hasSize(2);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void failsOnASecondTruncatedAnswer() throws Exception {
        server.enqueue(Fault.truncatedJson(), Fault.truncatedJson());
        SpeechEngine engine = engine(options());

        assertThat(failure(engine.transcribe(List.of(window("a", 1.0))).getFirst()))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("malformed answer from " + server.endpoint())
                .hasMessageContaining("malformed JSON")
                .hasMessageEndingWith("(2 attempts)");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void readsAnswersWithoutTheOptionalFields() throws Exception {
        server.enqueue(Fault.sparseJson());

        WindowTranscript transcript = transcript(engine(options().withLanguage("auto"))
                .transcribe(List.of(window("a", 2.0))).getFirst());

        assertThat(transcript.segments()).extracting(Segment::text)
                .containsExactly("window of 2.00 seconds", "end of window");
        assertThat(transcript.segments()).allSatisfy(s -> assertThat(s.words()).isEmpty());
        assertThat(transcript.language()).isNull();
    }

    @Test
    void makesOneSegmentOfTheTextWhenTheServerGivesNoSegments() throws Exception {
        server.enqueue(Fault.body("{\"text\":\" hello there \",\"duration\":1.5,\"x_server\":{\"gpu\":true}}"));

        WindowTranscript transcript = transcript(engine(options()).transcribe(List.of(window("a", 2.0))).getFirst());

        assertThat(transcript.segments()).containsExactly(new Segment(0, 1.5, "hello there", List.of()));
        assertThat(transcript.language()).isEqualTo("en");
    }

    @Test
    void givesSilenceAnEmptyTranscript() throws Exception {
        server.enqueue(Fault.body("{\"language\":\"english\",\"duration\":1.0,\"text\":\"\",\"segments\":[]}"));

        List<WindowTranscript> transcripts = transcripts(engine(options())
                .transcribe(List.of(window("a", 1.0), new AudioWindow("empty", new float[0], 4.0))));

        assertThat(transcripts).extracting(WindowTranscript::segments).containsExactly(List.of(), List.of());
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void sendsTheApiKeyAsABearerToken() throws Exception {
        server.requireApiKey("sk-right");

        engine(options().withKey("sk-right")).transcribe(List.of(window("a", 1.0)));

        assertThat(server.requests().getFirst().header("Authorization")).isEqualTo("Bearer sk-right");
    }

    @Test
    void sendsNoAuthorizationWithoutAKey() throws Exception {
        engine(options()).transcribe(List.of(window("a", 1.0)));

        assertThat(server.requests().getFirst().header("Authorization")).isNull();
    }

    @Test
    void leavesTheLanguageToTheServerWhenAuto() throws Exception {
        WindowTranscript transcript = transcript(engine(options().withLanguage("auto"))
                .transcribe(List.of(window("a", 1.0))).getFirst());

        assertThat(server.requests().getFirst().values("language")).isEmpty();
        assertThat(transcript.language()).isEqualTo("en");
    }

    @Test
    void asksForTheConfiguredLanguageAndModel() throws Exception {
        WindowTranscript transcript = transcript(engine(options().withLanguage("de").withModel("large-v3"))
                .transcribe(List.of(window("a", 1.0))).getFirst());

        assertThat(server.requests().getFirst().value("language")).isEqualTo("de");
        assertThat(server.requests().getFirst().value("model")).isEqualTo("large-v3");
        assertThat(transcript.language()).isEqualTo("de");
    }

    @Test
    void acceptsAnEndpointEndingInV1() throws Exception {
        engine(options().withEndpoint(URI.create(server.endpoint() + "/v1/"))).transcribe(List.of(window("a", 1.0)));

        assertThat(server.requests()).extracting(FakeTranscriptionServer.Request::path)
                .containsExactly("/v1/audio/transcriptions");
    }

    @Test
    void sharesTheRateLimiterBetweenConcurrentBatches() throws Exception {
        FakeTranscriptionClock limiterClock = new FakeTranscriptionClock(Instant.EPOCH);
        RateLimiter limiter = RateLimiter.builder().requestsPerMinute(2).ticker(() -> 0L).sleeper(limiterClock).build();
        SpeechEngine engine = engine(options().withLimiter(limiter).withWorkers(2));

        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<WindowResult>> first = callers.submit(
                    () -> engine.transcribe(List.of(window("a1", 1.0), window("a2", 1.0))));
            Future<List<WindowResult>> second = callers.submit(
                    () -> engine.transcribe(List.of(window("b1", 1.0), window("b2", 1.0))));
            assertThat(first.get()).hasSize(2);
            assertThat(second.get()).hasSize(2);
        }

        // The clock stands still: two requests pass at once, the third owes 30 s, the fourth 60 s.
        assertThat(limiterClock.sleeps()).containsExactlyInAnyOrder(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void takesARateLimitPermitForEveryAttempt() throws Exception {
        FakeTranscriptionClock limiterClock = new FakeTranscriptionClock(Instant.EPOCH);
        RateLimiter limiter = RateLimiter.builder().requestsPerMinute(1).ticker(() -> 0L).sleeper(limiterClock).build();
        server.enqueue(Fault.status(503, "busy"));

        engine(options().withLimiter(limiter)).transcribe(List.of(window("a", 1.0)));

        assertThat(limiterClock.sleeps()).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void aWindowTheServerRefusesFailsAloneAndTheOthersAreAnswered() throws Exception {
        server.enqueueForLength(2.0, Fault.status(400, "Audio file might be corrupted or unsupported"));

        List<WindowResult> results = engine(options())
                .transcribe(List.of(window("before", 1.0), window("bad", 2.0), window("after", 3.0)));

        assertThat(results).extracting(WindowResult::windowId).containsExactly("before", "bad", "after");
        assertThat(transcript(results.get(0)).segments().getFirst().text()).isEqualTo("window of 1.00 seconds");
        assertThat(failure(results.get(1))).isInstanceOf(RemoteException.class)
                .hasMessageContaining("window bad: HTTP 400")
                .hasMessageContaining("Audio file might be corrupted");
        assertThat(transcript(results.get(2)).segments().getFirst().text()).isEqualTo("window of 3.00 seconds");
    }

    @Test
    void anAnswerWithoutTheWindowsTextFailsThatWindowOnly() throws Exception {
        server.enqueueForLength(2.0, Fault.body("{\"language\":\"english\",\"duration\":2.0}"),
                Fault.body("{\"language\":\"english\",\"duration\":2.0}"));

        List<WindowResult> results = engine(options()).transcribe(List.of(window("told", 1.0), window("mute", 2.0)));

        assertThat(transcript(results.get(0)).segments()).isNotEmpty();
        assertThat(failure(results.get(1))).isInstanceOf(RemoteException.class)
                .hasMessageContaining("window mute: malformed answer from " + server.endpoint())
                .hasMessageContaining("no 'text'")
                .hasMessageEndingWith("(2 attempts)");
    }

    @Test
    void failsTheWholeBatchWhenAWindowCannotBeAnsweredAfterTheRetries() {
        server.enqueueForLength(1.0, Fault.stall());
        for (int i = 0; i < 3; i++) {
            server.enqueueForLength(2.0, Fault.status(503, "The engine is currently overloaded"));
        }
        SpeechEngine engine = engine(options().withTimeout(Duration.ofMinutes(1)));

        // The stalled window is given up on: the batch fails at once, not when its request times out.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> engine.transcribe(List.of(window("slow", 1.0), window("busy", 2.0))))
                        .isInstanceOf(RetryableException.class)
                        .hasMessageContaining("window busy: HTTP 503")
                        .hasMessageEndingWith("(3 attempts)"));
    }

    @Test
    void answersAnEmptyBatchWithoutAsking() throws Exception {
        assertThat(engine(options()).transcribe(List.of())).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void reportsItsNameModelAndWorkers() {
        SpeechEngine engine = engine(options().withModel("whisper-large").withWorkers(6));

        assertThat(engine.name()).isEqualTo("remote");
        assertThat(engine.model()).isEqualTo("whisper-large");
        assertThat(engine.maxConcurrentBatches()).isEqualTo(6);
    }

    @Test
    void opensThroughTheSpeechEngineInterface() throws Exception {
        try (SpeechEngine engine = SpeechEngine.open(options().build())) {
            assertThat(engine.transcribe(List.of(window("a", 1.0)))).hasSize(1);
        }
    }

    @Test
    void refusesOptionsItCannotWorkWith() {
        assertThatThrownBy(() -> RemoteEngine.open(options().withEndpoint(null).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> RemoteEngine.open(options().withEndpoint(URI.create("ftp://x")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> RemoteEngine.open(options().withModel(" ").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> RemoteEngine.open(options().withTimeout(Duration.ZERO).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    /** Returns {@code seconds} of a 440 Hz tone at half scale. */
    static AudioWindow window(String id, double seconds) {
        float[] samples = new float[(int) Math.round(seconds * AudioWindow.SAMPLE_RATE)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / AudioWindow.SAMPLE_RATE));
        }
        return new AudioWindow(id, samples, 10.0);
    }

    private Options options() {
        return new Options(server.endpoint(), null, "en", "whisper-1", RateLimiter.UNLIMITED, RETRY,
                Duration.ofSeconds(10), 1);
    }

    private SpeechEngine engine(Options options) {
        RemoteEngine engine = RemoteEngine.open(options.build(), clock, clock);
        engines.add(engine);
        return engine;
    }

    /** Holds the engine options these tests vary. */
    record Options(URI endpoint, String key, String language, String model, RateLimiter limiter, RetryPolicy retry,
            Duration timeout, int workers) {
        Options withEndpoint(URI e) {
            return new Options(e, key, language, model, limiter, retry, timeout, workers);
        }

        Options withKey(String k) {
            return new Options(endpoint, k, language, model, limiter, retry, timeout, workers);
        }

        Options withLanguage(String l) {
            return new Options(endpoint, key, l, model, limiter, retry, timeout, workers);
        }

        Options withModel(String m) {
            return new Options(endpoint, key, language, m, limiter, retry, timeout, workers);
        }

        Options withLimiter(RateLimiter r) {
            return new Options(endpoint, key, language, model, r, retry, timeout, workers);
        }

        Options withTimeout(Duration t) {
            return new Options(endpoint, key, language, model, limiter, retry, t, workers);
        }

        Options withWorkers(int w) {
            return new Options(endpoint, key, language, model, limiter, retry, timeout, w);
        }

        EngineOptions build() {
            EngineOptions defaults = EngineOptions.defaults(EngineKind.REMOTE);
            return new EngineOptions(EngineKind.REMOTE, null, language, 1, "auto", workers, defaults.modelsDir(),
                    endpoint, key, model, limiter, retry, timeout);
        }
    }
}
