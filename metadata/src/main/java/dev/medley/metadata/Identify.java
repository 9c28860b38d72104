package dev.medley.metadata;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Identifies a file from its path and the tags a probe read from it. Tags name their fields
 * plainly (lower-case keys as FFmpeg gives them: {@code artist}, {@code album_artist}, {@code album},
 * {@code title}, {@code track} ("3/12"), {@code disc}, {@code date}, {@code show},
 * {@code season_number}, {@code episode_id}, {@code episode_sort}, {@code language}, {@code genre},
 * {@code media_type}, {@code podcast}); the name fills what they leave out. Where both give a field, {@link Options#tagsWin()} decides, and a tag that
 * agrees with the name makes the field surer. A tag that is junk (a site's address, the file's own
 * name, a release name: see {@link TagText}) is evidence that fills a gap, never an override.
 *
 * <pre>{@code
 * Identity id = Identify.DEFAULT.identify("Music/01 - Track 1.mp3", Map.of("artist", "Nina Simone", "title", "Sinnerman"));
 * id.name().title();                  // "Sinnerman"
 * id.source(Field.TITLE);             // TAG
 * id.source(Field.TRACK);             // FILENAME
 * }</pre>
 */
public final class Identify {
    /**
     * Holds the choices of an {@link Identify}.
     *
     * @param tagsWin whether a tag replaces what the name says when both give a field
     */
    public record Options(boolean tagsWin) {
        /** Lets tags win: they are written by people or taggers, names by anyone. */
        public static final Options DEFAULTS = new Options(true);
    }

    /**
     * Holds what is known of a file besides its path and tags.
     *
     * @param root the scan root the file was found under, as the start of its path: folders below it are the
     *     user's arrangement and count as evidence; the root and the folders above it count only where they
     *     form a recognisable layout. Null when there is none, and every folder counts.
     * @param durationSeconds how long the file plays, or null when unknown
     */
    public record Context(String root, Double durationSeconds) {
        /** Knows nothing beyond the path and the tags. */
        public static final Context NONE = new Context(null, null);
    }

    /** Identifies with {@link Options#DEFAULTS}. */
    public static final Identify DEFAULT = new Identify(Options.DEFAULTS);

    static final double TAG = 0.95;

    private final Options options;

    /** Creates an identifier with the given options. */
    public Identify(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Returns the options. */
    public Options options() {
        return options;
    }

    /**
     * Returns what an identity made by this identifier depends on besides the file: the parser's
     * build and the options. An identity kept from another version is made again.
     */
    public String version() {
        return ParserVersion.VALUE + (options.tagsWin() ? "" : ";names-win");
    }

    /** The parser's version, written by the build. */
    private static final class ParserVersion {
        static final String VALUE = read();

        private static String read() {
            java.util.Properties properties = new java.util.Properties();
            try (java.io.InputStream in = Identify.class.getResourceAsStream("parser.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (java.io.IOException e) {
                // Unknown: a version of its own, so that nothing kept is taken for current.
            }
            return properties.getProperty("version", "unknown-" + System.nanoTime());
        }
    }

    /**
     * Returns what the path and the tags say together.
     *
     * @param path the file's path or name
     * @param tags the probe's tags, keys in any case; may be empty
     * @throws NullPointerException if an argument is null
     */
    public Identity identify(String path, Map<String, String> tags) {
        return identify(path, tags, Context.NONE);
    }

    /**
     * Returns what the path, the tags and the context say together.
     *
     * @param path the file's path or name
     * @param tags the probe's tags, keys in any case; may be empty
     * @param context where the file was found and how long it plays
     * @throws NullPointerException if an argument is null
     */
    public Identity identify(String path, Map<String, String> tags, Context context) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(context, "context");
        int ownFolders = PathName.foldersBelow(path, context.root());
        Draft d = MediaNames.draft(path, ownFolders);
        Map<String, String> t = lowerKeys(tags);
        PathName split = PathName.split(path).withOwnFolders(ownFolders);
        // Tags and duration can say a file is spoken where its name does not: read the name again as such.
        MediaKind spoken = SpokenCues.kind(t, d, context.durationSeconds());
        boolean spokenByTags = spoken != null && spoken != d.kind
                && (options.tagsWin() || d.kind == MediaKind.MUSIC || d.kind == MediaKind.OTHER);
        if (spokenByTags) {
            d = SpokenParser.parse(split, split.name(), spoken);
        }
        Map<Field, Identity.Provenance> provenance = new EnumMap<>(Field.class);
        for (Field f : Field.values()) {
            if (d.get(f) != null) {
                boolean folder = d.fromFolder.contains(f);
                provenance.put(f, new Identity.Provenance(folder ? Identity.Source.FOLDER : Identity.Source.FILENAME,
                        Confidence.ofName(f, d, folder)));
            }
        }
        MediaKind tagKind = d.kind.spoken() ? null : tagKind(t, d);
        if (spokenByTags || (tagKind != null && tagKind != d.kind && (options.tagsWin() || d.kind == MediaKind.OTHER))) {
            d.kind = spokenByTags ? spoken : tagKind;
            provenance.put(Field.KIND, new Identity.Provenance(Identity.Source.TAG, TAG));
        }
        if (tagKind != null && tagKind == d.kind) {
            d.fromTags.add(Field.KIND);
        }
        TagMerge m = new TagMerge(d, provenance, options.tagsWin(), split.name());
        switch (d.kind) {
            case EPISODE -> {
                m.putText(Field.TITLE, text(t, "show", "tvshow", "series"), true);
                m.put(Field.SEASON, number(t.get("season_number")));
                int[] ep = episodes(t);
                m.put(Field.EPISODES, ep);
                if (ep != null && ep.length == 1 && t.containsKey("episode_id")) {
                    int[] se = Shapes.seasonEpisode(t.get("episode_id").toLowerCase(Locale.ROOT).strip());
                    m.put(Field.SEASON, se == null ? null : se[0]);
                }
                m.putText(Field.EPISODE_TITLE, text(t, "title"), false);
            }
            case MUSIC -> {
                String artist = text(t, "artist");
                int feat = artist == null ? -1 : MusicText.featStart(artist.toLowerCase(Locale.ROOT));
                if (feat > 0) {
                    m.putText(Field.FEATURING, TitleText.trim(artist.substring(artist.indexOf(' ', feat) + 1)), false);
                    artist = TitleText.trim(artist.substring(0, feat));
                }
                m.putText(Field.ARTIST, artist, false);
                m.putText(Field.ALBUM_ARTIST, text(t, "album_artist", "albumartist", "album artist"), false);
                m.putText(Field.ALBUM, text(t, "album"), false);
                m.putText(Field.TITLE, text(t, "title"), false);
                m.put(Field.TRACK, number(t.get("track")));
                m.put(Field.DISC, number(t.get("disc")));
            }
            case PODCAST, LECTURE -> {
                // Podcast and course feeds name the show or course as the album, the episode as the title.
                m.putText(Field.TITLE, text(t, "album", "show", "tvshow"), false);
                int[] ep = episodes(t);
                m.put(Field.EPISODES, ep != null ? ep : numbers(number(t.get("track"))));
                m.putText(Field.EPISODE_TITLE, text(t, "title"), false);
                m.putText(Field.ARTIST, text(t, "artist", "album_artist"), false);
            }
            case AUDIOBOOK -> {
                String album = text(t, "album");
                m.putText(Field.TITLE, album != null ? album : text(t, "title"), false);
                m.putText(Field.ARTIST, text(t, "album_artist", "artist", "author", "composer"), false);
                m.put(Field.PART, number(t.get("track")));
                String chapter = text(t, "title");
                if (album != null && chapter != null && !TagText.sameText(album, chapter)) {
                    m.putText(Field.EPISODE_TITLE, chapter, false);
                }
            }
            default -> m.putText(Field.TITLE, text(t, "title"), true);
        }
        String date = text(t, "date", "year", "originaldate", "date_released");
        if (d.kind == MediaKind.EPISODE || d.kind == MediaKind.PODCAST) {
            m.put(Field.DATE, airDate(date)); // the air date of this episode, not the year the show is known by
        } else {
            m.put(Field.YEAR, year(date));
        }
        String lang = text(t, "language");
        m.put(Field.LANGUAGE, lang == null ? null : Languages.code(lang));
        return new Identity(d.toName(path), provenance);
    }

    /** Returns the kind the tags speak for: episode tags, music tags, or null. */
    private static MediaKind tagKind(Map<String, String> t, Draft d) {
        if (t.containsKey("show") || t.containsKey("season_number") || t.containsKey("episode_sort")
                || t.containsKey("episode_id")) {
            return MediaKind.EPISODE;
        }
        boolean music = t.containsKey("album") || t.containsKey("album_artist") || t.containsKey("track")
                || (t.containsKey("artist") && t.containsKey("title"));
        boolean videoName = d.kind == MediaKind.EPISODE || (d.kind == MediaKind.MOVIE && d.informative());
        return music && !videoName ? MediaKind.MUSIC : null;
    }

    private static int[] episodes(Map<String, String> t) {
        Integer sort = number(t.get("episode_sort"));
        if (sort != null) {
            return new int[] {sort};
        }
        String id = t.get("episode_id");
        if (id == null) {
            return null;
        }
        String w = id.toLowerCase(Locale.ROOT).strip();
        int[] se = Shapes.seasonEpisode(w);
        if (se != null) {
            return java.util.Arrays.copyOfRange(se, 1, se.length);
        }
        int[] e = Shapes.episodes(w);
        if (e != null) {
            return e;
        }
        Integer n = number(w);
        return n == null ? null : new int[] {n};
    }

    /** Reads the number a tag starts with: "3/12" gives 3, " 07" gives 7; null when none. */
    static Integer number(String v) {
        if (v == null) {
            return null;
        }
        String s = v.strip();
        int[] pos = {0};
        int n = Shapes.digits(s, pos, 6);
        return n < 0 ? null : n;
    }

    /** Reads the year of a date tag: "1979", "1979-05-01", "1979/05/01 12:00". */
    static Integer year(String v) {
        if (v == null || v.length() < 4) {
            return null;
        }
        Integer y = number(v.substring(0, 4));
        return y != null && y >= 1000 && y <= 2999 && (v.length() == 4 || !Character.isDigit(v.charAt(4))) ? y : null;
    }

    /** Reads the full date of a date tag ("2018-05-16", "2018-05-16T20:00:00Z"), or null for a bare year. */
    static java.time.LocalDate airDate(String v) {
        if (v == null || v.length() < 10 || (v.length() > 10 && Character.isDigit(v.charAt(10)))) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(v.substring(0, 10));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static int[] numbers(Integer n) {
        return n == null ? null : new int[] {n};
    }

    private static String text(Map<String, String> t, String... keys) {
        for (String k : keys) {
            String v = t.get(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static Map<String, String> lowerKeys(Map<String, String> tags) {
        Map<String, String> out = new java.util.HashMap<>(tags.size() * 2);
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
            }
        }
        return out;
    }
}
