package dev.medley.speech;

import java.util.List;

/**
 * A piece of a transcript with its time span.
 *
 * @param start seconds from the start of the window (from an engine) or the file (in a transcript)
 * @param end seconds, at least {@code start}
 * @param words the words with their own times, or an empty list when the engine gives none
 */
public record Segment(double start, double end, String text, List<Word> words) {
    /** One word and its time span; {@code probability} is null when the engine gives none. */
    public record Word(double start, double end, String text, Double probability) {
        /** Returns this word moved later by {@code seconds}. */
        public Word shifted(double seconds) {
            return new Word(start + seconds, end + seconds, text, probability);
        }
    }

    /** Returns this segment, and its words, moved later by {@code seconds}. */
    public Segment shifted(double seconds) {
        return new Segment(start + seconds, end + seconds, text, words.stream().map(w -> w.shifted(seconds)).toList());
    }
}
