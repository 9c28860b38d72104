package dev.medley.speech;

/**
 * A stretch of speech cut from a file: 16 kHz mono samples in [-1, 1], at most 30 seconds, and
 * where in the file it starts.
 *
 * @param id unique within a run; engines answer by it
 * @param samples the audio, 16,000 samples a second
 * @param startSeconds where the window starts in its file
 */
public record AudioWindow(String id, float[] samples, double startSeconds) {
    /** Samples per second of every window. */
    public static final int SAMPLE_RATE = 16_000;

    /** The longest window an engine is given. */
    public static final double MAX_SECONDS = 30.0;

    /** Returns the window's length in seconds. */
    public double durationSeconds() {
        return samples.length / (double) SAMPLE_RATE;
    }
}
