package dev.medley.speech;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * An engine that costs what a real one costs and hears nothing: a batch of {@code n} windows takes
 * {@code c0 + c1·n}, as on an accelerator whose fixed cost per call dominates. For benchmarks and load
 * tests of the batching around an engine.
 *
 * <p>Each window is answered with one segment, {@code "level K"}, K being the window's middle sample
 * times 32,768: a client that sends a constant 16-bit level K gets its own K back, so a test can tell
 * that every answer went to its own request.
 */
public final class SimulatedSpeechEngine implements SpeechEngine {
    private final long fixedNanos;
    private final long perWindowNanos;
    private final int concurrentBatches;

    /**
     * @param fixed c0, the cost of any batch
     * @param perWindow c1, the cost of each window in it
     * @param concurrentBatches how many batches may run at once
     */
    public SimulatedSpeechEngine(Duration fixed, Duration perWindow, int concurrentBatches) {
        this.fixedNanos = fixed.toNanos();
        this.perWindowNanos = perWindow.toNanos();
        this.concurrentBatches = Math.max(1, concurrentBatches);
    }

    /** Returns the level a window of constant level K is heard as. */
    public static int level(float[] samples) {
        return samples.length == 0 ? 0 : Math.round(samples[samples.length / 2] * 32768f);
    }

    @Override
    public List<WindowResult> transcribe(List<AudioWindow> batch) {
        long until = System.nanoTime() + fixedNanos + perWindowNanos * batch.size();
        List<WindowResult> results = new ArrayList<>(batch.size());
        for (AudioWindow window : batch) {
            results.add(new WindowTranscript(window.id(), List.of(new Segment(0, window.durationSeconds(),
                    "level " + level(window.samples()), List.of())), "en"));
        }
        // Park until a millisecond before the end, then spin: a parked thread on a busy machine wakes late, and
        // the lateness would count as the batcher's.
        for (long left; (left = until - System.nanoTime()) > 1_000_000; ) {
            LockSupport.parkNanos(left - 1_000_000);
        }
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
        return results;
    }

    @Override
    public int maxConcurrentBatches() {
        return concurrentBatches;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public String model() {
        return "c0=" + fixedNanos / 1_000_000.0 + "ms,c1=" + perWindowNanos / 1_000_000.0 + "ms";
    }

    @Override
    public void close() {}
}
