package dev.medley.media;

import dev.medley.catalog.FileState;
import java.nio.file.Path;

/**
 * A media file found by a scan.
 *
 * @param path the file, absolute
 * @param key its catalog key ({@link dev.medley.catalog.PathKey})
 * @param size its size in bytes
 * @param mtimeNanos its modification time in nanoseconds since the epoch
 */
public record ScannedFile(Path path, String key, long size, long mtimeNanos) {

    /** Returns this file's state for the catalog, with {@code fingerprint} (null when not computed). */
    public FileState state(String fingerprint) {
        return new FileState(key, size, mtimeNanos, fingerprint);
    }

    /** Returns the path as text for people: bytes that are not UTF-8 show as {@code \xNN}. */
    public String display() {
        return dev.medley.core.RawPaths.display(path);
    }
}
