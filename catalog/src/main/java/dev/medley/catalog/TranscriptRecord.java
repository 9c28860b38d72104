package dev.medley.catalog;

import java.util.List;

/**
 * The outcome of transcribing one file, as the catalog keeps it.
 *
 * @param path the file's {@link PathKey}
 * @param size the size the file had when transcribed
 * @param mtimeNanos the modification time it had when transcribed
 * @param outputs the files written (txt, json, srt, vtt), absolute paths
 */
public record TranscriptRecord(
        String path,
        long size,
        long mtimeNanos,
        boolean ok,
        String error,
        String engine,
        String model,
        List<String> outputs,
        double audioSeconds,
        double processingSeconds) {

    /** Returns whether this transcript was made of the file as it is now. */
    public boolean isCurrent(long currentSize, long currentMtimeNanos) {
        return size == currentSize && mtimeNanos == currentMtimeNanos;
    }
}
