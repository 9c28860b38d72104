package dev.medley.catalog;

/**
 * The outcome of probing one file, as the catalog keeps it.
 *
 * @param path the file's {@link PathKey}
 * @param size the size the file had when probed
 * @param mtimeNanos the modification time it had when probed
 * @param ok whether the probe succeeded
 * @param error why it failed, or null
 * @param prober which prober produced it ({@code ffmpeg}, {@code ffprobe})
 * @param resultJson the whole probe as JSON
 */
public record ProbeRecord(
        String path, long size, long mtimeNanos, boolean ok, String error, String prober, String resultJson) {}
