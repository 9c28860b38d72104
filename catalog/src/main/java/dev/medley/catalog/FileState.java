package dev.medley.catalog;

/**
 * The state of one file as a scan found it.
 *
 * @param path the file's {@link PathKey}
 * @param size its size in bytes
 * @param mtimeNanos its modification time, nanoseconds since the epoch
 * @param fingerprint a quick content fingerprint, or null when not computed
 */
public record FileState(String path, long size, long mtimeNanos, String fingerprint) {}
