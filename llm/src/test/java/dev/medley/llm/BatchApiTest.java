package dev.medley.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.core.RateLimiter;
import dev.medley.llm.testing.FakeProvider;
import dev.medley.llm.testing.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Batch API path against the fake provider's /v1/files and /v1/batches. */
class BatchApiTest {

    /** Open batches kept in memory, as the catalog keeps them. */
    static final class Store implements BatchedJson.OpenBatches {
        final Map<String, String> open = new LinkedHashMap<>();
        boolean dieAfterSave;

        @Override
        public void save(String id, String requests) {
            open.put(id, requests);
            if (dieAfterSave) {
                throw new IllegalStateException("killed after submitting " + id);
            }
        }

        @Override
        public List<Map.Entry<String, String>> open() {
            return List.copyOf(open.entrySet());
        }

        @Override
        public void close(String id) {
            open.remove(id);
        }
    }

    private static BatchedJson engine(FakeProvider provider, AnswerCache cache, LlmStats stats) {
        return new BatchedJson(new ChatClient(BatchedJsonTest.settings(provider)), new EchoTask("Echo."),
                RateLimiter.UNLIMITED, cache, stats, duration -> {});
    }

    @Test
    void everyItemIsMatchedByCustomIdAndItsOwnIdAndWhatFailsGoesAgainInSmallerRequests() throws Exception {
        List<ObjectNode> items = BatchedJsonTest.items(57);
        Fault[] faults = {Fault.NONE, Fault.SERVER_ERROR, Fault.MISSING_ID, Fault.NONE, Fault.DROP, Fault.WRONG_TYPE,
            Fault.REORDERED, Fault.NONE, Fault.LENGTH};
        try (FakeProvider provider = new FakeProvider(EchoTask::oracle, n -> Fault.NONE, null, Duration.ZERO)) {
            provider.batches(2, n -> faults[n % faults.length]);
            Store store = new Store();
            LlmStats stats = new LlmStats();

            List<BatchedJson.Outcome> outcomes = engine(provider, AnswerCache.inMemory(), stats)
                    .answerByBatchApi(items, new BatchApi(BatchedJsonTest.settings(provider)), store, Duration.ZERO);

            for (int i = 0; i < items.size(); i++) {
                assertThat(outcomes.get(i).ok()).as("item %d: %s", i, outcomes.get(i).error()).isTrue();
                assertThat(EchoTask.answers(outcomes.get(i).answer(), items.get(i).path("input").asText())).isTrue();
            }
            assertThat(provider.batchIds().size()).isGreaterThan(1); // What failed went again.
            assertThat(store.open).isEmpty();
            assertThat(provider.requests()).isZero(); // Nothing through the synchronous endpoint.
            assertThat(stats.snapshot().answered()).isEqualTo(57);
            assertThat(provider.violations()).isEmpty();
        }
    }

    @Test
    void aBatchSubmittedByARunThatDiedIsCollectedByTheNextWithoutSubmittingAgain() throws Exception {
        List<ObjectNode> items = BatchedJsonTest.items(23);
        try (FakeProvider provider = new FakeProvider(EchoTask::oracle, n -> Fault.NONE, null, Duration.ZERO)) {
            Store store = new Store();
            store.dieAfterSave = true;
            AnswerCache cache = AnswerCache.inMemory();
            BatchApi api = new BatchApi(BatchedJsonTest.settings(provider));
            assertThatThrownBy(() -> engine(provider, cache, new LlmStats()).answerByBatchApi(items, api, store, Duration.ZERO))
                    .hasMessageContaining("killed");
            assertThat(store.open).hasSize(1);
            store.dieAfterSave = false;
            LlmStats stats = new LlmStats();

            List<BatchedJson.Outcome> outcomes = engine(provider, cache, stats).answerByBatchApi(items, api, store, Duration.ZERO);

            assertThat(provider.batchIds()).hasSize(1);
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (!outcomes.get(i).ok() || !EchoTask.answers(outcomes.get(i).answer(), items.get(i).path("input").asText())) {
                    wrong.add(i + ": " + outcomes.get(i));
                }
            }
            assertThat(wrong).isEmpty();
            assertThat(store.open).isEmpty();
            assertThat(stats.snapshot().answered()).isEqualTo(23);
        }
    }
}
