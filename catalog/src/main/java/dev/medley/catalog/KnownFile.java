package dev.medley.catalog;

/**
 * A file the catalog knows, with its latest probe and identity if it has them.
 *
 * @param probe the latest probe, or null when the file was never probed
 * @param identity the latest identity, or null when the file was never identified
 */
public record KnownFile(
        long id, String path, long size, long mtimeNanos, String fingerprint, boolean missing, ProbeRecord probe,
        IdentityRecord identity) {

    /** Returns whether the file still has the size and modification time it was recorded with. */
    public boolean unchanged(long currentSize, long currentMtimeNanos) {
        return size == currentSize && mtimeNanos == currentMtimeNanos;
    }

    /** Returns whether the latest probe was taken of the file as it is now. */
    public boolean probeIsCurrent(long currentSize, long currentMtimeNanos) {
        return probe != null && probe.size() == currentSize && probe.mtimeNanos() == currentMtimeNanos;
    }

    /** Returns whether the latest identity was made of the file as it is now, by parser {@code parserVersion}. */
    public boolean identityIsCurrent(long currentSize, long currentMtimeNanos, String parserVersion) {
        return identity != null && identity.isCurrent(currentSize, currentMtimeNanos, parserVersion);
    }
}
