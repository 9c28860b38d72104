package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the batches and whichever windows fail: every window is answered exactly once, by its own id, to its
 * own file; a file fails exactly when one of its windows failed (alone, or with its whole batch), with the error
 * of its first such window; every other file is transcribed whole, even when it shared batches with failures.
 */
class TranscriberWindowFailuresProperties {

    /**
     * A run: files of a few bursts of tone each (one window per burst), the windows the engine fails, the
     * windows whose batches it fails whole, and how windows are batched.
     */
    record Run(List<Integer> burstsPerFile, Set<String> failing, Set<String> poisoning, int maxBatch, int minBatch,
            int waitMillis, int concurrency) {}

    @Property(tries = 60)
    void eachWindowIsAnsweredOnceByItsIdAndOnlyFilesWithAFailedWindowFail(@ForAll("runs") Run run) throws Exception {
        FaultySpeechEngine engine = new FaultySpeechEngine(w -> run.failing().contains(key(w.id())),
                batch -> batch.stream().anyMatch(w -> run.poisoning().contains(key(w.id()))), run.concurrency());
        List<Future<Transcript>> results = new ArrayList<>();
        try (Transcriber transcriber = Transcriber.over(engine, new Transcriber.Batching(run.maxBatch(),
                run.minBatch(), Duration.ofMillis(run.waitMillis())));
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int file = 0; file < run.burstsPerFile().size(); file++) {
                AudioSource source = new AudioSource.Pcm(bursts(run.burstsPerFile().get(file)), 16_000, "f" + file);
                results.add(callers.submit(() -> transcriber.transcribe(source, true)));
            }
        }

        // Each window reached the engine once, in one batch.
        List<String> sent = engine.batches.stream().flatMap(List::stream).toList();
        assertThat(sent).doesNotHaveDuplicates();
        Map<String, List<String>> sentByFile = new HashMap<>();
        for (String id : sent) {
            sentByFile.computeIfAbsent(id.substring(0, id.indexOf('@')), f -> new ArrayList<>()).add(id);
        }
        for (int file = 0; file < results.size(); file++) {
            int bursts = run.burstsPerFile().get(file);
            List<String> windows = sentByFile.getOrDefault("f" + file, List.of()).stream()
                    .sorted(java.util.Comparator.comparingInt(TranscriberWindowFailuresProperties::index)).toList();
            // The first window, in file order, that the engine did not hear: it decides the file's fate.
            String firstBad = windows.stream()
                    .filter(id -> run.failing().contains(key(id)) || engine.thrownWindows.contains(id))
                    .findFirst().orElse(null);
            if (firstBad == null) {
                Transcript transcript = results.get(file).get();
                assertThat(windows).hasSize(bursts);
                assertThat(transcript.windows()).isEqualTo(bursts);
                // Each segment is its own window's answer, at its own place in the file.
                assertThat(transcript.segments()).extracting(Segment::text).containsExactlyElementsOf(windows);
            } else {
                Throwable failure = catchFailure(results.get(file));
                String expected = run.failing().contains(key(firstBad)) && !engine.thrownWindows.contains(firstBad)
                        ? FaultySpeechEngine.failureMessage(firstBad) : "failed on purpose";
                assertThat(failure).hasMessageContaining(expected);
                if (engine.thrownWindows.contains(firstBad)) {
                    assertThat(failure).hasMessageStartingWith("batch [").hasMessageContaining(firstBad);
                }
                // Windows before it were all sent and heard; those after it may never have been sent.
                assertThat(index(firstBad)).isEqualTo(windows.indexOf(firstBad));
            }
        }
    }

    @Provide
    Arbitrary<Run> runs() {
        Arbitrary<List<Integer>> files = Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(6);
        return files.flatMap(bursts -> {
            List<String> keys = new ArrayList<>();
            for (int file = 0; file < bursts.size(); file++) {
                for (int window = 0; window < bursts.get(file); window++) {
                    keys.add("f" + file + "#" + window);
                }
            }
            Arbitrary<Set<String>> failing = Arbitraries.of(keys).set().ofMaxSize(keys.size());
            Arbitrary<Set<String>> poisoning = Arbitraries.of(keys).set().ofMaxSize(2);
            return Combinators.combine(failing, poisoning, Arbitraries.integers().between(1, 8),
                    Arbitraries.integers().between(1, 8), Arbitraries.integers().between(0, 15),
                    Arbitraries.integers().between(1, 3))
                    .as((f, p, max, min, wait, concurrency) -> new Run(bursts, f, p, max, Math.min(min, max), wait,
                            concurrency));
        });
    }

    // "f2@17#1" -> "f2#1": the file's name and the window's place in it, whatever the run's counter.
    private static String key(String windowId) {
        return windowId.substring(0, windowId.indexOf('@')) + windowId.substring(windowId.lastIndexOf('#'));
    }

    private static int index(String windowId) {
        return Integer.parseInt(windowId.substring(windowId.lastIndexOf('#') + 1));
    }

    private static Throwable catchFailure(Future<Transcript> result) throws InterruptedException {
        try {
            Transcript transcript = result.get();
            throw new AssertionError("expected a failure, got " + transcript);
        } catch (ExecutionException e) {
            // The caller's future wraps the transcriber's ExecutionException, which wraps the window's error.
            Throwable failure = e.getCause();
            return failure instanceof ExecutionException inner ? inner.getCause() : failure;
        }
    }

    // Half-second bursts of tone, each followed by 1.5 s of silence: one window of speech each.
    private static float[] bursts(int count) {
        int burst = AudioWindow.SAMPLE_RATE / 2;
        int period = 2 * AudioWindow.SAMPLE_RATE;
        float[] samples = new float[count * period];
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < burst; i++) {
                samples[b * period + i] = (float) (0.3 * Math.sin(2 * Math.PI * 300 * i / AudioWindow.SAMPLE_RATE));
            }
        }
        return samples;
    }
}
