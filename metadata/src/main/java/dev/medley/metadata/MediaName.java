package dev.medley.metadata;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Holds what a path or name says about the media it names. Every field but {@code input},
 * {@code kind} and {@code episodes} is null when the name does not tell it; {@code episodes} is
 * then empty.
 *
 * @param input the path or name as given
 * @param kind what the name holds
 * @param title the series title for episodes, the film title for films, the track title for music
 * @param year the release year, or the year a series is told apart by ("Series (2010)")
 * @param season the season number; null for absolute (anime) numbering and for daily shows
 * @param episodes the episode numbers, more than one for multi-episode files ("S01E01-E03")
 * @param absoluteEpisode the first episode number when the name counts episodes across seasons
 * @param date the air date of a daily show ("Show.2014.01.15")
 * @param episodeTitle the episode's own title, where the name gives one after the numbering
 * @param part the part or disc of a film split in pieces ("CD1", "Part 2")
 * @param extra the kind of extra: trailer, featurette, behindthescenes, deleted, interview, sample, extras, ova, ncop
 * @param edition the edition of a film: Extended, Director's Cut, Unrated, IMAX, ...
 * @param screenSize the frame size: 480p, 576p, 720p, 1080p, 1080i, 2160p
 * @param source where the video came from: BluRay, WEB-DL, WEBRip, HDTV, DVD, ...
 * @param videoCodec the video codec: H.264, H.265, XviD, AV1, ...
 * @param audioCodec the audio codec: AAC, AC3, E-AC3, DTS, TrueHD, FLAC, ...
 * @param releaseGroup the group that released the file
 * @param language the audio language as an ISO 639-1 code ("de", "fr"), or "mul" for several
 * @param subtitleLanguage the subtitle language as an ISO 639-1 code
 * @param artist the performing artist of a track
 * @param albumArtist the artist the album is filed under, where it differs or comes from a folder
 * @param album the album title
 * @param track the track number
 * @param disc the disc number
 * @param featuring the artists featured on a track ("feat. X")
 * @param version the version of a track: Remix, Live, Acoustic, Radio Edit, ...
 * @param sideFile the extension of a file that describes or accompanies media rather than being
 *     it ("nfo", "torrent", "srt"), when the name is one; its other fields are the media's
 * @param confidence how sure the reading as a whole is, from 0 to 1: at 0.8 or more it is right
 *     nearly always (see {@link Confidence}); lower readings deserve a second look
 */
public record MediaName(
        String input,
        MediaKind kind,
        String title,
        Integer year,
        Integer season,
        List<Integer> episodes,
        Integer absoluteEpisode,
        LocalDate date,
        String episodeTitle,
        Integer part,
        String extra,
        String edition,
        String screenSize,
        String source,
        String videoCodec,
        String audioCodec,
        String releaseGroup,
        String language,
        String subtitleLanguage,
        String artist,
        String albumArtist,
        String album,
        Integer track,
        Integer disc,
        String featuring,
        String version,
        String sideFile,
        double confidence) {

    /** Checks the fields that are never null and freezes the episode list. */
    public MediaName {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(kind, "kind");
        episodes = episodes == null ? List.of() : List.copyOf(episodes);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must lie in 0..1: " + confidence);
        }
    }

    /**
     * Returns the value of {@code field}: a {@link MediaKind} for {@link Field#KIND}, the episode list
     * for {@link Field#EPISODES} (null when empty), otherwise the component of that name; null when absent.
     */
    public Object get(Field field) {
        return switch (field) {
            case KIND -> kind;
            case TITLE -> title;
            case YEAR -> year;
            case SEASON -> season;
            case EPISODES -> episodes.isEmpty() ? null : episodes;
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

    /** Returns the first episode number, or null when there is none. */
    public Integer episode() {
        return episodes.isEmpty() ? null : episodes.get(0);
    }
}
