package dev.medley.catalog;

/**
 * A file that native code was reading when its process died.
 *
 * @param path the file's key ({@link PathKey})
 * @param quarantined true when the crash was certainly this file's (it is never opened again while
 *     unchanged); false when it is only a suspect (it is read again, alone)
 * @param stage what was reading it: probe, transcribe
 */
public record QuarantineRecord(String path, long size, long mtimeNanos, boolean quarantined, String stage,
        String reason) {

    /** Returns whether the record was made of the file as it is now. */
    public boolean isCurrent(long currentSize, long currentMtimeNanos) {
        return size == currentSize && mtimeNanos == currentMtimeNanos;
    }
}
