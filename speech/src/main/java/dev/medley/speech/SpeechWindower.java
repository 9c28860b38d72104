package dev.medley.speech;

import java.util.function.Consumer;

/**
 * Cuts a stream of 16 kHz mono samples into windows of speech, at most 30 seconds each, cut at
 * silences, keeping long silences away from the engine (energy-based voice activity detection).
 *
 * <p>Audio is judged in 30 ms frames. A frame is speech when its energy stands 12 dB above the
 * running noise floor (which falls at once and rises slowly) and above an absolute floor. Speech
 * starts after 90 ms of speech frames and ends after a gap of {@link #MAX_GAP_SECONDS}; each window
 * keeps 200 ms of audio on either side. A stretch of speech longer than 30 s is cut at its quietest
 * frame in the last five seconds. Memory: one window's buffer, whatever the stream's length.
 *
 * <p>Not thread-safe: one windower per file.
 */
final class SpeechWindower {
    static final int FRAME = 480; // 30 ms at 16 kHz
    static final double MAX_GAP_SECONDS = 1.0;
    private static final int PAD = 3_200; // 200 ms
    private static final int START_FRAMES = 3;
    private static final int MAX_SAMPLES = (int) (AudioWindow.MAX_SECONDS * AudioWindow.SAMPLE_RATE);
    private static final int MAX_GAP = (int) (MAX_GAP_SECONDS * AudioWindow.SAMPLE_RATE);
    private static final int CUT_SEARCH = 5 * AudioWindow.SAMPLE_RATE;
    private static final double ABSOLUTE_FLOOR_DB = -55;
    private static final double ABOVE_NOISE_DB = 12;
    private static final double NOISE_RISE_DB_PER_FRAME = 0.05; // 1.7 dB a second

    private final String idPrefix;
    private final boolean detectSilence;
    private final Consumer<AudioWindow> sink;
    private final float[] frame = new float[FRAME];
    private int frameFill;
    private final float[] lookback = new float[PAD + START_FRAMES * FRAME]; // ring of recent audio
    private long lookbackWritten;
    private final float[] window = new float[MAX_SAMPLES];
    private final double[] windowFrameDb = new double[MAX_SAMPLES / FRAME + 1];
    private int windowLength; // samples in window; 0 when idle
    private long windowStart; // stream position of window[0]
    private long lastSpeechEnd; // stream position after the last speech frame
    private long position; // stream position of the next frame
    private int speechRun;
    private double noiseDb = -70; // assume a quiet room until frames say otherwise
    private int emitted;

    SpeechWindower(String idPrefix, Consumer<AudioWindow> sink) {
        this(idPrefix, true, sink);
    }

    /**
     * Creates a windower; without {@code detectSilence} every frame counts as speech, so the whole
     * stream goes to the engine in windows of 30 seconds, still cut at quiet moments.
     */
    SpeechWindower(String idPrefix, boolean detectSilence, Consumer<AudioWindow> sink) {
        this.idPrefix = idPrefix;
        this.detectSilence = detectSilence;
        this.sink = sink;
    }

    /** Feeds the next {@code count} samples. */
    void accept(float[] samples, int offset, int count) {
        for (int i = 0; i < count; i++) {
            frame[frameFill++] = samples[offset + i];
            if (frameFill == FRAME) {
                processFrame();
                frameFill = 0;
            }
        }
    }

    /** Ends the stream: sends the last window, if any. */
    void finish() {
        if (windowLength > 0) {
            emit(Math.min(windowLength, (int) (lastSpeechEnd - windowStart) + PAD));
        }
    }

    /** Returns how many windows were sent. */
    int windows() {
        return emitted;
    }

    private void processFrame() {
        double db = energyDb(frame);
        noiseDb = Math.min(noiseDb + NOISE_RISE_DB_PER_FRAME, db);
        boolean speech = !detectSilence || db > ABSOLUTE_FLOOR_DB && db > noiseDb + ABOVE_NOISE_DB;
        speechRun = speech ? speechRun + 1 : 0;
        if (windowLength == 0) {
            remember(frame);
            if (speechRun >= START_FRAMES) {
                openWindow();
                lastSpeechEnd = position + FRAME;
            }
        } else {
            if (windowLength + FRAME > MAX_SAMPLES) {
                cutLongWindow();
            }
            append(frame, db);
            if (speech) {
                lastSpeechEnd = position + FRAME;
            } else if (position + FRAME - lastSpeechEnd >= MAX_GAP) {
                emit(Math.min(windowLength, (int) (lastSpeechEnd - windowStart) + PAD));
            }
        }
        position += FRAME;
    }

    // A window starts with the look-back: the speech frames that triggered it and the pad before them.
    private void openWindow() {
        int available = (int) Math.min(lookbackWritten, lookback.length);
        long from = lookbackWritten - available;
        windowStart = position + FRAME - available;
        for (int i = 0; i < available; i++) {
            window[i] = lookback[(int) ((from + i) % lookback.length)];
        }
        windowLength = available;
        for (int f = 0; f * FRAME < available; f++) {
            windowFrameDb[f] = 0; // Speech or pad: never a place to cut.
        }
    }

    private void remember(float[] samples) {
        for (float sample : samples) {
            lookback[(int) (lookbackWritten++ % lookback.length)] = sample;
        }
    }

    private void append(float[] samples, double db) {
        windowFrameDb[windowLength / FRAME] = db;
        System.arraycopy(samples, 0, window, windowLength, FRAME);
        windowLength += FRAME;
    }

    // Cut at the quietest frame of the last five seconds, and carry the rest into the next window.
    private void cutLongWindow() {
        int firstFrame = Math.max(1, (windowLength - CUT_SEARCH) / FRAME);
        int lastFrame = windowLength / FRAME - 1;
        int quietest = lastFrame;
        for (int f = firstFrame; f <= lastFrame; f++) {
            if (windowFrameDb[f] < windowFrameDb[quietest]) {
                quietest = f;
            }
        }
        int cut = quietest * FRAME + FRAME / 2;
        float[] rest = java.util.Arrays.copyOfRange(window, cut, windowLength);
        double[] restDb = java.util.Arrays.copyOfRange(windowFrameDb, quietest, lastFrame + 1);
        long restStart = windowStart + cut;
        emit(cut);
        System.arraycopy(rest, 0, window, 0, rest.length);
        System.arraycopy(restDb, 0, windowFrameDb, 0, restDb.length);
        windowLength = rest.length;
        windowStart = restStart;
    }

    private void emit(int length) {
        if (length > 0) {
            float[] samples = java.util.Arrays.copyOf(window, length);
            sink.accept(new AudioWindow(idPrefix + "#" + emitted, samples, windowStart / (double) AudioWindow.SAMPLE_RATE));
            emitted++;
        }
        windowLength = 0;
        speechRun = 0;
        lookbackWritten = 0;
    }

    static double energyDb(float[] samples) {
        double sum = 0;
        for (float sample : samples) {
            sum += sample * sample;
        }
        return 10 * Math.log10(sum / samples.length + 1e-12);
    }
}
