package dev.medley.speech;

import java.util.List;

/**
 * Turns batches of audio windows into text. The one boundary between Medley and a speech
 * recogniser: {@link EngineKind} lists the implementations, {@link #open} picks one.
 *
 * <p>Engines load their model once, when opened, and share it between concurrent calls:
 * {@link #transcribe} may be called from up to {@link #maxConcurrentBatches()} threads at once.
 * A batch's windows may come from different files.
 */
public interface SpeechEngine extends AutoCloseable {

    /**
     * Returns one result per window of {@code batch}, each naming its window's id: a
     * {@link WindowTranscript}, or a {@link WindowFailure} for a window the engine could not
     * recognise, which fails that window's file alone. A window that holds no speech gets an empty
     * transcript, not a failure.
     *
     * @throws Exception when the whole batch failed (the engine closed, the server is down after its
     *     retries): every window of it fails; a retryable cause is a {@link dev.medley.core.RetryableException}
     */
    List<WindowResult> transcribe(List<AudioWindow> batch) throws Exception;

    /** Returns how many batches may usefully run at once (recognisers, model states, connections). */
    int maxConcurrentBatches();

    /**
     * Returns the most windows a batch should hold. Engines that work through a batch one window at
     * a time say 1: a larger batch would queue windows behind one worker while another sits idle.
     */
    default int maxBatchSize() {
        return Integer.MAX_VALUE;
    }

    /** Returns the engine's name as recorded in outputs: {@code sphinx}, {@code whisper}, {@code remote}. */
    String name();

    /** Returns the model in use, as recorded in outputs. */
    String model();

    /** Frees the model and everything native. */
    @Override
    void close();

    /** Opens the engine that {@code options} name, loading its model. */
    static SpeechEngine open(EngineOptions options) throws Exception {
        return switch (options.kind()) {
            case SPHINX -> SphinxEngine.open(options);
            case WHISPER -> WhisperEngine.open(options);
            case REMOTE -> RemoteEngine.open(options);
        };
    }
}
