package dev.medley.speech;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperState;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/*
 * One model, many states. whisper.cpp splits a model into a context (the weights, read-only once loaded) and
 * states (mel buffers, KV caches, compute buffers: everything one transcription writes). The engine loads one
 * context and makes one state per worker up front; a batch borrows a state from the queue for all its windows and
 * hands it back. The weights are in memory once however many workers run, and two threads never share a state.
 *
 * States go back to the front of the queue. A state's compute buffers (about 100 MB for tiny.en) become resident
 * the first time it runs, so a lightly loaded engine reusing its last state keeps one warm instead of warming all.
 *
 * Before the native loader sees the file, WhisperModelCheck walks it: whisper.cpp trusts every length it reads,
 * and a damaged file can abort the whole JVM instead of failing the load.
 */

/** Transcribes with whisper.cpp through whisper-jni, on the CPU. */
final class WhisperEngine implements SpeechEngine {
    /** The model used when the options name none. */
    static final String DEFAULT_MODEL = "base.en";

    // Below about -80 dBFS a window is silence; whisper.cpp would still invent text for it.
    private static final float SILENT_PEAK = 1e-4f;

    private final String model;
    private final WhisperContext context;
    private final List<WhisperState> states;
    private final BlockingDeque<WhisperState> idle;
    private final WhisperParams params;
    private volatile boolean closed;

    private WhisperEngine(String model, WhisperContext context, List<WhisperState> states, WhisperParams params) {
        this.model = model;
        this.context = context;
        this.states = List.copyOf(states);
        this.idle = new LinkedBlockingDeque<>(states);
        this.params = params;
    }

    /**
     * Opens the model that {@code options} name, with one state per worker.
     *
     * @throws IllegalArgumentException when an option cannot be honoured (a GPU, an unknown language, a beam too wide)
     * @throws NoSuchFileException when the model is not there
     * @throws IOException when the model file is damaged or whisper.cpp cannot load it
     */
    static SpeechEngine open(EngineOptions options) throws IOException {
        checkDevice(options.device());
        String requested = options.model() == null || options.model().isBlank() ? DEFAULT_MODEL : options.model();
        Path modelsDir = options.modelsDir() == null ? ModelStore.defaultDirectory() : options.modelsDir();
        Path file = locate(requested, modelsDir);
        String label = label(requested, file);
        WhisperHparams hparams = WhisperModelCheck.check(file);
        int workers = Math.max(1, options.workers());
        // The states run side by side; splitting the cores between them keeps them from fighting over each one.
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
        WhisperParams params = WhisperParams.of(options, label, hparams.multilingual(), threads);

        WhisperContext context = WhisperNative.loadContext(file);
        if (context == null) {
            throw new IOException("whisper.cpp could not load " + file + " although its layout checked out;"
                    + " is there enough memory?");
        }
        List<WhisperState> states = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                WhisperState state = WhisperNative.newState(context);
                if (state == null) {
                    throw new IOException("whisper.cpp could not make state " + (i + 1) + " of " + workers + " for "
                            + file + "; try fewer workers");
                }
                states.add(state);
            }
        } catch (IOException | RuntimeException e) {
            states.forEach(WhisperNative::free);
            WhisperNative.free(context);
            throw e;
        }
        return new WhisperEngine(label, context, states, params);
    }

    /** Rejects devices the bundled whisper.cpp cannot use; it is built for the CPU only. */
    static void checkDevice(String device) {
        String wanted = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "auto", "cpu" -> {}
            case "cuda", "gpu" -> throw new IllegalArgumentException("the whisper engine runs on the CPU only:"
                    + " whisper-jni 1.7.1 bundles a whisper.cpp built without CUDA; use --device cpu (or auto)");
            default -> throw new IllegalArgumentException("unknown device '" + device + "': use auto, cpu or cuda");
        }
    }

    /**
     * Returns the file {@code model} names: a path to a file, or a name such as {@code base.en} looked up as
     * {@code ggml-<name>.bin} in {@code modelsDir}.
     */
    static Path locate(String model, Path modelsDir) throws NoSuchFileException {
        if (isPath(model)) {
            Path file = Path.of(model);
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(null, null, "no whisper model file at " + file);
            }
            return file;
        }
        Path file = ModelStore.fileFor(modelsDir, model);
        if (!Files.isRegularFile(file)) {
            // The message reaches the user as it is: it names the command that fetches the model.
            throw new NoSuchFileException(null, null, "whisper model '" + model + "' is not in "
                    + modelsDir + ": get it with `medley models pull " + model + "`, or give --model the path of a ggml"
                    + " model file");
        }
        return file;
    }

    private static boolean isPath(String model) {
        return model.contains("/") || model.contains(File.separator) || model.endsWith(".bin");
    }

    /** Returns the name for outputs: the name asked for, or the file's name less {@code ggml-} and {@code .bin}. */
    private static String label(String requested, Path file) {
        if (!isPath(requested)) {
            return requested;
        }
        String fileName = file.getFileName().toString();
        return fileName.startsWith("ggml-") && fileName.endsWith(".bin")
                ? fileName.substring(5, fileName.length() - 4)
                : fileName;
    }

    /**
     * {@inheritDoc} A window whisper.cpp fails on (a non-zero status) fails alone: each run starts the state
     * afresh, so the next window is not affected.
     *
     * @throws IllegalStateException when the engine is closed
     */
    @Override
    public List<WindowResult> transcribe(List<AudioWindow> batch) throws InterruptedException {
        WhisperState state = borrow();
        try {
            List<WindowResult> results = new ArrayList<>(batch.size());
            for (AudioWindow window : batch) {
                results.add(transcribe(state, window));
            }
            return results;
        } finally {
            idle.addFirst(state);
        }
    }

    private WindowResult transcribe(WhisperState state, AudioWindow window) {
        try {
            return heard(state, window);
        } catch (IOException e) {
            return new WindowFailure(window.id(), e);
        } catch (RuntimeException e) {
            return new WindowFailure(window.id(), new IOException("whisper.cpp failed on window " + window.id() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e));
        }
    }

    private WindowTranscript heard(WhisperState state, AudioWindow window) throws IOException {
        float[] samples = window.samples();
        if (silent(samples)) {
            return new WindowTranscript(window.id(), List.of(), params.reportedLanguage());
        }
        int status = WhisperNative.full(context, state, params.full(), samples);
        if (status != 0) {
            throw new IOException("whisper.cpp failed on window " + window.id() + " (status " + status + ")");
        }
        double duration = window.durationSeconds();
        int count = WhisperNative.segments(state);
        List<Segment> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            WhisperNative.RawSegment raw = WhisperNative.segment(state, i);
            String text = raw.text() == null ? "" : raw.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            // Times come in centiseconds; whisper.cpp pads audio to 30 s, so its last time can pass the end.
            double start = clamp(raw.t0() / 100.0, 0, duration);
            double end = clamp(raw.t1() / 100.0, start, duration);
            segments.add(new Segment(start, end, text, List.of()));
        }
        return new WindowTranscript(window.id(), List.copyOf(segments), params.reportedLanguage());
    }

    private static boolean silent(float[] samples) {
        for (float sample : samples) {
            if (Math.abs(sample) >= SILENT_PEAK) {
                return false;
            }
        }
        return true;
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }

    private WhisperState borrow() throws InterruptedException {
        while (true) {
            if (closed) {
                throw new IllegalStateException("the whisper engine is closed");
            }
            // Polling, not take(): close() may be collecting every state, and then none would ever come.
            WhisperState state = idle.pollFirst(100, TimeUnit.MILLISECONDS);
            if (state != null) {
                if (closed) {
                    idle.addFirst(state);
                    throw new IllegalStateException("the whisper engine is closed");
                }
                return state;
            }
        }
    }

    @Override
    public int maxBatchSize() {
        return 1; // One window at a time per worker: batching would only queue windows behind one.
    }

    @Override
    public int maxConcurrentBatches() {
        return states.size();
    }

    @Override
    public String name() {
        return "whisper";
    }

    @Override
    public String model() {
        return model;
    }

    /**
     * Waits for running batches to hand their states back, then frees the states and the model. If interrupted
     * while waiting, frees nothing: a state still in use must not be freed under it.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (int returned = 0; returned < states.size(); returned++) {
            try {
                idle.takeFirst();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        states.forEach(WhisperNative::free);
        WhisperNative.free(context);
    }
}
