package dev.medley.speech;

import java.nio.file.Path;

/**
 * Receives how far into a file recognition has got, for a progress display. Calls come from the
 * engine's threads, for several files at once; they must be fast and must not throw.
 */
@FunctionalInterface
public interface TranscriptionProgress {
    /** Ignores every report. */
    TranscriptionProgress NONE = (file, seconds, totalSeconds) -> {};

    /**
     * Receives that {@code file} is recognised up to {@code seconds} into its audio, of
     * {@code totalSeconds} (NaN when the container does not say); reports of a file only go forward.
     */
    void heard(Path file, double seconds, double totalSeconds);

    /**
     * Receives that {@code source} is recognised up to {@code seconds} into its audio, as {@link #heard(Path,
     * double, double)} does for files. Reports of a file go there; those of other audio are ignored unless this
     * is overridden.
     */
    default void heard(AudioSource source, double seconds, double totalSeconds) {
        if (source instanceof AudioSource.File file) {
            heard(file.path(), seconds, totalSeconds);
        }
    }

    /**
     * Receives the segments of the next window of {@code source}, with times from the audio's start. Windows
     * come in audio order, each once, as soon as it and every window before it are recognised: enough to stream
     * a transcript while the rest is still being heard. Ignored unless overridden.
     */
    default void segments(AudioSource source, java.util.List<Segment> segments) {}
}
