package dev.medley.organize;

import dev.medley.metadata.MediaName;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells main content from extras and samples, by the folder a file lies in, its name, and what the
 * name parser found. Samples are recognised first, since whatever folder they lie in they are never
 * worth keeping; then extras folders ("Featurettes"), Plex-style suffixes ("Film-trailer.mkv"), and
 * last the parser's guess.
 */
final class Extras {
    // Folder names as Plex and Jellyfin spell them, lower case with spaces, dots and underscores
    // removed, so that "Behind.The.Scenes" and "deleted_scenes" count too.
    private static final Map<String, ExtraKind> FOLDERS = Map.ofEntries(
            Map.entry("extras", ExtraKind.OTHER),
            Map.entry("extra", ExtraKind.OTHER),
            Map.entry("other", ExtraKind.OTHER),
            Map.entry("bonus", ExtraKind.OTHER),
            Map.entry("featurettes", ExtraKind.FEATURETTE),
            Map.entry("behindthescenes", ExtraKind.BEHIND_THE_SCENES),
            Map.entry("deletedscenes", ExtraKind.DELETED_SCENE),
            Map.entry("interviews", ExtraKind.INTERVIEW),
            Map.entry("scenes", ExtraKind.SCENE),
            Map.entry("shorts", ExtraKind.SHORT),
            Map.entry("trailers", ExtraKind.TRAILER),
            Map.entry("sample", ExtraKind.SAMPLE),
            Map.entry("samples", ExtraKind.SAMPLE));
    private static final Map<String, ExtraKind> SUFFIXES = Map.of(
            "-trailer", ExtraKind.TRAILER,
            "-featurette", ExtraKind.FEATURETTE,
            "-behindthescenes", ExtraKind.BEHIND_THE_SCENES,
            "-deleted", ExtraKind.DELETED_SCENE,
            "-interview", ExtraKind.INTERVIEW,
            "-scene", ExtraKind.SCENE,
            "-short", ExtraKind.SHORT,
            "-other", ExtraKind.OTHER);
    private static final java.util.Set<ExtraKind> BARE_NAMES =
            java.util.EnumSet.of(ExtraKind.TRAILER, ExtraKind.FEATURETTE, ExtraKind.BEHIND_THE_SCENES);
    private static final Pattern SEPARATORS = Pattern.compile("[ ._]");
    private static final Pattern TOKEN_BREAKS = Pattern.compile("[ ._\\-\\[\\](){}]+");

    private Extras() {}

    /**
     * Holds what a file is and where its title lives.
     *
     * @param kind what the file is
     * @param ownerFolder the index in the folder list of the folder that holds the main content the
     *     file belongs to, or -1 when that folder is above the list (or the list is empty)
     */
    record Extra(ExtraKind kind, int ownerFolder) {}

    /**
     * Returns what a file is: main content, a sample, or an extra of some kind.
     *
     * @param folders the folder names from the scan root down to the file's folder; may be empty
     * @param fileName the file's name
     * @param name what identify made of the file
     */
    static Extra classify(List<String> folders, String fileName, MediaName name) {
        Extra extra = classify(folders, fileName, name.extra(), releaseName(name));
        boolean spoken = name.kind().spoken() && extra.kind() != ExtraKind.SAMPLE;
        return spoken ? new Extra(ExtraKind.NONE, extra.ownerFolder()) : extra;
    }

    /**
     * Says whether a name is a release name, whose last dashed word is its group: it carries release words or
     * episode numbering.
     */
    private static boolean releaseName(MediaName name) {
        return name.screenSize() != null || name.source() != null || name.videoCodec() != null
                || name.audioCodec() != null || name.releaseGroup() != null || name.season() != null
                || !name.episodes().isEmpty();
    }

    /**
     * Returns what a file is, from its folders, its name and what the name parser found.
     *
     * @param parsedExtra what the name parser found ({@code MediaName.extra()}), or null
     * @param releaseName whether the name is a release name, where a word after the last dash is the group's
     */
    static Extra classify(List<String> folders, String fileName, String parsedExtra, boolean releaseName) {
        int own = folders.size() - 1;
        for (int i = own; i >= 0; i--) {
            if (folderKind(folders.get(i)) == ExtraKind.SAMPLE) {
                return new Extra(ExtraKind.SAMPLE, owner(folders, i));
            }
        }
        if (hasSampleToken(fileName)) {
            return new Extra(ExtraKind.SAMPLE, own);
        }
        int folder = deepestExtrasFolder(folders);
        if (folder >= 0) {
            return new Extra(folderKind(folders.get(folder)), owner(folders, folder));
        }
        String stem = Sidecars.stem(fileName).toLowerCase(Locale.ROOT);
        // Plex and Jellyfin also take a bare "trailer.mp4" beside the film for its trailer. Only the
        // words no recording of one's own is called: "interview.wav" may well be the main content.
        ExtraKind bare = SUFFIXES.get("-" + SEPARATORS.matcher(stem).replaceAll(""));
        if (bare != null && BARE_NAMES.contains(bare) && own >= 0) {
            return new Extra(bare, own);
        }
        for (Map.Entry<String, ExtraKind> suffix : SUFFIXES.entrySet()) {
            if (stem.endsWith(suffix.getKey()) && stem.length() > suffix.getKey().length()) {
                return new Extra(releaseName ? ExtraKind.NONE : suffix.getValue(), own);
            }
        }
        if (releaseName && groupPosition(stem, parsedExtra)) {
            return new Extra(ExtraKind.NONE, own); // "x264-TRAILER": a group that calls itself so
        }
        return new Extra(parsedKind(parsedExtra), own);
    }

    /** Says whether the parser's extra is the word after the last dash of the name: "...x264-FEATURETTE". */
    private static boolean groupPosition(String stem, String parsedExtra) {
        if (parsedExtra == null) {
            return false;
        }
        int dash = stem.lastIndexOf('-');
        String last = dash < 0 ? "" : SEPARATORS.matcher(stem.substring(dash + 1)).replaceAll("");
        return !last.isEmpty() && parsedKind(parsedExtra) == parsedKind(last) && last.chars().allMatch(Character::isLetter);
    }

    private static int deepestExtrasFolder(List<String> folders) {
        for (int i = folders.size() - 1; i >= 0; i--) {
            if (folderKind(folders.get(i)) != null) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the index of the folder above the run of extras folders that ends at {@code folder}. */
    private static int owner(List<String> folders, int folder) {
        int i = folder - 1;
        while (i >= 0 && folderKind(folders.get(i)) != null) {
            i--;
        }
        return i;
    }

    private static ExtraKind folderKind(String folder) {
        return FOLDERS.get(SEPARATORS.matcher(folder.toLowerCase(Locale.ROOT)).replaceAll(""));
    }

    private static boolean hasSampleToken(String fileName) {
        for (String token : TOKEN_BREAKS.split(fileName)) {
            if (token.equalsIgnoreCase("sample")) {
                return true;
            }
        }
        return false;
    }

    private static ExtraKind parsedKind(String parsedExtra) {
        if (parsedExtra == null) {
            return ExtraKind.NONE;
        }
        return switch (parsedExtra.toLowerCase(Locale.ROOT)) {
            case "sample" -> ExtraKind.SAMPLE;
            case "trailer" -> ExtraKind.TRAILER;
            case "featurette" -> ExtraKind.FEATURETTE;
            case "behindthescenes" -> ExtraKind.BEHIND_THE_SCENES;
            case "deleted" -> ExtraKind.DELETED_SCENE;
            case "interview" -> ExtraKind.INTERVIEW;
            case "extras" -> ExtraKind.OTHER;
            // "ova" and "ncop" are anime episodes, not extras of a film.
            default -> ExtraKind.NONE;
        };
    }
}
