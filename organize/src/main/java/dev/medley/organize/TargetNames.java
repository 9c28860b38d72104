package dev.medley.organize;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import dev.medley.catalog.Plans;
import dev.medley.core.RawPaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names a plan has taken in the library, compared without regard to case, so that no two
 * files of a plan, and no planned file and a file already in the library, end up with names that
 * a case-insensitive file system (macOS, Windows, most USB drives) would take for one.
 *
 * <p>Records a 64-bit hash of each name taken, and the real spelling of each planned folder, so
 * that "Show/season 01" joins the "Show/Season 01" already planned or on disk instead of becoming
 * a second folder that differs only in case. Both live in the plan's planning state in the
 * catalog; memory holds only bounded caches of folder spellings and listings.
 *
 * <p>Relative names are escaped text ({@link RawPaths}): a name on disk that is not UTF-8 is
 * compared, and a path is built, with its own bytes.
 */
final class TargetNames {
    private static final Hasher64 HASHER = Hashing.xxh3_64();
    private static final int LISTINGS_KEPT = 256;
    private static final int FOLDERS_KEPT = 1024;

    /** What stood in the way of a name; {@link #code} is what a plan item that stays records. */
    enum Obstacle {
        /** A file with the same content is in the library under that name. */
        DUPLICATE("duplicate"),
        /** Another file is in the library under that name. */
        EXISTS("exists"),
        /** Another file of this plan takes that name. */
        TAKEN("taken");

        final String code;

        Obstacle(String code) {
            this.code = code;
        }
    }

    /**
     * The outcome of claiming a name.
     *
     * @param target the name granted, or null when the file must stay
     * @param obstacle what stood in the way, or null
     * @param conflict the obstacle for people ("target exists: ..."), or null
     * @param why when the file must stay, why
     */
    record Claim(Path target, Obstacle obstacle, String conflict, String why) {}

    private final Path library;
    private final Plans plans;
    private final long runId;
    private final Map<String, String> folders = leastRecentlyUsed(FOLDERS_KEPT);
    private final Map<Path, Map<String, String>> listings = leastRecentlyUsed(LISTINGS_KEPT);

    TargetNames(Path library, Plans plans, long runId) {
        this.library = library;
        this.plans = plans;
        this.runId = runId;
    }

    private static <K, V> Map<K, V> leastRecentlyUsed(int kept) {
        return new LinkedHashMap<>(kept, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > kept;
            }
        };
    }

    /**
     * Claims {@code relative + extension} for {@code source}, or under {@code policy} a numbered
     * variant of it ("Title (2).mkv") when it is taken.
     */
    Claim claim(String relative, String extension, Path source, OnConflict policy) {
        String folder = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')) : "";
        String base = relative.substring(relative.lastIndexOf('/') + 1);
        Path folderPath = canonicalFolder(folder);
        Path wanted = RawPaths.resolve(folderPath, SafeNames.capBytes(base + extension, 255));
        Path existing = takeIfFree(wanted, source);
        if (existing == null) {
            return new Claim(wanted, null, null, null);
        }
        boolean onDisk = Files.exists(existing, LinkOption.NOFOLLOW_LINKS);
        Obstacle obstacle = !onDisk ? Obstacle.TAKEN : sameContent(existing, source) ? Obstacle.DUPLICATE : Obstacle.EXISTS;
        String conflict = switch (obstacle) {
            case DUPLICATE -> "duplicate of " + RawPaths.display(existing);
            case EXISTS -> "target exists: " + RawPaths.display(existing);
            case TAKEN -> "another file of this plan takes " + RawPaths.display(RawPaths.name(existing));
        };
        if (policy == OnConflict.SKIP || (obstacle == Obstacle.DUPLICATE && policy == OnConflict.RENAME)) {
            return new Claim(null, obstacle, conflict, conflict + "; left where it is");
        }
        for (int n = 2; n < 1000; n++) {
            Path numbered = RawPaths.resolve(folderPath, SafeNames.capBytes(base + " (" + n + ")" + extension, 255));
            if (takeIfFree(numbered, source) == null) {
                return new Claim(numbered, obstacle, conflict, null);
            }
        }
        return new Claim(null, obstacle, conflict, conflict + "; no free numbered name");
    }

    /** Claims exactly {@code relative} (a sidecar's name follows its media), or reports why not. */
    Claim claimExact(Path relative, Path source) {
        Path parent = relative.getParent();
        Path wanted = RawPaths.resolve(canonicalFolder(parent == null ? "" : RawPaths.text(parent)), RawPaths.name(relative));
        Path existing = takeIfFree(wanted, source);
        if (existing == null) {
            return new Claim(wanted, null, null, null);
        }
        boolean onDisk = Files.exists(existing, LinkOption.NOFOLLOW_LINKS);
        String conflict = (onDisk ? "target exists: " : "another file of this plan takes ") + RawPaths.display(existing);
        return new Claim(null, onDisk ? Obstacle.EXISTS : Obstacle.TAKEN, conflict, conflict + "; left where it is");
    }

    /**
     * Takes {@code wanted} when it is free (or is {@code source} itself) and returns null; else
     * returns what holds a name equal to it but for case: the file on disk, or {@code wanted}
     * itself when another file of the plan took it.
     */
    private Path takeIfFree(Path wanted, Path source) {
        if (wanted.equals(source)) {
            return null;
        }
        String onDisk = listing(wanted.getParent()).get(SafeNames.foldKey(RawPaths.name(wanted)));
        if (onDisk != null) {
            return RawPaths.resolve(wanted.getParent(), onDisk);
        }
        long key = HASHER.hashCharsToLong(SafeNames.foldKey(RawPaths.text(library.relativize(wanted))));
        return plans.claimName(runId, key) ? null : wanted;
    }

    /** Returns the folder {@code relative} as spelled by the first of the plan or the disk to use it. */
    private Path canonicalFolder(String relative) {
        Path current = library;
        String soFar = "";
        for (String segment : relative.isEmpty() ? new String[0] : relative.split("/")) {
            soFar = soFar.isEmpty() ? segment : soFar + "/" + segment;
            String key = SafeNames.foldKey(soFar);
            String spelled = folders.get(key);
            if (spelled == null) {
                Path parent = current;
                spelled = plans.folderSpelling(runId, key, () -> {
                    String onDisk = listing(parent).get(SafeNames.foldKey(segment));
                    return onDisk != null ? onDisk : segment;
                });
                folders.put(key, spelled);
            }
            current = RawPaths.resolve(current, spelled);
        }
        return current;
    }

    /** Returns the entries of {@code folder} on disk by case-folded name; empty when it does not exist. */
    private Map<String, String> listing(Path folder) {
        Map<String, String> listing = listings.get(folder);
        if (listing != null) {
            return listing;
        }
        listing = new HashMap<>();
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    String name = RawPaths.name(entry);
                    listing.putIfAbsent(SafeNames.foldKey(name), name);
                }
            } catch (IOException e) {
                // Unreadable: treated as empty; applying will meet the problem and report it per file.
            }
        }
        listings.put(folder, listing);
        return listing;
    }

    private static boolean sameContent(Path existing, Path source) {
        try {
            return Files.size(existing) == Files.size(source) && ContentHash.of(existing).equals(ContentHash.of(source));
        } catch (IOException e) {
            return false;
        }
    }
}
