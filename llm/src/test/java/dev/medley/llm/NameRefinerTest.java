package dev.medley.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.core.RateLimiter;
import dev.medley.llm.testing.FakeProvider;
import dev.medley.llm.testing.Fault;
import dev.medley.metadata.Field;
import dev.medley.metadata.Identify;
import dev.medley.metadata.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameRefinerTest {

    /** A model that names every file's artist after its input and is sure of it. */
    static ObjectNode oracle(ObjectNode item) {
        ObjectNode answer = ChatClient.JSON.createObjectNode();
        answer.put("kind", "music");
        answer.put("title", "Title of " + item.path("input").asText());
        answer.put("year", 1979);
        for (String field : List.of("season", "episode", "track")) {
            answer.putNull(field);
        }
        answer.putNull("episodeTitle");
        answer.put("artist", "Artist of " + item.path("input").asText());
        answer.putNull("album");
        answer.putNull("featuring");
        answer.put("version", "Live");
        answer.put("confidence", 0.9);
        return answer;
    }

    @Test
    void sendsOnlyUnsureNamesMergesTheAnswersAndAsksNothingTwice() throws Exception {
        List<Identity> identities = new ArrayList<>();
        for (String name : List.of("t-fire - say a prayer [nigeria] soul (1979).mp3", "The.Quiet.Harbour.S02E05.720p.HDTV.x264-GRP.mkv",
                "01-quiet_river-paper_boats-(live_at_the_roundhouse)-2004.mp3", "audio track 07.wav")) {
            identities.add(Identify.DEFAULT.identify(name, Map.of()));
        }
        try (FakeProvider provider = new FakeProvider(NameRefinerTest::oracle, n -> Fault.NONE, null, Duration.ZERO)) {
            AnswerCache cache = AnswerCache.inMemory();
            LlmSettings settings = LlmSettings.of(provider.endpoint(), "gpt-4o-mini").withApiKey(null);
            NameRefiner refiner = new NameRefiner(new ChatClient(settings), RateLimiter.UNLIMITED, cache, new LlmStats(),
                    NameRefiner.Options.DEFAULTS);

            List<NameRefiner.Refined> first = refiner.refine(identities);
            int requests = provider.requests();
            LlmStats again = new LlmStats();
            List<NameRefiner.Refined> second = new NameRefiner(new ChatClient(settings), RateLimiter.UNLIMITED, cache, again,
                    NameRefiner.Options.DEFAULTS).refine(identities);

            List<String> wanted = new ArrayList<>();
            for (int i = 0; i < identities.size(); i++) {
                boolean wants = refiner.wants(identities.get(i));
                assertThat(first.get(i).sent()).isEqualTo(wants);
                if (wants) {
                    wanted.add(identities.get(i).name().input());
                    Identity merged = first.get(i).identity();
                    assertThat(merged.name().artist()).isEqualTo("Artist of " + identities.get(i).name().input());
                    assertThat(merged.source(Field.ARTIST)).isEqualTo(Identity.Source.LLM);
                } else {
                    assertThat(first.get(i).identity()).isSameAs(identities.get(i));
                }
            }
            assertThat(wanted).contains("audio track 07.wav")
                    .doesNotContain("The.Quiet.Harbour.S02E05.720p.HDTV.x264-GRP.mkv");
            assertThat(provider.inputsSeen()).containsExactlyInAnyOrderElementsOf(wanted);
            assertThat(provider.requests()).isEqualTo(requests);
            assertThat(again.snapshot().fromCache()).isEqualTo(provider.inputsSeen().size());
            assertThat(second).extracting(r -> r.identity().name()).containsExactlyElementsOf(
                    first.stream().map(r -> r.identity().name()).toList());
        }
    }
}
