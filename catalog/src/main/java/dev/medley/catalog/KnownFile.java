package dev.medley.catalog;

/**
 * A file the catalog knows, with its latest probe if it has one.
 *
 * @param probe the latest probe, or null when the file was never probed
 */
public record KnownFile(
        long id, String path, long size, long mtimeNanos, String fingerprint, boolean missing, ProbeRecord probe) {

    /** Returns whether the file still has the size and modification time it was recorded with. */
    public boolean unchanged(long currentSize, long currentMtimeNanos) {
        return size == currentSize && mtimeNanos == currentMtimeNanos;
    }

    /** Returns whether the latest probe was taken of the file as it is now. */
    public boolean probeIsCurrent(long currentSize, long currentMtimeNanos) {
        return probe != null && probe.size() == currentSize && probe.mtimeNanos() == currentMtimeNanos;
    }
}
