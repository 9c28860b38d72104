package dev.medley.organize;

import dev.medley.metadata.MediaKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Holds the naming template for each kind of media.
 *
 * @param episode the template for episodes of a series
 * @param movie the template for films
 * @param music the template for music tracks
 * @param other the template for anything else, or null to leave such files where they are
 */
public record Templates(Template episode, Template movie, Template music, Template other) {
    /** Names files the way Plex, Jellyfin and Kodi expect, and leaves files of kind OTHER alone. */
    public static final Templates DEFAULT = new Templates(
            Template.parse("{show}/Season {season:00}/{show} - S{season:00}E{episode:00} - {episodeTitle}"),
            Template.parse("{title} ({year})/{title} ({year})"),
            Template.parse("{albumArtist}/{album} ({year})/{disc}-{track:00} {title}"),
            null);

    /** Checks that every kind but OTHER has a template. */
    public Templates {
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(movie, "movie");
        Objects.requireNonNull(music, "music");
    }

    /**
     * Returns the templates a text file gives, with {@link #DEFAULT} for the kinds it leaves out.
     * The file is UTF-8 with one {@code key = template} a line; blank lines and lines starting with
     * '#' are skipped. Keys are {@code episode} (or {@code tv}), {@code movie} (or {@code film}),
     * {@code music} and {@code other}; an empty {@code other} leaves files of kind OTHER alone.
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
        Map<MediaKind, Template> chosen = new HashMap<>();
        Map<MediaKind, Integer> lineOf = new HashMap<>();
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
            String key = line.substring(0, eq).strip();
            MediaKind kind = kindOf(key);
            if (kind == null) {
                throw problem(file, n, "unknown key \"" + key + "\"; keys: episode (or tv), movie (or film), music, other");
            }
            Integer first = lineOf.putIfAbsent(kind, n + 1);
            if (first != null) {
                throw problem(file, n, "\"" + key + "\" repeats the " + kind.key() + " template of line " + first);
            }
            String text = line.substring(eq + 1).strip();
            if (text.isEmpty() && kind == MediaKind.OTHER) {
                chosen.put(kind, null);
                continue;
            }
            try {
                chosen.put(kind, Template.parse(text, line.indexOf(text, eq + 1)));
            } catch (IllegalArgumentException e) {
                throw problem(file, n, e.getMessage());
            }
        }
        return new Templates(
                chosen.getOrDefault(MediaKind.EPISODE, DEFAULT.episode),
                chosen.getOrDefault(MediaKind.MOVIE, DEFAULT.movie),
                chosen.getOrDefault(MediaKind.MUSIC, DEFAULT.music),
                chosen.containsKey(MediaKind.OTHER) ? chosen.get(MediaKind.OTHER) : DEFAULT.other);
    }

    /** Returns the template for {@code kind}; null for OTHER when such files are left alone. */
    public Template forKind(MediaKind kind) {
        return switch (kind) {
            case EPISODE -> episode;
            case MOVIE -> movie;
            case MUSIC -> music;
            case PODCAST, LECTURE, AUDIOBOOK -> null; // no templates of their own yet: they stay where they are
            case OTHER -> other;
        };
    }

    private static MediaKind kindOf(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "episode", "tv" -> MediaKind.EPISODE;
            case "movie", "film" -> MediaKind.MOVIE;
            case "music" -> MediaKind.MUSIC;
            case "other" -> MediaKind.OTHER;
            default -> null;
        };
    }

    private static IllegalArgumentException problem(Path file, int index, String what) {
        return new IllegalArgumentException(file + ":" + (index + 1) + ": " + what);
    }
}
