package dev.medley.speech;

import dev.medley.core.BatchAnswer;
import dev.medley.core.BatchRequest;
import dev.medley.core.DynamicBatcher;
import dev.medley.core.MicroBatcher;
import dev.medley.core.Priority;
import java.util.concurrent.CompletableFuture;
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

    /** Where windows wait for the engine: a micro-batcher (one priority), or a server's dynamic batcher. */
    private interface WindowQueue extends AutoCloseable {
        CompletableFuture<WindowTranscript> submit(AudioWindow window, Priority priority);

        default int queued(Priority priority) {
            return 0;
        }

        default int batchLimit() {
            return 0;
        }

        @Override
        void close();
    }

    private final SpeechEngine engine;
    private final WindowQueue windows;
    private final int windowsAhead;

    private Transcriber(SpeechEngine engine, Batching batching) {
        this.engine = engine;
        int maxBatch = Math.min(batching.maxBatchSize(), engine.maxBatchSize());
        MicroBatcher<AudioWindow, WindowTranscript> batcher = MicroBatcher.<AudioWindow, WindowTranscript>builder()
                .maxBatchSize(maxBatch)
                .minBatchSize(Math.min(batching.minBatchSize(), maxBatch))
                .maxWait(batching.maxWait())
                .maxBatchesInFlight(engine.maxConcurrentBatches())
                .build(requests -> answer(engine, requests));
        this.windows = new WindowQueue() {
            @Override
            public CompletableFuture<WindowTranscript> submit(AudioWindow window, Priority priority) {
                return batcher.submit(window);
            }

            @Override
            public void close() {
                batcher.close();
            }
        };
        // Enough windows queued to keep every engine slot busy, few enough to keep memory flat.
        this.windowsAhead = Math.max(2, 2 * maxBatch * engine.maxConcurrentBatches());
    }

    private Transcriber(SpeechEngine engine, DynamicBatcher<AudioWindow, WindowTranscript> batcher, int windowsAhead) {
        this.engine = engine;
        this.windows = new WindowQueue() {
            @Override
            public CompletableFuture<WindowTranscript> submit(AudioWindow window, Priority priority) {
                return batcher.submit(window, priority);
            }

            @Override
            public int queued(Priority priority) {
                return batcher.queued(priority);
            }

            @Override
            public int batchLimit() {
                return batcher.batchLimit();
            }

            @Override
            public void close() {
                batcher.close();
            }
        };
        this.windowsAhead = windowsAhead;
    }

    /**
     * Returns a transcriber for a server: the windows of every request meet in {@code batching}'s
     * batcher, by priority, windows of alike length together. Each source keeps at most
     * {@code windowsAhead} windows queued, so a long file cannot fill the queue ahead of short requests.
     * Closing the transcriber closes the engine.
     */
    public static Transcriber serving(SpeechEngine engine, DynamicBatcher.Builder<AudioWindow, WindowTranscript> batching,
            int windowsAhead) {
        DynamicBatcher<AudioWindow, WindowTranscript> batcher = batching
                .length(AudioWindow::durationSeconds)
                .build(requests -> answer(engine, requests));
        return new Transcriber(engine, batcher, Math.max(1, windowsAhead));
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
        return transcribe(source, vad, progress, Priority.BULK);
    }

    /**
     * Returns the transcript of {@code source}, its windows queued at {@code priority} (a server's
     * batcher serves interactive windows first; the command line's has one priority).
     */
    public Transcript transcribe(AudioSource source, boolean vad, TranscriptionProgress progress, Priority priority)
            throws IOException, ExecutionException, InterruptedException {
        return SourceTranscriber.transcribe(source, engine.name(), engine.model(), w -> windows.submit(w, priority),
                windowsAhead, vad, progress);
    }

    /** Returns how many windows wait for the engine at {@code priority} (a server's batcher; else 0). */
    public int queuedWindows(Priority priority) {
        return windows.queued(priority);
    }

    /** Returns the most windows the next batch may take (a server's batcher; else 0). */
    public int batchLimit() {
        return windows.batchLimit();
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
            windows.close();
        } finally {
            engine.close();
        }
    }
}
