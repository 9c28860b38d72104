package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.metadata.Identity.Source;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tags and length say a file is spoken where its name does not, and fill the fields of its kind. */
class SpokenTagsTest {
    private static Identity identify(String path, Map<String, String> tags, Double seconds) {
        return Identify.DEFAULT.identify(path, tags, new Identify.Context(null, seconds));
    }

    @Test
    void aPodcastGenreMakesAPodcastOfWhatReadsAsMusicAndFeedTagsFillIt() {
        Identity id = identify("/in/Serial - The Alibi.mp3", Map.of("genre", "Podcast", "album", "Serial",
                "title", "The Alibi", "artist", "This American Life", "track", "1", "date", "2014-10-03"), null);
        MediaName n = id.name();
        assertThat(n.kind()).isEqualTo(MediaKind.PODCAST);
        assertThat(id.source(Field.KIND)).isEqualTo(Source.TAG);
        assertThat(n.title()).isEqualTo("Serial");
        assertThat(n.episodes()).containsExactly(1);
        assertThat(n.episodeTitle()).isEqualTo("The Alibi");
        assertThat(n.artist()).isEqualTo("This American Life");
        assertThat(n.date()).isEqualTo(java.time.LocalDate.of(2014, 10, 3));
        assertThat(n.year()).isNull();
    }

    @Test
    void readsITunesMediaKinds() {
        assertThat(identify("a.m4a", Map.of("media_type", "21"), null).name().kind()).isEqualTo(MediaKind.PODCAST);
        assertThat(identify("a.m4a", Map.of("media_type", "2"), null).name().kind()).isEqualTo(MediaKind.AUDIOBOOK);
        assertThat(identify("a.m4a", Map.of("media_type", "23"), null).name().kind()).isEqualTo(MediaKind.LECTURE);
        assertThat(identify("a.m4a", Map.of("podcast", "1"), null).name().kind()).isEqualTo(MediaKind.PODCAST);
        assertThat(identify("a.m4a", Map.of("media_type", "1"), null).name().kind()).isEqualTo(MediaKind.MUSIC);
    }

    @Test
    void anAudiobookTaggedAsOneTakesBookAuthorAndPartFromItsTags() {
        MediaName n = identify("/in/track07.mp3", Map.of("genre", "Audiobook", "album", "The Hobbit", "artist",
                "J. R. R. Tolkien", "title", "An Unexpected Party", "track", "7/19"), null).name();
        assertThat(n.kind()).isEqualTo(MediaKind.AUDIOBOOK);
        assertThat(n.title()).isEqualTo("The Hobbit");
        assertThat(n.artist()).isEqualTo("J. R. R. Tolkien");
        assertThat(n.part()).isEqualTo(7);
        assertThat(n.episodeTitle()).isEqualTo("An Unexpected Party");
    }

    @Test
    void spokenWordIsReadByTheCuesOfTheName() {
        MediaName lecture = identify("/in/Lecture 04 - Entropy.mp3", Map.of("genre", "Speech"), null).name();
        assertThat(lecture.kind()).isEqualTo(MediaKind.LECTURE);
        assertThat(lecture.episodes()).containsExactly(4);
        MediaName talk = identify("/in/Martin Luther King - I Have a Dream.mp3", Map.of("genre", "Spoken Word"), null).name();
        assertThat(talk.kind()).isEqualTo(MediaKind.AUDIOBOOK);
        assertThat(talk.artist()).isEqualTo("Martin Luther King");
        assertThat(talk.title()).isEqualTo("I Have a Dream");
        assertThat(identify("/in/Heat.1995.1080p.mkv", Map.of("genre", "Speech"), null).name().kind())
                .as("a film stays a film").isEqualTo(MediaKind.MOVIE);
    }

    @Test
    void hoursOfAudioInAnAuthorBookLayoutAreABook() {
        MediaName book = identify("/in/Ursula K. Le Guin/The Dispossessed.mp3", Map.of(), 11 * 3600.0).name();
        assertThat(book.kind()).isEqualTo(MediaKind.AUDIOBOOK);
        assertThat(book.artist()).isEqualTo("Ursula K. Le Guin");
        assertThat(book.title()).isEqualTo("The Dispossessed");
        assertThat(identify("/in/Ursula K. Le Guin/The Dispossessed.mp3", Map.of(), 300.0).name().kind())
                .as("minutes are a track").isEqualTo(MediaKind.MUSIC);
    }

    @Test
    void musicTagsDoNotMakeMusicOfAPodcastFolder() {
        Identity id = identify("/in/Podcasts/Serial/S01E02 - The Breakup.mp3",
                Map.of("artist", "Sarah Koenig", "title", "The Breakup", "album", "Serial"), null);
        assertThat(id.name().kind()).isEqualTo(MediaKind.PODCAST);
        assertThat(id.name().title()).isEqualTo("Serial");
        assertThat(id.confidence(Field.TITLE)).as("the album tag agrees with the folder").isEqualTo(0.99);
    }

    @Test
    void spokenKindsAreSpoken() {
        assertThat(MediaKind.PODCAST.spoken()).isTrue();
        assertThat(MediaKind.LECTURE.spoken()).isTrue();
        assertThat(MediaKind.AUDIOBOOK.spoken()).isTrue();
        assertThat(MediaKind.MUSIC.spoken()).isFalse();
        assertThat(MediaKind.AUDIOBOOK.key()).isEqualTo("audiobook");
    }
}
