package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.metadata.Identity.Source;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tags that are junk (a site, the file's name, a release name) are evidence that fills gaps, not an override. */
class JunkTagsTest {
    private static final String FILM = "/in/The.Lighthouse.2019.1080p.BluRay.x264-GRP.mkv";

    @Test
    void aSiteInTheTitleTagDoesNotReplaceAReleaseNamesTitle() {
        Identity id = Identify.DEFAULT.identify(FILM, Map.of("title", "www.site.com - The Lighthouse"));
        assertThat(id.name().title()).isEqualTo("The Lighthouse");
        Identity other = Identify.DEFAULT.identify(FILM, Map.of("title", "www.torrents.example.org - Lighthouse HD"));
        assertThat(other.name().title()).isEqualTo("The Lighthouse");
        assertThat(other.source(Field.TITLE)).isEqualTo(Source.FILENAME);
    }

    @Test
    void aUrlOrASceneNameInTheTitleTagIsNotTheTitle() {
        assertThat(Identify.DEFAULT.identify(FILM, Map.of("title", "https://example.com/films/123")).name().title())
                .isEqualTo("The Lighthouse");
        assertThat(Identify.DEFAULT.identify(FILM, Map.of("title", "Lighthouse.2019.720p.WEB-DL.DD5.1.H264-FGT"))
                .name().title()).isEqualTo("The Lighthouse");
    }

    @Test
    void aTitleTagThatIsTheFileNameAgainAddsNothing() {
        Identity id = Identify.DEFAULT.identify("/in/01 - Portishead - Roads.mp3", Map.of("title", "01 - Portishead - Roads"));
        assertThat(id.name().title()).isEqualTo("Roads");
        assertThat(id.name().artist()).isEqualTo("Portishead");
        MediaName episode = Identify.DEFAULT.identify("/in/Podcasts/Field Notes/Field Notes - Episode 13.m4a",
                Map.of("title", "Field Notes - Episode 13", "genre", "Podcast")).name();
        assertThat(episode.episodeTitle()).as("not even where the name leaves a gap").isNull();
    }

    @Test
    void aJunkTagStillFillsWhatTheNameLeavesOut() {
        MediaName n = Identify.DEFAULT.identify("/in/Track 03.mp3", Map.of("title", "Roads [www.naijaloaded.com]",
                "artist", "Portishead")).name();
        assertThat(n.title()).isEqualTo("Roads");
        MediaName nothingLeft = Identify.DEFAULT.identify("/in/Track 03.mp3", Map.of("title", "www.site.com")).name();
        assertThat(nothingLeft.title()).isNull();
    }

    @Test
    void aCleanTagStillWins() {
        Identity id = Identify.DEFAULT.identify(FILM, Map.of("title", "The Lighthouse (Black and White)"));
        assertThat(id.name().title()).isEqualTo("The Lighthouse (Black and White)");
        assertThat(id.source(Field.TITLE)).isEqualTo(Source.TAG);
    }

    @Test
    void takesSitesOutOfTags() {
        assertThat(TagText.withoutSites("www.site.com - Title")).isEqualTo("Title");
        assertThat(TagText.withoutSites("Title | mp3juices.cc")).isEqualTo("Title");
        assertThat(TagText.withoutSites("Title [tooxclusive.com] (Live)")).isEqualTo("Title (Live)");
        assertThat(TagText.withoutSites("Plain Title")).isEqualTo("Plain Title");
    }
}
