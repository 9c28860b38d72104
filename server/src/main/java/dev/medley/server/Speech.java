package dev.medley.server;

import dev.medley.core.BatchSizer;
import dev.medley.core.DynamicBatcher;
import dev.medley.core.Priority;
import dev.medley.speech.AudioSource;
import dev.medley.speech.AudioWindow;
import dev.medley.speech.SpeechEngine;
import dev.medley.speech.Transcriber;
import dev.medley.speech.Transcript;
import dev.medley.speech.TranscriptionProgress;
import dev.medley.speech.WindowTranscript;

/** The speech model a server serves: one instance, shared by every request. */
public interface Speech extends AutoCloseable {
    /** Returns the model's name, as {@code GET /v1/models} lists it. */
    String model();

    /**
     * Transcribes {@code audio}, its windows queued at {@code priority}, telling {@code progress} what has
     * been heard so far; called from many request threads at once.
     */
    Transcript transcribe(AudioSource audio, Priority priority, TranscriptionProgress progress) throws Exception;

    /** Transcribes {@code audio} for someone waiting on it. */
    default Transcript transcribe(AudioSource audio) throws Exception {
        return transcribe(audio, Priority.INTERACTIVE, TranscriptionProgress.NONE);
    }

    @Override
    default void close() {}

    /** Returns the transcriber behind this speech, for library jobs to share; null when there is none. */
    default Transcriber transcriber() {
        return null;
    }

    /** Returns the speech of a {@link Transcriber} the caller owns. */
    static Speech of(Transcriber transcriber) {
        return new Speech() {
            @Override
            public String model() {
                return transcriber.engineName() + ":" + transcriber.model();
            }

            @Override
            public Transcript transcribe(AudioSource audio, Priority priority, TranscriptionProgress progress)
                    throws Exception {
                return transcriber.transcribe(audio, true, progress, priority);
            }

            @Override
            public Transcriber transcriber() {
                return transcriber;
            }
        };
    }

    /**
     * Returns the speech of {@code engine} behind one dynamic batcher, configured by {@code batching} and
     * measured into {@code metrics}: the windows of all requests meet there. Closing it closes the engine.
     */
    static Speech serving(SpeechEngine engine, ServeBatching batching, ServeMetrics metrics) {
        int largest = Math.min(batching.auto() ? batching.autoCeiling() : batching.maxBatchSize(), engine.maxBatchSize());
        DynamicBatcher.Builder<AudioWindow, WindowTranscript> builder = DynamicBatcher.<AudioWindow, WindowTranscript>builder()
                .sizer(batching.auto() ? BatchSizer.auto(batching.latencyTarget(), largest) : BatchSizer.fixed(largest))
                .minBatchSize(Math.min(batching.minBatchSize(), largest))
                .maxWait(batching.maxWait())
                .maxQueueTime(batching.maxQueueTime())
                .maxBatchesInFlight(Math.min(batching.maxBatchesInFlight(), engine.maxConcurrentBatches()))
                .queueCapacity(batching.queueCapacity())
                .listener(metrics);
        // Each request keeps a few batches' worth of windows queued: enough to fill batches, and a long file
        // cannot fill the queue ahead of short requests.
        Transcriber transcriber = Transcriber.serving(engine, builder, Math.max(2, 2 * Math.min(largest, 16)));
        metrics.queueDepth(transcriber, Transcriber::queuedWindows);
        metrics.gauge("medley_batch_limit", "most windows the next batch may take", transcriber,
                Transcriber::batchLimit);
        Speech speech = of(transcriber);
        return new Speech() {
            @Override
            public String model() {
                return speech.model();
            }

            @Override
            public Transcript transcribe(AudioSource audio, Priority priority, TranscriptionProgress progress)
                    throws Exception {
                return speech.transcribe(audio, priority, progress);
            }

            @Override
            public Transcriber transcriber() {
                return transcriber;
            }

            @Override
            public void close() {
                transcriber.close();
            }
        };
    }
}
