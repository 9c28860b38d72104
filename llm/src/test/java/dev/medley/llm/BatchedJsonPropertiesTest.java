package dev.medley.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.core.RateLimiter;
import dev.medley.llm.testing.Fault;
import dev.medley.llm.testing.FakeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever the provider gets wrong, and however items are batched, each item gets one outcome of its own. */
class BatchedJsonPropertiesTest {

    @Property(tries = 40)
    void everyItemIsAnsweredExactlyOnceAndOnlyFromItsOwnInput(
            @ForAll @Size(min = 1, max = 30) List<Fault> schedule,
            @ForAll @IntRange(min = 1, max = 12) int batchSize,
            @ForAll @IntRange(min = 1, max = 40) int count,
            @ForAll @IntRange(min = 1, max = 4) int workers) throws Exception {
        try (FakeProvider provider = new FakeProvider(EchoTask::oracle, n -> schedule.get(n % schedule.size()), null,
                Duration.ofMillis(250))) {
            LlmSettings settings = BatchedJsonTest.settings(provider).withTimeout(Duration.ofMillis(120))
                    .withBatchSize(batchSize).withWorkers(workers).withMaxAttempts(4);
            LlmStats stats = new LlmStats();
            List<ObjectNode> items = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                items.add(EchoTask.item("item " + i + (i % 3 == 0 ? " (same words as the next)" : "")));
            }

            List<BatchedJson.Outcome> outcomes = new BatchedJson(new ChatClient(settings), new EchoTask("Echo."),
                    RateLimiter.UNLIMITED, AnswerCache.NONE, stats, duration -> {}).answer(items);

            assertThat(outcomes).hasSize(count).doesNotContainNull();
            for (int i = 0; i < count; i++) {
                BatchedJson.Outcome outcome = outcomes.get(i);
                assertThat(outcome.ok() ^ outcome.error() != null).isTrue();
                if (outcome.ok()) {
                    assertThat(EchoTask.answers(outcome.answer(), items.get(i).path("input").asText())).isTrue();
                }
            }
            assertThat(stats.snapshot().answered() + stats.snapshot().failed()).isEqualTo(count);
            assertThat(provider.itemsPerRequest()).allMatch(n -> n <= batchSize);
        }
    }
}
