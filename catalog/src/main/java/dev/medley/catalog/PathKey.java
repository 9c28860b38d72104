package dev.medley.catalog;

import dev.medley.core.RawPaths;
import java.net.URI;
import java.nio.file.Path;

/**
 * Converts between file paths and the text keys the catalog stores them under.
 *
 * <p>Linux file names are bytes, not text. A name that is valid UTF-8 is stored as its absolute
 * path; any other name is stored as a {@code file:} URI, which percent-encodes the raw bytes and so
 * leads back to the very same file. Keys of the first kind start with {@code /}, of the second
 * with {@code file:}, so the two never collide.
 */
public final class PathKey {
    private static final char UNDECODABLE = '\uFFFD';

    private PathKey() {}

    /** Returns the key of {@code path}, made absolute and normalised first. */
    public static String of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        String text = absolute.toString();
        if (text.indexOf(UNDECODABLE) < 0) {
            return text;
        }
        return absolute.toUri().toString();
    }

    /** Returns the path that {@code key} stands for. */
    public static Path toPath(String key) {
        return key.startsWith("file:") ? Path.of(URI.create(key)) : Path.of(key);
    }

    /** Returns the path of {@code key} for people: bytes that are not UTF-8 shown as {@code \xNN}. */
    public static String display(String key) {
        return key.startsWith("file:") ? RawPaths.display(toPath(key)) : RawPaths.display(key);
    }

    /**
     * Returns the half-open key ranges {@code [from, to)} that hold every key below the directory
     * {@code root}: one for plain paths and one for URI keys. Catalogs use them to select the files
     * below a folder by comparing keys, which an index on the keys answers.
     */
    public static String[][] rangesBelow(Path root) {
        String plain = root.toAbsolutePath().normalize().toString();
        String plainPrefix = plain.endsWith("/") ? plain : plain + "/";
        String uri = root.toAbsolutePath().normalize().toUri().toString();
        String uriPrefix = uri.endsWith("/") ? uri : uri + "/";
        return new String[][] {range(plainPrefix), range(uriPrefix)};
    }

    // Every string starting with prefix sorts in [prefix, prefix with its last char bumped).
    private static String[] range(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return new String[] {prefix, prefix.substring(0, prefix.length() - 1) + (char) (last + 1)};
    }
}
