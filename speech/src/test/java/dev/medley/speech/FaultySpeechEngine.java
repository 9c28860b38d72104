package dev.medley.speech;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An engine that fails on purpose: each window it is told to fail gets a {@link WindowFailure}, each batch it
 * is told to throw on fails whole, and the others are heard as their own window id. Records every batch.
 */
final class FaultySpeechEngine implements SpeechEngine {
    private final Predicate<AudioWindow> failWindow;
    private final Predicate<List<AudioWindow>> throwOnBatch;
    private final int concurrency;
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final Set<String> thrownWindows = Collections.synchronizedSet(new java.util.HashSet<>());

    FaultySpeechEngine(Predicate<AudioWindow> failWindow, Predicate<List<AudioWindow>> throwOnBatch, int concurrency) {
        this.failWindow = failWindow;
        this.throwOnBatch = throwOnBatch;
        this.concurrency = concurrency;
    }

    /** Returns the error given for window {@code id}. */
    static String failureMessage(String id) {
        return "window " + id + " failed on purpose";
    }

    @Override
    public List<WindowResult> transcribe(List<AudioWindow> batch) throws IOException {
        List<String> ids = batch.stream().map(AudioWindow::id).toList();
        batches.add(ids);
        if (throwOnBatch.test(batch)) {
            thrownWindows.addAll(ids);
            throw new IOException("batch " + ids + " failed on purpose");
        }
        List<WindowResult> results = new ArrayList<>();
        for (AudioWindow window : batch) {
            results.add(failWindow.test(window)
                    ? new WindowFailure(window.id(), new IOException(failureMessage(window.id())))
                    : new WindowTranscript(window.id(),
                            List.of(new Segment(0, window.durationSeconds(), window.id(), List.of())), "en"));
        }
        return results;
    }

    @Override
    public int maxConcurrentBatches() {
        return concurrency;
    }

    @Override
    public String name() {
        return "faulty";
    }

    @Override
    public String model() {
        return "faulty-1";
    }

    @Override
    public void close() {}
}
