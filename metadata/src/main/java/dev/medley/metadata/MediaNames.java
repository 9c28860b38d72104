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
        // The reading ignores spaces around the name; the name is echoed exactly as given.
        return draft(pathOrName.strip()).toName(pathOrName);
    }

    /** Returns the parse with notes on where each field came from, for {@link Identify}. */
    static Draft draft(String pathOrName) {
        return draft(pathOrName, -1);
    }

    /** Returns the parse of a path whose {@code ownFolders} nearest folders lie below the scan root (-1: all). */
    static Draft draft(String pathOrName, int ownFolders) {
        Objects.requireNonNull(pathOrName, "pathOrName");
        PathName path = PathName.split(pathOrName).withOwnFolders(ownFolders);
        if (Extensions.type(path.extension()) == Extensions.Type.AUDIO && Extensions.codecWord(path.extension())
                && videoRelease(path.name() + "." + path.extension())) {
            path = path.withoutExtension(); // "Film.2019.1080p.BluRay.AAC": a codec word, not a file type
        }
        Extensions.Type type = Extensions.type(path.extension());
        String sideFile = Extensions.sideFile(path.extension()) ? path.extension() : null;
        String name = path.name();
        String subtitle = null;
        if (type == Extensions.Type.SUBTITLE) {
            // "Film.en.srt", "Film.de.forced.srt", "Film.es.sdh.srt": a language, and flags after it
            int dot = name.lastIndexOf('.');
            while (dot > 0 && SUBTITLE_FLAGS.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT))) {
                name = name.substring(0, dot);
                dot = name.lastIndexOf('.');
            }
            String code = dot < 0 ? null : Languages.code(name.substring(dot + 1));
            if (code != null) {
                subtitle = code;
                name = name.substring(0, dot);
            } else if (path.parent() != null && Languages.code(name.replaceFirst("^\\d+[_ .-]+", "")) != null) {
                // "Release/Subs/2_English.srt": a file named by its language takes the release's name
                subtitle = Languages.code(name.replaceFirst("^\\d+[_ .-]+", ""));
                path = path.named(subtitleRelease(path));
                name = path.name();
            }
        }
        if (type == Extensions.Type.AUDIO) {
            return MusicParser.parse(path, name);
        }
        name = Reversed.unreverse(name);
        Draft d = VideoParser.parse(name);
        if (type == Extensions.Type.VIDEO && !d.strong && d.technical == 0) {
            // A release (numbered, or with release words) is no lecture; others may be.
            Draft lecture = SpokenParser.lecture(path, path.name());
            if (lecture != null) {
                return lecture; // "Lecture 03 - Vectors.mp4", "Courses/Linear Algebra/03.mp4"
            }
        }
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
        boolean video = type == Extensions.Type.VIDEO || sideFile != null;
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
        if (type == Extensions.Type.OTHER && (sideFile == null || !d.informative())) {
            d.kind = MediaKind.OTHER; // "notes.txt" names nothing; "Film.2010.1080p.nfo" names a film
        }
        d.sideFile = sideFile;
        return d;
    }

    /**
     * Says whether a name reads as a video release: a video codec, or a frame size with a video source
     * ("Song (Official Video) [4K]" is still a song, "S01E01 - The Letter.mp3" a podcast's episode).
     */
    private static boolean videoRelease(String name) {
        Draft d = VideoParser.parse(name);
        return d.videoCodec != null || (d.screenSize != null && d.source != null);
    }

    private static final java.util.Set<String> SUBTITLE_FLAGS = java.util.Set.of("forced", "sdh", "cc", "hi", "full",
            "default", "signs", "songs");

    // The release a subtitle named by its language belongs to: the folder above "Subs", or the folder holding it.
    private static String subtitleRelease(PathName path) {
        java.util.List<String> folders = path.folders();
        int last = folders.size() - 1;
        String parent = folders.get(last);
        boolean subsFolder = parent.equalsIgnoreCase("subs") || parent.equalsIgnoreCase("subtitles")
                || parent.equalsIgnoreCase("sub");
        return subsFolder && last > 0 ? folders.get(last - 1) : parent;
    }

    /** Says whether an extension-less name without release words still reads as a release: "[Group] Title [CRC]". */
    private static boolean looksLikeRelease(String name) {
        return name.indexOf('[') >= 0 && name.indexOf(']') > name.indexOf('[');
    }
}
