package dev.medley.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An engine that hears, in every window, one segment saying where the window was: fast and
 * deterministic, for testing everything around the engine. Counts the windows it was given.
 */
final class FakeSpeechEngine implements SpeechEngine {
    final AtomicInteger windows = new AtomicInteger();
    final AtomicInteger batches = new AtomicInteger();
    final AtomicInteger opened;

    FakeSpeechEngine(AtomicInteger opened) {
        this.opened = opened;
        opened.incrementAndGet();
    }

    @Override
    public List<WindowResult> transcribe(List<AudioWindow> batch) {
        batches.incrementAndGet();
        List<WindowResult> answers = new ArrayList<>();
        for (AudioWindow window : batch) {
            windows.incrementAndGet();
            double length = window.durationSeconds();
            String text = String.format(java.util.Locale.ROOT, "speech of %.1f seconds", length);
            answers.add(new WindowTranscript(window.id(), List.of(new Segment(0.1, Math.max(0.2, length - 0.1), text,
                    List.of())), "en"));
        }
        return answers;
    }

    @Override
    public int maxConcurrentBatches() {
        return 2;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String model() {
        return "fake-1";
    }

    @Override
    public void close() {}
}
