package dev.medley.speech;

import java.util.List;

/**
 * The transcript of one file: segments with times from the file's start.
 *
 * @param audioSeconds the audio's length
 * @param processingSeconds wall time spent on the file
 * @param windows how many windows of speech the engine was given
 */
public record Transcript(
        String path,
        String engine,
        String model,
        String language,
        double audioSeconds,
        double processingSeconds,
        int windows,
        List<Segment> segments) {

    /** Returns the whole text, segments joined by spaces. */
    public String text() {
        return String.join(" ", segments.stream().map(Segment::text).map(String::strip).filter(t -> !t.isEmpty()).toList());
    }
}
