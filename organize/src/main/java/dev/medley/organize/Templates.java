package dev.medley.organize;

import dev.medley.metadata.MediaName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Holds the naming template for each kind of media, and for episodes one for each way of numbering
 * them, and whether names written all in lower case are given capitals.
 */
public final class Templates {
    /** Names the templates: a kind of media, or for episodes a way of numbering them. */
    public enum Key {
        /** Episodes numbered by season: "Show S01E02". */
        EPISODE("episode", "tv"),
        /** Episodes of a daily show, known by their air date: "Show 2024.01.15". */
        DAILY("daily"),
        /** Episodes numbered across seasons, as anime often are: "Show - 1071". */
        ANIME("anime"),
        /** Films. */
        MOVIE("movie", "film"),
        /** Music tracks. */
        MUSIC("music"),
        /** Episodes of a podcast. */
        PODCAST("podcast"),
        /** Lectures of a course. */
        LECTURE("lecture"),
        /** Audiobooks and their parts. */
        AUDIOBOOK("audiobook"),
        /** Anything else; without a template such files stay where they are. */
        OTHER("other");

        private final String key;
        private final String alias;

        Key(String key) {
            this(key, null);
        }

        Key(String key, String alias) {
            this.key = key;
            this.alias = alias;
        }

        /** Returns the key of this template in a templates file: "episode", "daily", "movie", ... */
        public String key() {
            return key;
        }

        /** Returns the key a name is filed by: the kind, and for episodes how they are numbered. */
        public static Key of(MediaName name) {
            return switch (name.kind()) {
                case EPISODE -> name.season() == null && name.date() != null && name.episodes().isEmpty() ? DAILY
                        : name.season() == null && name.absoluteEpisode() != null ? ANIME : EPISODE;
                case MOVIE -> MOVIE;
                case MUSIC -> MUSIC;
                case PODCAST -> PODCAST;
                case LECTURE -> LECTURE;
                case AUDIOBOOK -> AUDIOBOOK;
                case OTHER -> OTHER;
            };
        }

        static Key named(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (Key k : values()) {
                if (k.key.equals(lower) || lower.equals(k.alias)) {
                    return k;
                }
            }
            return null;
        }

        static String spelled() {
            return Stream.of(values()).map(k -> k.alias == null ? k.key : k.key + " (or " + k.alias + ")")
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * Names files the way Plex, Jellyfin, Kodi and Audiobookshelf expect, and leaves files of kind
     * OTHER alone.
     */
    public static final Templates DEFAULT = new Templates(defaults(), false);

    private final Map<Key, Template> templates;
    private final boolean titleCase;

    private Templates(Map<Key, Template> templates, boolean titleCase) {
        this.templates = templates;
        this.titleCase = titleCase;
    }

    private static Map<Key, Template> defaults() {
        Map<Key, Template> t = new EnumMap<>(Key.class);
        t.put(Key.EPISODE, Template.parse("{show}/Season {season:00}/{show} - S{season:00}E{episode:00} - {episodeTitle}"));
        t.put(Key.DAILY, Template.parse("{show}/Season {date:yyyy}/{show} - {date} - {episodeTitle}"));
        t.put(Key.ANIME, Template.parse("{show}/{show} - {absolute:000} - {episodeTitle}"));
        t.put(Key.MOVIE, Template.parse("{title} ({year})/{title} ({year})"));
        t.put(Key.MUSIC, Template.parse("{albumArtist}/{album} ({year})/{disc}-{track:00} {title}"));
        t.put(Key.PODCAST, Template.parse("{show}/{show} - {episode:000} - {episodeTitle}"));
        t.put(Key.LECTURE, Template.parse("{course}/{course} - {episode:00} - {episodeTitle}"));
        t.put(Key.AUDIOBOOK, Template.parse("{author}/{book}/{book} - {part:00} - {episodeTitle}"));
        return t;
    }

    /** Returns the template for {@code key}; null for OTHER when such files are left alone. */
    public Template get(Key key) {
        return templates.get(Objects.requireNonNull(key, "key"));
    }

    /** Returns the template a name is filed by; null when it is of kind OTHER and such files are left alone. */
    public Template forName(MediaName name) {
        return get(Key.of(name));
    }

    /**
     * Returns these templates with {@code template} for {@code key}.
     *
     * @param template the template, or null for OTHER, to leave such files alone
     * @throws NullPointerException if {@code key} is null, or {@code template} is null for a key other than OTHER
     */
    public Templates with(Key key, Template template) {
        Objects.requireNonNull(key, "key");
        if (key != Key.OTHER) {
            Objects.requireNonNull(template, "template");
        }
        Map<Key, Template> copy = new EnumMap<>(templates);
        if (template == null) {
            copy.remove(key);
        } else {
            copy.put(key, template);
        }
        return new Templates(copy, titleCase);
    }

    /** Returns these templates giving capitals to names written all in lower case, or not. */
    public Templates withTitleCase(boolean titleCase) {
        return new Templates(templates, titleCase);
    }

    /** Says whether names written all in lower case are given capitals ("the wire" is filed as "The Wire"). */
    public boolean titleCase() {
        return titleCase;
    }

    /**
     * Returns the templates a text file gives, with {@link #DEFAULT} for the keys it leaves out.
     * The file is UTF-8 with one {@code key = template} a line; blank lines and lines starting with
     * '#' are skipped. Keys are {@code episode} (or {@code tv}), {@code daily}, {@code anime},
     * {@code movie} (or {@code film}), {@code music}, {@code podcast}, {@code lecture},
     * {@code audiobook} and {@code other}; an empty {@code other} leaves files of kind OTHER alone.
     *
     * <pre>
     * # Kodi-style episodes, music filed by year
     * tv    = {show}/Season {season}/{show} S{season:00}E{episode:00}
     * music = {albumArtist}/{year} - {album}/{track:00} - {title}
     * </pre>
     *
     * @throws IllegalArgumentException if a line has no '=', an unknown or repeated key, or a bad
     *     template; the message starts with {@code file:line:}
     * @throws IOException if the file cannot be read
     */
    public static Templates load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Templates chosen = DEFAULT;
        Map<Key, Integer> lineOf = new EnumMap<>(Key.class);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = " " + line.substring(1); // keeps columns as an editor counts them
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw problem(file, n, "expected key = template, found \"" + trimmed + "\"");
            }
            String name = line.substring(0, eq).strip();
            Key key = Key.named(name);
            if (key == null) {
                throw problem(file, n, "unknown key \"" + name + "\"; keys: " + Key.spelled());
            }
            Integer first = lineOf.putIfAbsent(key, n + 1);
            if (first != null) {
                throw problem(file, n, "\"" + name + "\" repeats the " + key.key() + " template of line " + first);
            }
            String text = line.substring(eq + 1).strip();
            if (text.isEmpty() && key == Key.OTHER) {
                chosen = chosen.with(key, null);
                continue;
            }
            try {
                chosen = chosen.with(key, Template.parse(text, line.indexOf(text, eq + 1)));
            } catch (IllegalArgumentException e) {
                throw problem(file, n, e.getMessage());
            }
        }
        return chosen;
    }

    /** Returns true when {@code other} holds the same templates and the same choice of capitals. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Templates t && t.templates.equals(templates) && t.titleCase == titleCase;
    }

    @Override
    public int hashCode() {
        return templates.hashCode() * 31 + Boolean.hashCode(titleCase);
    }

    /** Returns the templates as a templates file would give them, one {@code key = template} a line. */
    @Override
    public String toString() {
        return templates.entrySet().stream().map(e -> e.getKey().key() + " = " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static IllegalArgumentException problem(Path file, int index, String what) {
        return new IllegalArgumentException(file + ":" + (index + 1) + ": " + what);
    }
}
