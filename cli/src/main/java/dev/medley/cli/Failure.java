package dev.medley.cli;

/**
 * A file that failed, in reports and their JSON: {@code {"path": ..., "stage": ..., "error": ...}}.
 *
 * @param path the file, for display ({@link dev.medley.core.RawPaths#display})
 * @param stage the step it failed in: scan, probe, identify, transcribe
 * @param error what went wrong, in one line
 */
record Failure(String path, String stage, String error) {
    /** Returns the failure for people: {@code path (stage): error}. */
    String toText() {
        return path + " (" + stage + "): " + error;
    }
}
