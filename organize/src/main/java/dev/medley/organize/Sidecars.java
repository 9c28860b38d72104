package dev.medley.organize;

import dev.medley.core.RawPaths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides which of the other files in a folder travel with which media file of that folder:
 * subtitles, artwork, NFO files, lyrics, cue sheets and transcripts.
 *
 * <p>A file belongs to a media file when its name starts with the media file's stem and a separator
 * ("Film.en.srt", "Film-poster.jpg" for "Film.mkv"); the planner then names it new stem + suffix.
 * Artwork and NFO files that describe the whole folder ("cover.jpg", "movie.nfo") keep their name
 * and follow the first media file, so they land in the folder the film or album moves to.
 */
final class Sidecars {
    private static final Set<String> SIDECAR_EXTENSIONS = Set.of("srt", "ass", "ssa", "sub", "idx", "sup",
            "vtt", "smi", "nfo", "jpg", "jpeg", "png", "webp", "tbn", "lrc", "cue", "txt", "json", "xml");
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp", "tbn", "gif", "bmp");
    private static final Set<String> FOLDER_ART = Set.of("poster", "folder", "cover", "fanart", "banner",
            "backdrop", "thumb", "landscape", "logo", "clearart", "disc", "front", "back");
    private static final Set<String> FOLDER_FILES = Set.of("movie.nfo", "tvshow.nfo", "album.nfo", "artist.nfo");
    private static final Set<String> PLAYLIST_EXTENSIONS = Set.of("cue", "m3u", "m3u8");

    private Sidecars() {}

    /**
     * Holds where the other files of a folder go.
     *
     * @param byMedia each media file name, in sorted order, with the files that travel with it
     * @param unmatched the other files that belong to no media file, sorted
     */
    record Match(Map<String, List<Sidecar>> byMedia, List<String> unmatched) {}

    /**
     * Holds one file that travels with a media file.
     *
     * @param name the file's name
     * @param suffix what follows the media file's stem (".en.srt", "-poster.jpg"), or the whole
     *     name when the file belongs to the folder
     * @param folderLevel true when the file describes the folder and keeps its name
     */
    record Sidecar(String name, String suffix, boolean folderLevel) {}

    /**
     * Returns which of {@code otherNames} travel with which of {@code mediaNames}, all plain file
     * names in one folder. Every media name is a key of {@link Match#byMedia}, and every other name
     * appears exactly once, with a media file or in {@link Match#unmatched}.
     *
     * @throws IllegalArgumentException if a name appears twice
     */
    static Match match(List<String> mediaNames, List<String> otherNames) {
        Set<String> seen = new HashSet<>();
        List<String> media = sortedUnique(mediaNames, seen);
        List<String> others = sortedUnique(otherNames, seen);
        Map<String, List<Sidecar>> byMedia = new LinkedHashMap<>();
        media.forEach(m -> byMedia.put(m, new ArrayList<>()));
        List<String> unmatched = new ArrayList<>();
        for (String other : others) {
            String owner = owner(media, other, false);
            if (owner == null) {
                owner = owner(media, other, true);
            }
            if (owner != null) {
                byMedia.get(owner).add(new Sidecar(other, other.substring(stem(owner).length()), false));
            } else if (!media.isEmpty() && describesFolder(other)) {
                byMedia.get(media.get(0)).add(new Sidecar(other, other, true));
            } else {
                unmatched.add(other);
            }
        }
        Map<String, List<Sidecar>> frozen = new LinkedHashMap<>();
        byMedia.forEach((m, sidecars) -> frozen.put(m, List.copyOf(sidecars)));
        return new Match(Collections.unmodifiableMap(frozen), List.copyOf(unmatched));
    }

    /**
     * Returns the media file whose name or stem, the longest, {@code other} starts with, or null. A
     * whole name wins over a stem: {@code talk.flac.txt} belongs to {@code talk.flac}, not to
     * {@code talk.aiff} beside it.
     */
    private static String owner(List<String> media, String other, boolean ignoreCase) {
        if (!SIDECAR_EXTENSIONS.contains(extension(other))) {
            return null;
        }
        String best = null;
        int bestLength = 0;
        for (String m : media) {
            for (String prefix : List.of(m, stem(m))) {
                if (prefix.length() > bestLength && startsWithAndSeparator(other, prefix, ignoreCase)) {
                    best = m;
                    bestLength = prefix.length();
                }
            }
        }
        return best;
    }

    private static boolean startsWithAndSeparator(String name, String prefix, boolean ignoreCase) {
        return name.length() > prefix.length()
                && name.regionMatches(ignoreCase, 0, prefix, 0, prefix.length())
                && ".-_ ".indexOf(name.charAt(prefix.length())) >= 0;
    }

    private static boolean describesFolder(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String extension = extension(name);
        if (FOLDER_FILES.contains(lower) || PLAYLIST_EXTENSIONS.contains(extension)) {
            return true;
        }
        String base = stem(lower);
        return IMAGE_EXTENSIONS.contains(extension) && (FOLDER_ART.contains(base) || base.startsWith("albumart"));
    }

    /** Returns the name without its last extension. */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /** Returns the last extension in lower case, or "" when there is none. */
    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static List<String> sortedUnique(List<String> names, Set<String> seen) {
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("\"" + RawPaths.display(name) + "\" appears twice");
            }
        }
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        return sorted;
    }
}
