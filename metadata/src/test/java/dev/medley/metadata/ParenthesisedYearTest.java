package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A year in brackets is the film's year; a number before it stays in the title. */
class ParenthesisedYearTest {
    @Test
    void theParenthesisedYearWinsAndTheNumberBeforeItStaysInTheTitle() {
        MediaName n = MediaNames.parse("Blade Runner 2049 (2017).mkv");
        assertThat(n.kind()).isEqualTo(MediaKind.MOVIE);
        assertThat(n.title()).isEqualTo("Blade Runner 2049");
        assertThat(n.year()).isEqualTo(2017);
        MediaName spaced = MediaNames.parse("Films/Blade Runner 2049 (2017)/Blade Runner 2049 (2017).mkv");
        assertThat(spaced.title()).isEqualTo("Blade Runner 2049");
        assertThat(spaced.year()).isEqualTo(2017);
    }

    @Test
    void aReleaseNameWithTwoYearsAlreadyKeepsTheFirstInTheTitle() {
        MediaName n = MediaNames.parse("Blade.Runner.2049.2017.1080p.BluRay.x264-GRP.mkv");
        assertThat(n.title()).isEqualTo("Blade Runner 2049");
        assertThat(n.year()).isEqualTo(2017);
    }
}
