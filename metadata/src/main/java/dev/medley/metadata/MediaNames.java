package dev.medley.metadata;

import java.util.Objects;

/**
 * Reads file names and paths of episodes, films and music into {@link MediaName}s. Parsing is pure:
 * no file is opened, no clock or locale is read, and the same input always gives the same result.
 * It is safe from any number of threads, and it costs a few microseconds a name, bounded for any
 * input (names are read up to {@value PathName#MAX_PART} characters a part, episode ranges are
 * capped).
 *
 * <pre>{@code
 * MediaNames.parse("The.Show.S01E02.720p.HDTV.x264-GRP.mkv")   // EPISODE "The Show" 1x2
 * MediaNames.parse("Movie.Title.2018.1080p.BluRay.x264.mkv")     // MOVIE "Movie Title" 2018
 * MediaNames.parse("Artist/Album (1999)/01 - Song.flac")         // MUSIC track 1 "Song"
 * }</pre>
 */
public final class MediaNames {
    private MediaNames() {}

    /**
     * Returns what a path or a bare file name says about the media it names.
     *
     * @throws NullPointerException if {@code pathOrName} is null
     */
    public static MediaName parse(String pathOrName) {
        return draft(pathOrName).toName(pathOrName);
    }

    /** Returns the parse with notes on where each field came from, for {@link Identify}. */
    static Draft draft(String pathOrName) {
        return draft(pathOrName, -1);
    }

    /** Returns the parse of a path whose {@code ownFolders} nearest folders lie below the scan root (-1: all). */
    static Draft draft(String pathOrName, int ownFolders) {
        Objects.requireNonNull(pathOrName, "pathOrName");
        PathName path = PathName.split(pathOrName).withOwnFolders(ownFolders);
        Extensions.Type type = Extensions.type(path.extension());
        String name = path.name();
        String subtitle = null;
        if (type == Extensions.Type.SUBTITLE) {
            int dot = name.lastIndexOf('.');
            String code = dot < 0 ? null : Languages.code(name.substring(dot + 1));
            if (code != null) {
                subtitle = code;
                name = name.substring(0, dot);
            }
        }
        if (type == Extensions.Type.AUDIO) {
            return MusicParser.parse(path, name);
        }
        name = Reversed.unreverse(name);
        Draft d = VideoParser.parse(name);
        if (!d.episodic) {
            int[] se = LeadingNumber.seasonEpisode(name);
            if (se != null) {
                d.season = se[0];
                d.episodes = new int[] {se[1]};
                d.episodic = true;
                d.kind = MediaKind.EPISODE;
                d.guessed.add(Field.EPISODES);
            }
        }
        d = VideoFolders.merge(d, path, name);
        if (subtitle != null) {
            d.subtitleLanguage = subtitle;
        }
        boolean video = type == Extensions.Type.VIDEO || type == Extensions.Type.SUBTITLE;
        if (!d.episodic && d.technical == 0 && (type == Extensions.Type.NONE
                || (type == Extensions.Type.VIDEO && d.year == null && MusicParser.looksLikeMusicVideo(name)))
                && MusicParser.looksLikeMusic(name)) {
            return MusicParser.parse(path, name);
        }
        if (!d.episodic && !video && !d.informative() && d.kind != MediaKind.EPISODE) {
            boolean ownTitle = d.title != null && !d.fromFolder.contains(Field.TITLE);
            boolean release = type == Extensions.Type.NONE && ownTitle && looksLikeRelease(name);
            d.kind = release ? MediaKind.MOVIE : MediaKind.OTHER;
        }
        if (type == Extensions.Type.OTHER) {
            d.kind = MediaKind.OTHER;
        }
        return d;
    }

    /** Says whether an extension-less name without release words still reads as a release: "[Group] Title [CRC]". */
    private static boolean looksLikeRelease(String name) {
        return name.indexOf('[') >= 0 && name.indexOf(']') > name.indexOf('[');
    }
}
