package dev.medley.speech;

import edu.cmu.sphinx.api.AbstractSpeechRecognizer;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.result.WordResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CMU Sphinx4 with the US English model inside the {@code sphinx4-data} jar: works offline with
 * nothing to download.
 *
 * <p>Sphinx4's recogniser is neither thread-safe nor able to share its model, so the engine keeps
 * one allocated recogniser per worker (about half a gigabyte of heap each) and lends them out per
 * batch. Each stays allocated between windows: Sphinx4's own start/stop cycle would reload the
 * search for every window.
 */
final class SphinxEngine implements SpeechEngine {
    static final String MODEL = "cmusphinx-en-us-5.2";
    private static final String MODELS = "resource:/edu/cmu/sphinx/models/en-us/";

    private final BlockingQueue<Recognizer> idle;
    private final List<Recognizer> all;

    private SphinxEngine(List<Recognizer> recognizers) {
        this.all = recognizers;
        this.idle = new ArrayBlockingQueue<>(recognizers.size(), false, recognizers);
    }

    static SpeechEngine open(EngineOptions options) throws Exception {
        if (options.language() != null && !options.language().equals("en") && !options.language().equals("auto")) {
            throw new IllegalArgumentException("the sphinx engine knows English only; use --language en, "
                    + "or --engine whisper for '" + options.language() + "'");
        }
        if (options.model() != null && !options.model().equals(MODEL)) {
            throw new IllegalArgumentException("the sphinx engine has one model, " + MODEL
                    + "; --model applies to --engine whisper");
        }
        quietLogging();
        int count = Math.max(1, options.workers());
        // Loading takes seconds per recogniser: load them side by side.
        try (ExecutorService loaders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Recognizer>> loading = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                loading.add(loaders.submit(() -> new Recognizer(configuration())));
            }
            List<Recognizer> recognizers = new ArrayList<>();
            for (Future<Recognizer> future : loading) {
                recognizers.add(future.get());
            }
            return new SphinxEngine(recognizers);
        }
    }

    /** Returns the configuration of Sphinx4's bundled US English model. */
    static Configuration configuration() {
        Configuration configuration = new Configuration();
        configuration.setAcousticModelPath(MODELS + "en-us");
        configuration.setDictionaryPath(MODELS + "cmudict-en-us.dict");
        configuration.setLanguageModelPath(MODELS + "en-us.lm.bin");
        configuration.setSampleRate(AudioWindow.SAMPLE_RATE);
        return configuration;
    }

    /** Turns Sphinx4's chatty INFO logging (configuration, model loading, timers) down to warnings. */
    static void quietLogging() {
        // Sphinx4 reads its global "logLevel" from system properties over its config file's INFO.
        System.setProperty("logLevel", "WARNING");
        Logger.getLogger("").setLevel(Level.WARNING);
        for (var handler : Logger.getLogger("").getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
    }

    /**
     * {@inheritDoc} A window Sphinx4 throws on fails alone; the recogniser is given the next window as usual,
     * each window being a speech source of its own.
     */
    @Override
    public List<WindowResult> transcribe(List<AudioWindow> batch) throws InterruptedException {
        Recognizer recognizer = idle.take();
        try {
            List<WindowResult> results = new ArrayList<>(batch.size());
            for (AudioWindow window : batch) {
                results.add(recognize(recognizer, window));
            }
            return results;
        } finally {
            idle.put(recognizer);
        }
    }

    private static WindowResult recognize(Recognizer recognizer, AudioWindow window) {
        try {
            return new WindowTranscript(window.id(), recognizer.recognize(window.samples()), "en");
        } catch (RuntimeException e) {
            return new WindowFailure(window.id(), new IOException("Sphinx4 failed on window " + window.id() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e));
        }
    }

    @Override
    public int maxBatchSize() {
        return 1; // One window at a time per worker: batching would only queue windows behind one.
    }

    @Override
    public int maxConcurrentBatches() {
        return all.size();
    }

    @Override
    public String name() {
        return "sphinx";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public void close() {
        all.forEach(Recognizer::close);
    }

    /** Returns {@code samples} as 16-bit little-endian PCM, the form Sphinx4 reads. */
    static byte[] pcm16(float[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int value = Math.round(Math.max(-1f, Math.min(1f, samples[i])) * 32767f);
            bytes[2 * i] = (byte) value;
            bytes[2 * i + 1] = (byte) (value >> 8);
        }
        return bytes;
    }

    /** Returns the segments of Sphinx4's results: one per utterance its endpointer found. */
    static List<Segment> segments(List<SpeechResult> results) {
        List<Segment> segments = new ArrayList<>();
        for (SpeechResult result : results) {
            List<Segment.Word> words = new ArrayList<>();
            // The best token path: the words of getHypothesis(), with times. (getWords() walks the
            // lattice instead, whose best path can differ and scores worse.)
            for (WordResult word : result.getResult().getTimedBestResult(false)) {
                if (!word.isFiller()) {
                    words.add(new Segment.Word(word.getTimeFrame().getStart() / 1000.0,
                            word.getTimeFrame().getEnd() / 1000.0, word.getWord().getSpelling(), null));
                }
            }
            if (words.isEmpty()) {
                continue;
            }
            String text = String.join(" ", words.stream().map(Segment.Word::text).toList());
            segments.add(new Segment(words.getFirst().start(), words.getLast().end(), text, words));
        }
        return segments;
    }

    /** One Sphinx4 recogniser, allocated once and fed window after window. */
    static final class Recognizer extends AbstractSpeechRecognizer {
        private static final java.lang.reflect.Field CMN_SUM = cmnField("sum");
        private static final java.lang.reflect.Field CMN_INITIAL = cmnField("initialList");

        private final edu.cmu.sphinx.frontend.feature.LiveCMN cmn;

        Recognizer(Configuration configuration) throws IOException {
            super(configuration);
            recognizer.allocate();
            cmn = context.getInstance(edu.cmu.sphinx.frontend.feature.LiveCMN.class);
        }

        private static java.lang.reflect.Field cmnField(String name) {
            try {
                java.lang.reflect.Field field = edu.cmu.sphinx.frontend.feature.LiveCMN.class.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("this Sphinx4 has no LiveCMN." + name + " to reset", e);
            }
        }

        List<Segment> recognize(float[] samples) {
            // Each window starts from the same state. Sphinx4's live cepstral mean would otherwise carry over from
            // whatever this recogniser heard last, another file or another client's request, and the same audio
            // would read differently depending on what came before it. LiveCMN has no reset; with no sums it
            // estimates the mean afresh from the window's first frames, as at its first use.
            try {
                CMN_SUM.set(cmn, null);
                ((List<?>) CMN_INITIAL.get(cmn)).clear();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot reset Sphinx4's cepstral mean", e);
            }
            context.setSpeechSource(new ByteArrayInputStream(pcm16(samples)));
            List<SpeechResult> results = new ArrayList<>();
            for (SpeechResult result = getResult(); result != null; result = getResult()) {
                results.add(result);
            }
            return segments(results);
        }

        void close() {
            recognizer.deallocate();
        }
    }
}
