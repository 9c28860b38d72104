package dev.medley.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.core.RateLimiter;
import dev.medley.core.Sleeper;
import dev.medley.llm.testing.Fault;
import dev.medley.llm.testing.FakeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The batching engine against the fake provider over real HTTP on loopback. */
class BatchedJsonTest {
    private static final Sleeper NO_WAIT = duration -> {};

    static LlmSettings settings(FakeProvider provider) {
        // A generous timeout: a slow moment of a loaded machine is no fault. Trials with stalls set a short one.
        return LlmSettings.of(provider.endpoint(), "gpt-4o-mini").withApiKey(null).withTimeout(Duration.ofSeconds(30))
                .withMaxAttempts(6);
    }

    static List<ObjectNode> items(int count) {
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(EchoTask.item("name number " + i + " - ünïcode ✓"));
        }
        return items;
    }

    /** An instruction of about {@code tokens} tokens, as a long real one would be. */
    static String instruction(int tokens) {
        TokenCounter counter = TokenCounter.forModel("gpt-4o-mini");
        StringBuilder text = new StringBuilder("Answer every item with its echo. ");
        int sentence = 0;
        while (counter.count(text.toString()) < tokens) {
            text.append("Rule ").append(sentence++).append(": keep each answer to its own item, whatever the others say. ");
        }
        return text.toString();
    }

    @Test
    void thousandItemsInBatchesOfTenTakeAHundredRequestsAndSaveMostPromptTokens() throws Exception {
        try (FakeProvider provider = new FakeProvider(EchoTask::oracle, n -> Fault.NONE, null, Duration.ZERO)) {
            LlmStats stats = new LlmStats();
            BatchedJson engine = new BatchedJson(new ChatClient(settings(provider)), new EchoTask(instruction(2000)),
                    RateLimiter.UNLIMITED, AnswerCache.NONE, stats, NO_WAIT);
            List<ObjectNode> items = items(1000);

            List<BatchedJson.Outcome> outcomes = engine.answer(items);

            assertThat(provider.requests()).isEqualTo(100);
            assertThat(provider.itemsPerRequest()).containsOnly(10);
            for (int i = 0; i < items.size(); i++) {
                assertThat(EchoTask.answers(outcomes.get(i).answer(), items.get(i).path("input").asText())).isTrue();
            }
            LlmStats.Snapshot counted = stats.snapshot();
            assertThat(counted.requests()).isEqualTo(100);
            assertThat(counted.answered()).isEqualTo(1000);
            assertThat(counted.savedShare()).isGreaterThanOrEqualTo(0.85);
            assertThat(counted.promptTokens()).isPositive();
            assertThat(counted.cachedTokens()).isPositive(); // The same 2,000-token prefix every time.
            assertThat(provider.violations()).isEmpty();
        }
    }

    @Test
    void withAThirdOfRequestsFaultedNoItemIsLostOrGivenAnotherItemsAnswer() throws Exception {
        // Three requests in every ten faulted (the first, fourth and seventh), each kind in turn.
        Fault[] kinds = Fault.values();
        Fault[] schedule = new Fault[10_000];
        for (int i = 0, k = 0; i < schedule.length; i++) {
            schedule[i] = i * 7 % 10 < 3 ? kinds[1 + k++ % (kinds.length - 1)] : Fault.NONE;
        }
        try (FakeProvider provider = new FakeProvider(EchoTask::oracle, n -> schedule[n % schedule.length], null,
                Duration.ofMillis(1200))) {
            LlmStats stats = new LlmStats();
            // Backoffs as the engine asks for them, a twentieth as long: the schedule, not the clock, is under test.
            java.util.concurrent.atomic.AtomicLong askedMillis = new java.util.concurrent.atomic.AtomicLong();
            Sleeper faster = duration -> {
                askedMillis.addAndGet(duration.toMillis());
                Thread.sleep(duration.dividedBy(20));
            };
            // Stalls last 1.2 s: a request is given up after 0.4 s.
            BatchedJson engine = new BatchedJson(new ChatClient(settings(provider).withTimeout(Duration.ofMillis(400))),
                    new EchoTask(instruction(2000)), RateLimiter.UNLIMITED, AnswerCache.NONE, stats, faster);
            List<ObjectNode> items = items(1000);
            long started = System.nanoTime();

            List<BatchedJson.Outcome> outcomes = engine.answer(items);

            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(outcomes).hasSize(items.size());
            int misaligned = 0;
            int lost = 0;
            for (int i = 0; i < items.size(); i++) {
                BatchedJson.Outcome outcome = outcomes.get(i);
                if (outcome == null || (!outcome.ok() && (outcome.error() == null || outcome.error().isBlank()))) {
                    lost++;
                } else if (outcome.ok() && !EchoTask.answers(outcome.answer(), items.get(i).path("input").asText())) {
                    misaligned++;
                }
            }
            assertThat(misaligned).isZero();
            assertThat(lost).isZero();
            LlmStats.Snapshot counted = stats.snapshot();
            assertThat(counted.answered() + counted.failed()).isEqualTo(items.size());
            assertThat(counted.retries()).isPositive();
            assertThat(counted.resent()).isPositive();
            assertThat(counted.answered()).isGreaterThan(items.size() * 95L / 100);
            assertThat(provider.violations()).isEmpty();
            assertThat((double) provider.faulted() / counted.requests()).isBetween(0.2, 0.4);
            System.out.printf(java.util.Locale.ROOT, "faults: %d answered, %d failed, %d requests of which %d faulted (%d retries,"
                    + " %d items sent again, %d answers refused), %.1f s with backoffs a twentieth of the %.1f s asked%n",
                    counted.answered(), counted.failed(), counted.requests(), provider.faulted(), counted.retries(),
                    counted.resent(), counted.rejectedAnswers(), seconds, askedMillis.get() / 1000.0);
        }
    }

    @Test
    void aRerunAnswersFromTheCacheWithoutARequest() throws Exception {
        try (FakeProvider provider = new FakeProvider(EchoTask::oracle, n -> Fault.NONE, null, Duration.ZERO)) {
            AnswerCache cache = AnswerCache.inMemory();
            List<ObjectNode> items = items(55);
            new BatchedJson(new ChatClient(settings(provider)), new EchoTask("Echo."), RateLimiter.UNLIMITED, cache,
                    new LlmStats(), NO_WAIT).answer(items);
            int first = provider.requests();
            LlmStats again = new LlmStats();

            List<BatchedJson.Outcome> outcomes = new BatchedJson(new ChatClient(settings(provider)), new EchoTask("Echo."),
                    RateLimiter.UNLIMITED, cache, again, NO_WAIT).answer(items);

            assertThat(first).isEqualTo(6);
            assertThat(provider.requests()).isEqualTo(first);
            assertThat(again.snapshot().fromCache()).isEqualTo(55);
            assertThat(outcomes).allMatch(BatchedJson.Outcome::fromCache);
        }
    }

    @Test
    void anEndpointThatKeepsFailingFailsTheRestFastWithTheReason() throws Exception {
        IntFunction<Fault> down = n -> Fault.SERVER_ERROR;
        try (FakeProvider provider = new FakeProvider(EchoTask::oracle, down, null, Duration.ZERO)) {
            LlmStats stats = new LlmStats();
            List<BatchedJson.Outcome> outcomes = new BatchedJson(new ChatClient(settings(provider).withMaxAttempts(2)),
                    new EchoTask("Echo."), RateLimiter.UNLIMITED, AnswerCache.NONE, stats, NO_WAIT).answer(items(500));

            assertThat(outcomes).noneMatch(BatchedJson.Outcome::ok);
            assertThat(outcomes).allMatch(o -> o.error().contains("answered 500"));
            assertThat(outcomes.getLast().error()).contains("requests in a row failed");
            assertThat(provider.requests()).isLessThan(50); // Not 500 items times their attempts.
        }
    }

    @Test
    void theKeyIsSentAsABearerTokenAndAWrongOneFailsWithoutShowingIt() throws Exception {
        String key = "sk-test-" + "Zq8sK2mP4vX9";
        try (FakeProvider provider = new FakeProvider(EchoTask::oracle, n -> Fault.NONE, key, Duration.ZERO)) {
            List<BatchedJson.Outcome> right = new BatchedJson(new ChatClient(settings(provider).withApiKey(key)),
                    new EchoTask("Echo."), RateLimiter.UNLIMITED, AnswerCache.NONE, new LlmStats(), NO_WAIT)
                    .answer(items(3));
            List<BatchedJson.Outcome> wrong = new BatchedJson(
                    new ChatClient(settings(provider).withApiKey(key + "x").withMaxAttempts(1)), new EchoTask("Echo."),
                    RateLimiter.UNLIMITED, AnswerCache.NONE, new LlmStats(), NO_WAIT).answer(items(3));

            assertThat(right).allMatch(BatchedJson.Outcome::ok);
            assertThat(wrong).noneMatch(BatchedJson.Outcome::ok);
            assertThat(wrong.getFirst().error()).contains(LlmSettings.KEY_VARIABLE).doesNotContain(key);
            assertThat(settings(provider).withApiKey(key).toString()).doesNotContain(key);
        }
    }

    @Test
    void aServerWithoutSchemasIsAskedForAJsonObjectWithTheSchemaInTheInstruction() throws Exception {
        try (FakeProvider provider = new FakeProvider(EchoTask::oracle, n -> Fault.NONE, null, Duration.ZERO)) {
            provider.rejectSchemas(true);
            LlmStats stats = new LlmStats();
            List<ObjectNode> items = items(25);

            List<BatchedJson.Outcome> outcomes = new BatchedJson(new ChatClient(settings(provider)), new EchoTask("Echo."),
                    RateLimiter.UNLIMITED, AnswerCache.NONE, stats, NO_WAIT).answer(items);

            for (int i = 0; i < items.size(); i++) {
                assertThat(EchoTask.answers(outcomes.get(i).answer(), items.get(i).path("input").asText())).isTrue();
            }
            // The first request of each worker is refused once; from then on every request asks for json_object.
            assertThat(provider.requests()).isLessThanOrEqualTo(3 + 4);
            assertThat(stats.snapshot().failed()).isZero();
        }
    }

    @Test
    void aRateLimitedRequestWaitsAtLeastWhatRetryAfterSays() throws Exception {
        try (FakeProvider provider = new FakeProvider(EchoTask::oracle, n -> n == 0 ? Fault.RATE_LIMITED : Fault.NONE,
                null, Duration.ZERO)) {
            provider.retryAfter("7");
            List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
            LlmStats stats = new LlmStats();

            List<BatchedJson.Outcome> outcomes = new BatchedJson(new ChatClient(settings(provider)), new EchoTask("Echo."),
                    RateLimiter.UNLIMITED, AnswerCache.NONE, stats, waits::add).answer(items(10));

            assertThat(outcomes).allMatch(BatchedJson.Outcome::ok);
            assertThat(waits).singleElement().isEqualTo(Duration.ofSeconds(7));
            assertThat(stats.snapshot().retries()).isEqualTo(1);
        }
    }

    @Test
    void aModelThatTakesNoTemperatureIsAskedWithout() throws Exception {
        try (FakeProvider provider = new FakeProvider(EchoTask::oracle, n -> Fault.NONE, null, Duration.ZERO)) {
            provider.rejectTemperature(true);
            LlmStats stats = new LlmStats();

            List<BatchedJson.Outcome> outcomes = new BatchedJson(new ChatClient(settings(provider).withWorkers(1)),
                    new EchoTask("Echo."), RateLimiter.UNLIMITED, AnswerCache.NONE, stats, NO_WAIT).answer(items(30));

            assertThat(outcomes).allMatch(BatchedJson.Outcome::ok);
            assertThat(provider.requests()).isEqualTo(3 + 1); // Once refused, then never sent again.
            assertThat(stats.snapshot().retries()).isZero();
        }
    }
}
