package dev.medley.media;

/**
 * What a scan includes beyond plain media files.
 *
 * @param includeHidden also enter hidden folders and take hidden files (names starting with a dot)
 * @param includePartial also take partial downloads ({@code .part}, {@code .crdownload}, ...)
 * @param followSymlinks follow symbolic links, even out of the given trees
 */
public record ScanOptions(boolean includeHidden, boolean includePartial, boolean followSymlinks) {
    /** Plain media files only; links not followed. */
    public static final ScanOptions DEFAULT = new ScanOptions(false, false, false);
}
