package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefinementTest {
    private static final Identify IDENTIFY = Identify.DEFAULT;

    @Test
    void anUnsureNameTakesTheModelsFieldsWhereTheyDifferAndIsSurerWhereTheyAgree() {
        Identity parsed = IDENTIFY.identify("t-fire - say a prayer [nigeria] soul (1979).mp3", Map.of());
        Map<Field, Object> answer = Map.of(Field.KIND, MediaKind.MUSIC, Field.ARTIST, "T-Fire",
                Field.TITLE, "Say a Prayer", Field.YEAR, 1979, Field.VERSION, "Original");

        Identity refined = Refinement.merge(parsed, answer, 0.9, true);

        assertThat(refined.name().kind()).isEqualTo(MediaKind.MUSIC);
        assertThat(refined.name().artist()).isEqualTo("T-Fire");
        assertThat(refined.name().title()).isEqualTo("Say a Prayer");
        assertThat(refined.name().year()).isEqualTo(1979);
        assertThat(refined.name().version()).isEqualTo("Original");
        answer.forEach((field, value) -> {
            if (value.equals(parsed.name().get(field))) {
                assertThat(refined.source(field)).as(field.key()).isEqualTo(parsed.source(field));
                assertThat(refined.confidence(field)).as(field.key()).isGreaterThan(parsed.confidence(field));
            } else {
                assertThat(refined.source(field)).as(field.key()).isEqualTo(Identity.Source.LLM);
                assertThat(refined.confidence(field)).as(field.key()).isEqualTo(0.9);
            }
        });
    }

    @Test
    void tagsWinOverTheModelEvenWhenItTakesPrecedence() {
        Identity parsed = IDENTIFY.identify("01 - something.mp3", Map.of("artist", "Tagged Artist", "title", "Tagged"));

        Identity refined = Refinement.merge(parsed, Map.of(Field.KIND, MediaKind.MUSIC, Field.ARTIST, "Other",
                Field.TITLE, "Other Title"), 0.95, true);

        assertThat(refined.name().artist()).isEqualTo("Tagged Artist");
        assertThat(refined.name().title()).isEqualTo("Tagged");
        assertThat(refined.source(Field.ARTIST)).isEqualTo(Identity.Source.TAG);
    }

    @Test
    void aSureReadingKeepsItsFieldsButHasItsGapsFilled() {
        Identity parsed = IDENTIFY.identify("Breaking.Bad.S01E02.720p.mkv", Map.of());

        Identity refined = Refinement.merge(parsed, Map.of(Field.KIND, MediaKind.EPISODE, Field.TITLE, "Something Else",
                Field.EPISODE_TITLE, "Cat's in the Bag...", Field.SEASON, 1, Field.EPISODES, 2), 0.9, false);

        assertThat(refined.name().title()).isEqualTo("Breaking Bad");
        assertThat(refined.name().episodeTitle()).isEqualTo("Cat's in the Bag...");
        assertThat(refined.source(Field.EPISODE_TITLE)).isEqualTo(Identity.Source.LLM);
        assertThat(refined.source(Field.TITLE)).isEqualTo(Identity.Source.FILENAME);
    }

    @Test
    void agreementMakesAFieldAndTheWholeReadingSurer() {
        Identity parsed = IDENTIFY.identify("Breaking.Bad.S01E02.720p.mkv", Map.of());

        Identity refined = Refinement.merge(parsed, Map.of(Field.KIND, MediaKind.EPISODE, Field.TITLE, "Breaking Bad",
                Field.SEASON, 1, Field.EPISODES, List.of(2)), 0.8, false);

        assertThat(refined.confidence(Field.TITLE)).isGreaterThan(parsed.confidence(Field.TITLE));
        assertThat(refined.name().confidence()).isGreaterThan(parsed.name().confidence());
        assertThat(refined.source(Field.TITLE)).isEqualTo(Identity.Source.FILENAME);
    }

    @Test
    void anotherKindDropsWhatTheParserReadForTheOldOne() {
        Identity parsed = IDENTIFY.identify("Show.Name.S01E05.mkv", Map.of());
        assertThat(parsed.name().kind()).isEqualTo(MediaKind.EPISODE);

        Identity refined = Refinement.merge(parsed, Map.of(Field.KIND, MediaKind.MOVIE, Field.TITLE, "Show Name"),
                0.7, true);

        assertThat(refined.name().kind()).isEqualTo(MediaKind.MOVIE);
        assertThat(refined.name().season()).isNull();
        assertThat(refined.name().episodes()).isEmpty();
        assertThat(refined.name().confidence()).isEqualTo(0.7);
    }
}
