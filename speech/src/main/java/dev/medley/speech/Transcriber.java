package dev.medley.speech;

import dev.medley.core.BatchAnswer;
import dev.medley.core.BatchRequest;
import dev.medley.core.MicroBatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * One engine, loaded once, behind one micro-batcher: transcribes audio (files, uploaded bytes,
 * streams, decoded samples) from any number of threads, grouping the windows of all of them into the
 * engine's batches.
 */
public final class Transcriber implements AutoCloseable {

    /** How windows are grouped into engine batches. */
    public record Batching(int maxBatchSize, int minBatchSize, Duration maxWait) {
        public static final Batching DEFAULT = new Batching(4, 1, Duration.ofMillis(50));
    }

    private final SpeechEngine engine;
    private final MicroBatcher<AudioWindow, WindowTranscript> batcher;
    private final int windowsAhead;

    private Transcriber(SpeechEngine engine, Batching batching) {
        this.engine = engine;
        int maxBatch = Math.min(batching.maxBatchSize(), engine.maxBatchSize());
        this.batcher = MicroBatcher.<AudioWindow, WindowTranscript>builder()
                .maxBatchSize(maxBatch)
                .minBatchSize(Math.min(batching.minBatchSize(), maxBatch))
                .maxWait(batching.maxWait())
                .maxBatchesInFlight(engine.maxConcurrentBatches())
                .build(requests -> answer(engine, requests));
        // Enough windows queued to keep every engine slot busy, few enough to keep memory flat.
        this.windowsAhead = Math.max(2, 2 * maxBatch * engine.maxConcurrentBatches());
    }

    /** Opens the engine {@code options} name (loading its model) behind a micro-batcher. */
    public static Transcriber open(EngineOptions options, Batching batching) throws Exception {
        return new Transcriber(SpeechEngine.open(options), batching);
    }

    /** Returns a transcriber over an engine that is already open; closing the transcriber closes it. */
    static Transcriber over(SpeechEngine engine, Batching batching) {
        return new Transcriber(engine, batching);
    }

    /**
     * Returns the transcript of {@code file}.
     *
     * @param vad skip silence (true), or send all audio in 30-second windows
     * @throws IOException when the file cannot be decoded; {@code NoAudioStream} when it has no audio
     * @throws ExecutionException when the engine failed on one of its windows
     */
    public Transcript transcribe(Path file, boolean vad) throws IOException, ExecutionException, InterruptedException {
        return transcribe(AudioSource.of(file), vad, TranscriptionProgress.NONE);
    }

    /** Returns the transcript of {@code file}, telling {@code progress} how far recognition has got. */
    public Transcript transcribe(Path file, boolean vad, TranscriptionProgress progress)
            throws IOException, ExecutionException, InterruptedException {
        return transcribe(AudioSource.of(file), vad, progress);
    }

    /**
     * Returns the transcript of {@code source}: a file, encoded media in memory or a stream, or decoded samples.
     *
     * @param vad skip silence (true), or send all audio in 30-second windows
     * @throws IOException when the audio cannot be decoded (the message names audio that is not a file);
     *     {@code NoAudioStream} when it has no audio
     * @throws ExecutionException when the engine failed on one of its windows
     */
    public Transcript transcribe(AudioSource source, boolean vad)
            throws IOException, ExecutionException, InterruptedException {
        return transcribe(source, vad, TranscriptionProgress.NONE);
    }

    /** Returns the transcript of {@code source}, telling {@code progress} how far recognition has got. */
    public Transcript transcribe(AudioSource source, boolean vad, TranscriptionProgress progress)
            throws IOException, ExecutionException, InterruptedException {
        return SourceTranscriber.transcribe(source, engine.name(), engine.model(), batcher::submit, windowsAhead, vad,
                progress);
    }

    /** Returns the engine's name. */
    public String engineName() {
        return engine.name();
    }

    /** Returns the engine's model. */
    public String model() {
        return engine.model();
    }

    // One answer per request, found by window id: a transcript, or the failure of that window alone. A window
    // the engine answered twice or not at all fails alone too, named; answers for windows never asked about
    // are dropped. An exception from the engine fails the whole batch (the batcher answers every request).
    private static List<BatchAnswer<WindowTranscript>> answer(SpeechEngine engine,
            List<BatchRequest<AudioWindow>> requests) throws Exception {
        List<AudioWindow> windows = new ArrayList<>(requests.size());
        for (BatchRequest<AudioWindow> request : requests) {
            windows.add(request.item());
        }
        Map<String, List<WindowResult>> results = new HashMap<>();
        for (WindowResult result : engine.transcribe(windows)) {
            if (result != null) {
                results.computeIfAbsent(result.windowId(), id -> new ArrayList<>(1)).add(result);
            }
        }
        List<BatchAnswer<WindowTranscript>> answers = new ArrayList<>(requests.size());
        for (BatchRequest<AudioWindow> request : requests) {
            String window = request.item().id();
            List<WindowResult> given = results.getOrDefault(window, List.of());
            answers.add(switch (given.size()) {
                case 0 -> BatchAnswer.failed(request.id(), new IllegalStateException(
                        "the " + engine.name() + " engine gave no answer for window " + window));
                case 1 -> switch (given.getFirst()) {
                    case WindowTranscript transcript -> BatchAnswer.ok(request.id(), transcript);
                    case WindowFailure failure -> BatchAnswer.failed(request.id(), failure.error());
                };
                default -> BatchAnswer.failed(request.id(), new IllegalStateException(
                        "the " + engine.name() + " engine answered window " + window + " " + given.size() + " times"));
            });
        }
        return answers;
    }

    /** Finishes queued windows, then frees the engine. */
    @Override
    public void close() {
        try {
            batcher.close();
        } finally {
            engine.close();
        }
    }
}
