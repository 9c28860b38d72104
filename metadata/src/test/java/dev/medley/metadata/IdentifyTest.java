package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.medley.metadata.Identity.Source;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentifyTest {
    private static final Identify NAME_WINS = new Identify(new Identify.Options(false));

    @Test
    void tagsFillAndReplaceMusicFieldsAndSayWhereEachCameFrom() {
        Identity id = Identify.DEFAULT.identify("Music/Unknown Artist/Unknown Album/01 - Track 1.mp3", Map.of(
                "artist", "Nina Simone", "title", "Sinnerman", "album", "Pastel Blues", "track", "3/12", "disc", "1/1",
                "date", "1965-10-01"));
        MediaName n = id.name();
        assertThat(n.kind()).isEqualTo(MediaKind.MUSIC);
        assertThat(n.artist()).isEqualTo("Nina Simone");
        assertThat(n.title()).isEqualTo("Sinnerman");
        assertThat(n.album()).isEqualTo("Pastel Blues");
        assertThat(n.track()).isEqualTo(3);
        assertThat(n.disc()).isEqualTo(1);
        assertThat(n.year()).isEqualTo(1965);
        assertThat(id.source(Field.TITLE)).isEqualTo(Source.TAG);
        assertThat(id.source(Field.TRACK)).isEqualTo(Source.TAG);
        assertThat(id.source(Field.ALBUM_ARTIST)).isEqualTo(Source.FOLDER);
        assertThat(id.confidence(Field.TITLE)).isEqualTo(0.95);
    }

    @Test
    void theNameWinsWhenAskedAndTagsOnlyFillTheGaps() {
        Identity id = NAME_WINS.identify("Massive Attack/Mezzanine (1998)/03 - Teardrop.flac",
                Map.of("title", "Teardrop (Remastered)", "artist", "Massive Attack", "genre", "Trip hop", "album_artist",
                        "Massive Attack", "date", "2019"));
        assertThat(id.name().title()).isEqualTo("Teardrop");
        assertThat(id.source(Field.TITLE)).isEqualTo(Source.FILENAME);
        assertThat(id.name().year()).isEqualTo(1998);
        assertThat(id.source(Field.YEAR)).isEqualTo(Source.FOLDER);
        assertThat(id.name().artist()).isEqualTo("Massive Attack");
        assertThat(id.confidence(Field.ARTIST)).as("a tag that agrees makes the field surer").isEqualTo(0.99);
        assertThat(id.source(Field.ARTIST)).isEqualTo(Source.FOLDER);
    }

    @Test
    void readsEpisodeTags() {
        Identity id = Identify.DEFAULT.identify("/recordings/rec_0001.ts", Map.of("show", "The Expanse",
                "season_number", "3", "episode_sort", "5", "title", "Triple Point", "date", "2018-05-16"));
        MediaName n = id.name();
        assertThat(n.kind()).isEqualTo(MediaKind.EPISODE);
        assertThat(n.title()).isEqualTo("The Expanse");
        assertThat(n.season()).isEqualTo(3);
        assertThat(n.episodes()).containsExactly(5);
        assertThat(n.episodeTitle()).isEqualTo("Triple Point");
        assertThat(n.date()).as("the air date").isEqualTo(java.time.LocalDate.of(2018, 5, 16));
        assertThat(n.year()).as("the year a show is known by, which an air date is not").isNull();
        assertThat(id.source(Field.KIND)).isEqualTo(Source.TAG);
        assertThat(id.source(Field.SEASON)).isEqualTo(Source.TAG);
    }

    @Test
    void readsAnEpisodeIdTag() {
        MediaName n = Identify.DEFAULT.identify("clip.mkv", Map.of("show", "Show", "episode_id", "S02E07")).name();
        assertThat(n.season()).isEqualTo(2);
        assertThat(n.episodes()).containsExactly(7);
    }

    @Test
    void keepsTheNameWhereTagsAreSilent() {
        Identity id = Identify.DEFAULT.identify("Show.Name.S01E02.720p.HDTV.x264-GRP.mkv", Map.of("encoder", "libebml"));
        assertThat(id.name()).isEqualTo(MediaNames.parse("Show.Name.S01E02.720p.HDTV.x264-GRP.mkv"));
        assertThat(id.source(Field.SEASON)).isEqualTo(Source.FILENAME);
        assertThat(id.confidence(Field.SEASON)).isEqualTo(0.95);
        assertThat(id.source(Field.SCREEN_SIZE)).isEqualTo(Source.FILENAME);
        assertThat(id.provenance()).doesNotContainKey(Field.YEAR);
        assertThat(id.confidence(Field.YEAR)).isZero();
    }

    @Test
    void marksFolderFieldsAndLowerConfidenceForGuesses() {
        Identity id = Identify.DEFAULT.identify("/tv/Some Show/Season 2/05 - Title.mkv", Map.of());
        assertThat(id.source(Field.TITLE)).isEqualTo(Source.FOLDER);
        assertThat(id.source(Field.SEASON)).isEqualTo(Source.FOLDER);
        assertThat(id.source(Field.EPISODES)).isEqualTo(Source.FILENAME);
        assertThat(id.confidence(Field.TITLE)).isLessThan(0.85);
        Identity compact = Identify.DEFAULT.identify("Show.Name.102.HDTV.avi", Map.of());
        assertThat(compact.confidence(Field.EPISODES)).isLessThan(0.9);
        assertThat(compact.provenance().values()).allSatisfy(p -> assertThat(p.confidence()).isBetween(0.0, 1.0));
    }

    @Test
    void ignoresAFilmTitleTagThatIsOnlyTheReleaseName() {
        MediaName n = Identify.DEFAULT.identify("Inception.2010.1080p.BluRay.x264-GRP.mkv",
                Map.of("title", "Inception.2010.1080p.BluRay.x264-GRP")).name();
        assertThat(n.title()).isEqualTo("Inception");
        MediaName named = Identify.DEFAULT.identify("Inception.2010.1080p.BluRay.x264-GRP.mkv",
                Map.of("TITLE", "Inception (Director's Edition)")).name();
        assertThat(named.title()).as("keys in any case").isEqualTo("Inception (Director's Edition)");
    }

    @Test
    void splitsFeaturedArtistsOutOfTheArtistTag() {
        MediaName n = Identify.DEFAULT.identify("track.mp3", Map.of("artist", "Daft Punk feat. Pharrell Williams",
                "title", "Get Lucky")).name();
        assertThat(n.artist()).isEqualTo("Daft Punk");
        assertThat(n.featuring()).isEqualTo("Pharrell Williams");
    }

    @Test
    void musicTagsDoNotTurnAnExplicitEpisodeIntoMusic() {
        Identity id = Identify.DEFAULT.identify("Show.S01E02.mkv", Map.of("artist", "Someone", "title", "Pilot"));
        assertThat(id.name().kind()).isEqualTo(MediaKind.EPISODE);
    }

    @Test
    void mapsLanguageTagsToIsoCodes() {
        assertThat(Identify.DEFAULT.identify("film.mkv", Map.of("language", "ger")).name().language()).isEqualTo("de");
    }

    @Test
    void rejectsNullsAndBadConfidences() {
        assertThatThrownBy(() -> Identify.DEFAULT.identify(null, Map.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Identify.DEFAULT.identify("x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Identify(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Identity.Provenance(Source.TAG, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesTheMergedIdentityAsJson() {
        Identity id = Identify.DEFAULT.identify("01 - Track.mp3", Map.of("artist", "A \"quoted\" name", "track", "7"));
        assertThat(MediaJson.toJson(id)).isEqualTo(
                "{\"input\":\"01 - Track.mp3\",\"kind\":\"music\",\"title\":\"Track\",\"artist\":\"A \\\"quoted\\\" name\","
                        + "\"track\":7,\"confidence\":0.86}");
    }
}
