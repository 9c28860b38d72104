package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A window the engine fails fails its own file; the other files of its batch are transcribed. */
class TranscriberWindowFailuresTest {
    // Three one-window files are gathered into one batch of three.
    private static final Transcriber.Batching ONE_BATCH_OF_THREE = new Transcriber.Batching(3, 3, Duration.ofSeconds(5));

    @Test
    void aWindowTheEngineFailsFailsOnlyItsFileAndTheOthersInTheBatchAreHeard() throws Exception {
        FaultySpeechEngine engine = new FaultySpeechEngine(w -> w.id().startsWith("bad@"), batch -> false, 1);

        List<Future<Transcript>> results = transcribeTogether(engine, "first", "bad", "last");

        assertThat(engine.batches).hasSize(1);
        assertThat(engine.batches.getFirst()).hasSize(3);
        assertThat(results.get(0).get().text()).startsWith("first@");
        assertThat(results.get(2).get().text()).startsWith("last@");
        assertThatThrownBy(() -> results.get(1).get()).rootCause().isInstanceOf(IOException.class)
                .hasMessageStartingWith("window bad@").hasMessageEndingWith(" failed on purpose");
    }

    @Test
    void aBatchTheEngineFailsWholeFailsEveryFileInIt() throws Exception {
        FaultySpeechEngine engine = new FaultySpeechEngine(w -> false, batch -> true, 1);

        List<Future<Transcript>> results = transcribeTogether(engine, "one", "two", "three");

        for (Future<Transcript> result : results) {
            assertThatThrownBy(result::get).rootCause().isInstanceOf(IOException.class)
                    .hasMessageStartingWith("batch [");
        }
    }

    @Test
    void aWindowLeftUnansweredOrAnsweredTwiceFailsAloneAndIsNamed() throws Exception {
        SpeechEngine sloppy = new SpeechEngine() {
            @Override
            public List<WindowResult> transcribe(List<AudioWindow> batch) {
                List<WindowResult> results = new ArrayList<>();
                for (AudioWindow window : batch) {
                    WindowTranscript heard = new WindowTranscript(window.id(), List.of(), "en");
                    if (window.id().startsWith("twice@")) {
                        results.add(heard);
                        results.add(heard);
                    } else if (!window.id().startsWith("missing@")) {
                        results.add(heard);
                    }
                }
                results.add(new WindowTranscript("never asked", List.of(), "en"));
                return results;
            }

            @Override
            public int maxConcurrentBatches() {
                return 1;
            }

            @Override
            public String name() {
                return "sloppy";
            }

            @Override
            public String model() {
                return "sloppy-1";
            }

            @Override
            public void close() {}
        };

        List<Future<Transcript>> results = transcribeTogether(sloppy, "missing", "fine", "twice");

        assertThatThrownBy(() -> results.get(0).get()).rootCause()
                .hasMessageStartingWith("the sloppy engine gave no answer for window missing@");
        assertThat(results.get(1).get().windows()).isEqualTo(1);
        assertThatThrownBy(() -> results.get(2).get()).rootCause()
                .hasMessageStartingWith("the sloppy engine answered window twice@").hasMessageEndingWith(" 2 times");
    }

    @Test
    void aFileStopsBeingDecodedAtItsFirstFailedWindow() throws Exception {
        FaultySpeechEngine engine = new FaultySpeechEngine(w -> w.id().endsWith("#0"), batch -> false, 1);
        float[] tenMinutes = tone(600);

        try (Transcriber transcriber = Transcriber.over(engine, new Transcriber.Batching(1, 1, Duration.ZERO))) {
            assertThatThrownBy(() -> transcriber.transcribe(new AudioSource.Pcm(tenMinutes, 16_000, "long"), false))
                    .isInstanceOf(ExecutionException.class).cause().hasMessageContaining("#0 failed on purpose");
        }
        // Twenty 30-second windows; once the first failed, only those already queued (two ahead) went on.
        assertThat(engine.batches.size()).isLessThanOrEqualTo(4);
    }

    private static List<Future<Transcript>> transcribeTogether(SpeechEngine engine, String... names) throws Exception {
        List<Future<Transcript>> results = new ArrayList<>();
        try (Transcriber transcriber = Transcriber.over(engine, ONE_BATCH_OF_THREE);
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                results.add(callers.submit(() -> transcriber.transcribe(new AudioSource.Pcm(tone(2), 16_000, name),
                        false)));
            }
            for (Future<Transcript> result : results) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    // Looked at by the test.
                }
            }
        }
        return results;
    }

    private static float[] tone(double seconds) {
        float[] samples = new float[(int) (seconds * AudioWindow.SAMPLE_RATE)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 300 * i / AudioWindow.SAMPLE_RATE));
        }
        return samples;
    }
}
