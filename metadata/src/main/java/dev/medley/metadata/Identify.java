package dev.medley.metadata;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Identifies a file from its path and the tags a probe read from it. Tags name their fields
 * plainly (lower-case keys as FFmpeg gives them: {@code artist}, {@code album_artist}, {@code album},
 * {@code title}, {@code track} ("3/12"), {@code disc}, {@code date}, {@code show},
 * {@code season_number}, {@code episode_id}, {@code episode_sort}, {@code language}); the name fills
 * what they leave out. Where both give a field, {@link Options#tagsWin()} decides, and a tag that
 * agrees with the name makes the field surer.
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

    private static final double TAG = 0.95;
    private static final double AGREED = 0.99;

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
        Draft d = MediaNames.draft(path, PathName.foldersBelow(path, context.root()));
        Map<Field, Identity.Provenance> provenance = new EnumMap<>(Field.class);
        for (Field f : Field.values()) {
            if (d.get(f) != null) {
                boolean folder = d.fromFolder.contains(f);
                provenance.put(f, new Identity.Provenance(folder ? Identity.Source.FOLDER : Identity.Source.FILENAME,
                        Confidence.ofName(f, d, folder)));
            }
        }
        Map<String, String> t = lowerKeys(tags);
        MediaKind tagKind = tagKind(t, d);
        if (tagKind != null && tagKind != d.kind && (options.tagsWin() || d.kind == MediaKind.OTHER)) {
            d.kind = tagKind;
            provenance.put(Field.KIND, new Identity.Provenance(Identity.Source.TAG, TAG));
        }
        Merge m = new Merge(d, provenance, options.tagsWin());
        switch (d.kind) {
            case EPISODE -> {
                m.put(Field.TITLE, text(t, "show", "tvshow", "series"));
                m.put(Field.SEASON, number(t.get("season_number")));
                int[] ep = episodes(t);
                m.put(Field.EPISODES, ep);
                if (ep != null && ep.length == 1 && t.containsKey("episode_id")) {
                    int[] se = Shapes.seasonEpisode(t.get("episode_id").toLowerCase(Locale.ROOT).strip());
                    m.put(Field.SEASON, se == null ? null : se[0]);
                }
                m.put(Field.EPISODE_TITLE, text(t, "title"));
            }
            case MUSIC -> {
                String artist = text(t, "artist");
                int feat = artist == null ? -1 : MusicText.featStart(artist.toLowerCase(Locale.ROOT));
                if (feat > 0) {
                    m.put(Field.FEATURING, TitleText.trim(artist.substring(artist.indexOf(' ', feat) + 1)));
                    artist = TitleText.trim(artist.substring(0, feat));
                }
                m.put(Field.ARTIST, artist);
                m.put(Field.ALBUM_ARTIST, text(t, "album_artist", "albumartist", "album artist"));
                m.put(Field.ALBUM, text(t, "album"));
                m.put(Field.TITLE, text(t, "title"));
                m.put(Field.TRACK, number(t.get("track")));
                m.put(Field.DISC, number(t.get("disc")));
            }
            default -> m.put(Field.TITLE, movieTitle(text(t, "title")));
        }
        m.put(Field.YEAR, year(text(t, "date", "year", "originaldate", "date_released")));
        String lang = text(t, "language");
        m.put(Field.LANGUAGE, lang == null ? null : Languages.code(lang));
        return new Identity(d.toName(path), provenance);
    }

    /** Applies tag values to a draft by the rule of the options. */
    private record Merge(Draft d, Map<Field, Identity.Provenance> provenance, boolean tagsWin) {
        void put(Field f, Object tag) {
            if (tag == null) {
                return;
            }
            Object name = d.get(f);
            if (name == null) {
                d.set(f, tag);
                provenance.put(f, new Identity.Provenance(Identity.Source.TAG, TAG));
            } else if (same(name, tag)) {
                Identity.Provenance p = provenance.get(f);
                provenance.put(f, new Identity.Provenance(tagsWin ? Identity.Source.TAG : p.source(), AGREED));
            } else if (tagsWin) {
                d.set(f, tag);
                provenance.put(f, new Identity.Provenance(Identity.Source.TAG, TAG));
            }
        }

        private static boolean same(Object a, Object b) {
            if (a instanceof int[] x && b instanceof int[] y) {
                return java.util.Arrays.equals(x, y);
            }
            if (a instanceof String x && b instanceof String y) {
                return x.strip().equalsIgnoreCase(y.strip());
            }
            return a.equals(b);
        }
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

    /** Drops a film title tag that is only the release name again ("Movie.2018.1080p.WEB-DL-GRP"). */
    private static String movieTitle(String title) {
        if (title == null) {
            return null;
        }
        Draft parsed = VideoParser.parse(title);
        boolean release = parsed.screenSize != null || parsed.source != null || parsed.videoCodec != null
                || parsed.audioCodec != null || parsed.strong;
        return release && parsed.title != null ? parsed.title : title;
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
