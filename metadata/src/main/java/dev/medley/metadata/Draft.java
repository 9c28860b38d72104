package dev.medley.metadata;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the fields of one name while the parsers work on it, with notes on how sure each is:
 * fields taken from a folder, and fields that are guesses (an absolute number that might be a
 * title word, a year that might be a title). Becomes a {@link MediaName} at the end.
 */
final class Draft {
    MediaKind kind = MediaKind.OTHER;
    String title;
    Integer year;
    Integer season;
    int[] episodes = Marker.EMPTY;
    Integer absoluteEpisode;
    LocalDate date;
    String episodeTitle;
    Integer part;
    String extra;
    String edition;
    String screenSize;
    String source;
    String videoCodec;
    String audioCodec;
    String releaseGroup;
    String language;
    String subtitleLanguage;
    String artist;
    String albumArtist;
    String album;
    Integer track;
    Integer disc;
    String featuring;
    String version;
    String sideFile;

    /** Says whether the name carries episode numbering, a season, an air date or an anime special. */
    boolean episodic;
    /** Says whether the numbering is explicit (S01E02, 1x02, Episode 2, a date), not read from a bare number. */
    boolean strong;
    /** Counts the release words (sources, codecs, resolutions...) in the name. */
    int technical;

    final Set<Field> fromFolder = EnumSet.noneOf(Field.class);
    final Set<Field> guessed = EnumSet.noneOf(Field.class);
    /** Fields that tags gave or confirmed: the surest evidence there is. */
    final Set<Field> fromTags = EnumSet.noneOf(Field.class);

    /** Says whether the name told anything a folder could not: numbering, a year or release words. */
    boolean informative() {
        return strong || year != null || technical > 0;
    }

    /** Returns the value of a field, null when absent (an empty episode list is absent). */
    Object get(Field f) {
        return switch (f) {
            case KIND -> kind;
            case TITLE -> title;
            case YEAR -> year;
            case SEASON -> season;
            case EPISODES -> episodes.length == 0 ? null : episodes;
            case ABSOLUTE_EPISODE -> absoluteEpisode;
            case DATE -> date;
            case EPISODE_TITLE -> episodeTitle;
            case PART -> part;
            case EXTRA -> extra;
            case EDITION -> edition;
            case SCREEN_SIZE -> screenSize;
            case SOURCE -> source;
            case VIDEO_CODEC -> videoCodec;
            case AUDIO_CODEC -> audioCodec;
            case RELEASE_GROUP -> releaseGroup;
            case LANGUAGE -> language;
            case SUBTITLE_LANGUAGE -> subtitleLanguage;
            case ARTIST -> artist;
            case ALBUM_ARTIST -> albumArtist;
            case ALBUM -> album;
            case TRACK -> track;
            case DISC -> disc;
            case FEATURING -> featuring;
            case VERSION -> version;
        };
    }

    /** Sets the fields tags can give; other fields are never set from tags. */
    void set(Field f, Object v) {
        switch (f) {
            case KIND -> kind = (MediaKind) v;
            case TITLE -> title = (String) v;
            case YEAR -> year = (Integer) v;
            case SEASON -> season = (Integer) v;
            case EPISODES -> episodes = (int[]) v;
            case EPISODE_TITLE -> episodeTitle = (String) v;
            case PART -> part = (Integer) v;
            case LANGUAGE -> language = (String) v;
            case ARTIST -> artist = (String) v;
            case ALBUM_ARTIST -> albumArtist = (String) v;
            case ALBUM -> album = (String) v;
            case TRACK -> track = (Integer) v;
            case DISC -> disc = (Integer) v;
            case FEATURING -> featuring = (String) v;
            case DATE -> date = (LocalDate) v;
            default -> throw new IllegalArgumentException("not set from tags: " + f);
        }
    }

    MediaName toName(String input) {
        Integer[] boxed = new Integer[episodes.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = episodes[i];
        }
        List<Integer> eps = List.of(boxed);
        return new MediaName(input, kind, title, year, season, eps, absoluteEpisode, date, episodeTitle, part,
                extra, edition, screenSize, source, videoCodec, audioCodec, releaseGroup, language,
                subtitleLanguage, artist, albumArtist, album, track, disc, featuring, version, sideFile,
                Confidence.overall(this));
    }
}
