package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhisperEngineTest {
    @TempDir
    static Path models;

    @BeforeAll
    static void writeModel() throws Exception {
        TinyWhisperModel.write(models.resolve("ggml-tiny-test.bin"));
    }

    private static EngineOptions options(int workers) {
        return new EngineOptions(EngineKind.WHISPER, "tiny-test", "en", 1, "auto", workers, models, null, null,
                null, null, null, null);
    }

    @Test
    void twoThreadsShareOneModelOnTheJfkClip() throws Exception {
        float[] jfk = WhisperClips.jfk();
        List<List<AudioWindow>> batches = List.of(
                List.of(WhisperClips.window("a1", jfk, 0, 4), WhisperClips.window("a2", jfk, 4, 8)),
                List.of(WhisperClips.window("b1", jfk, 8, 11), WhisperClips.window("b2", jfk, 0, 11)));
        Map<String, WindowTranscript> byId = new ConcurrentHashMap<>();
        try (SpeechEngine engine = SpeechEngine.open(options(2))) {
            assertThat(engine.maxConcurrentBatches()).isEqualTo(2);
            assertThat(engine.name()).isEqualTo("whisper");
            assertThat(engine.model()).isEqualTo("tiny-test");
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<WindowTranscript>>> results = new ArrayList<>();
                for (List<AudioWindow> batch : batches) {
                    results.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return WindowResults.transcripts(engine.transcribe(batch));
                    }));
                }
                for (int b = 0; b < batches.size(); b++) {
                    List<WindowTranscript> transcripts = results.get(b).get(60, TimeUnit.SECONDS);
                    assertThat(transcripts).extracting(WindowTranscript::windowId)
                            .containsExactlyElementsOf(batches.get(b).stream().map(AudioWindow::id).toList());
                    transcripts.forEach(t -> byId.put(t.windowId(), t));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        for (List<AudioWindow> batch : batches) {
            for (AudioWindow window : batch) {
                WindowTranscript transcript = byId.get(window.id());
                assertThat(transcript.language()).isEqualTo("en");
                for (Segment segment : transcript.segments()) {
                    assertThat(segment.start()).isBetween(0.0, window.durationSeconds());
                    assertThat(segment.end()).isBetween(segment.start(), window.durationSeconds());
                    assertThat(segment.text()).isNotBlank().isEqualTo(segment.text().strip());
                    assertThat(segment.words()).isEmpty();
                }
            }
        }
        // Random weights still decode to something on a whole clip; an empty pipeline would give nothing.
        assertThat(byId.get("b2").segments()).isNotEmpty();
    }

    @Test
    void loadsTheModelOnceForAnyNumberOfWorkers() throws Exception {
        int contexts = WhisperNative.contextsLoaded();
        int states = WhisperNative.statesCreated();
        try (SpeechEngine engine = SpeechEngine.open(options(4))) {
            assertThat(WhisperNative.contextsLoaded() - contexts).isEqualTo(1);
            assertThat(WhisperNative.statesCreated() - states).isEqualTo(4);
            assertThat(engine.maxConcurrentBatches()).isEqualTo(4);
        }
    }

    @Test
    void silenceAndEmptyWindowsGiveEmptyTranscripts() throws Exception {
        try (SpeechEngine engine = SpeechEngine.open(options(1))) {
            List<WindowTranscript> transcripts = WindowResults.transcripts(engine.transcribe(List.of(
                    new AudioWindow("quiet", new float[AudioWindow.SAMPLE_RATE * 3], 12.0),
                    new AudioWindow("empty", new float[0], 15.0),
                    new AudioWindow("noise", WhisperClips.noise(2, 7), 15.0))));
            assertThat(transcripts).extracting(WindowTranscript::windowId).containsExactly("quiet", "empty", "noise");
            assertThat(transcripts.get(0).segments()).isEmpty();
            assertThat(transcripts.get(1).segments()).isEmpty();
        }
    }

    @Test
    void beamSearchRuns() throws Exception {
        EngineOptions beam = new EngineOptions(EngineKind.WHISPER, "tiny-test", "auto", 3, "cpu", 1, models, null,
                null, null, null, null, null);
        try (SpeechEngine engine = SpeechEngine.open(beam)) {
            WindowTranscript transcript = WindowResults.transcript(engine.transcribe(
                    List.of(new AudioWindow("n", WhisperClips.noise(3, 11), 0))).getFirst());
            assertThat(transcript.windowId()).isEqualTo("n");
            // An English-only model is told English even when asked to detect.
            assertThat(transcript.language()).isEqualTo("en");
        }
    }

    @Test
    void opensAModelByPath() throws Exception {
        Path file = models.resolve("ggml-tiny-test.bin");
        try (SpeechEngine engine = SpeechEngine.open(options(1).withModel(file.toString()))) {
            assertThat(engine.model()).isEqualTo("tiny-test");
        }
    }

    @Test
    void aMissingModelNamesThePullCommand() {
        assertThatThrownBy(() -> SpeechEngine.open(options(1).withModel("base.en")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining("medley models pull base.en")
                .hasMessageContaining(models.toString());
        assertThatThrownBy(() -> SpeechEngine.open(options(1).withModel(models.resolve("nope.bin").toString())))
                .isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining("no whisper model file");
    }

    @Test
    void refusesWhatTheBundledBuildCannotDo() {
        EngineOptions cuda = new EngineOptions(EngineKind.WHISPER, "tiny-test", "en", 1, "cuda", 1, models, null,
                null, null, null, null, null);
        assertThatThrownBy(() -> SpeechEngine.open(cuda))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU only");
        EngineOptions german = new EngineOptions(EngineKind.WHISPER, "tiny-test", "de", 1, "cpu", 1, models, null,
                null, null, null, null, null);
        assertThatThrownBy(() -> SpeechEngine.open(german))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("English only");
        EngineOptions klingon = new EngineOptions(EngineKind.WHISPER, "tiny-test", "tlh", 1, "cpu", 1, models, null,
                null, null, null, null, null);
        assertThatThrownBy(() -> SpeechEngine.open(klingon))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not know language 'tlh'");
        EngineOptions wide = new EngineOptions(EngineKind.WHISPER, "tiny-test", "en", 9, "cpu", 1, models, null,
                null, null, null, null, null);
        assertThatThrownBy(() -> SpeechEngine.open(wide))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beam size");
    }

    @Test
    void aClosedEngineRefusesWork() throws Exception {
        SpeechEngine engine = SpeechEngine.open(options(2));
        engine.close();
        engine.close();
        assertThatThrownBy(() -> engine.transcribe(List.of(new AudioWindow("x", new float[16000], 0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(Files.exists(models.resolve("ggml-tiny-test.bin"))).isTrue();
    }
}
