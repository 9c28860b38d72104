package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.api.StreamSpeechRecognizer;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The sphinx engine, as Medley drives it (decode, VAD windows, one allocated recogniser), must be
 * as accurate as Sphinx4's own API fed the same audio whole: word error rate within 2 points; and a clip
 * reads the same whatever the recognisers heard before it.
 */
class SphinxAccuracyTest {

    @Test
    void medleysPipelineIsAsAccurateAsSphinx4CalledDirectly() throws Exception {
        assumeTrue(SharedAudio.present(), "../shared/audio is absent");
        Map<Path, String> clips = SharedAudio.clips();
        assertThat(clips).hasSizeGreaterThanOrEqualTo(5);
        var direct = CompletableFuture.supplyAsync(() -> directTexts(clips), Executors.newVirtualThreadPerTaskExecutor());
        List<String> ours = new ArrayList<>();
        try (SpeechEngine engine = SpeechEngine.open(EngineOptions.defaults(EngineKind.SPHINX))) {
            for (Path clip : clips.keySet()) {
                ours.add(transcribe(engine, clip));
            }
            // The shortest clip again, now that the recognisers have heard every other: it must read the same, as a
            // server's request must whatever other clients sent before it.
            List<Path> paths = new ArrayList<>(clips.keySet());
            int shortest = 0;
            for (int i = 1; i < paths.size(); i++) {
                if (java.nio.file.Files.size(paths.get(i)) < java.nio.file.Files.size(paths.get(shortest))) {
                    shortest = i;
                }
            }
            assertThat(transcribe(engine, paths.get(shortest))).as("a clip read again after the others")
                    .isEqualTo(ours.get(shortest));
        }
        List<String> theirs = direct.get();
        int words = 0;
        int ourErrors = 0;
        int theirErrors = 0;
        int i = 0;
        for (Map.Entry<Path, String> clip : clips.entrySet()) {
            String reference = clip.getValue();
            int n = WordErrorRate.words(reference).size();
            int e1 = WordErrorRate.errors(reference, ours.get(i));
            int e2 = WordErrorRate.errors(reference, theirs.get(i));
            System.out.printf("%-22s words %3d  medley WER %5.1f%%  sphinx4 direct WER %5.1f%%%n  medley: %s%n  direct: %s%n",
                    clip.getKey().getFileName(), n, 100.0 * e1 / n, 100.0 * e2 / n, ours.get(i), theirs.get(i));
            words += n;
            ourErrors += e1;
            theirErrors += e2;
            i++;
        }
        double ourWer = 100.0 * ourErrors / words;
        double theirWer = 100.0 * theirErrors / words;
        System.out.printf("overall: %d words, medley WER %.1f%%, sphinx4 direct WER %.1f%%%n", words, ourWer, theirWer);
        assertThat(ourWer).isLessThanOrEqualTo(theirWer + 2.0);
    }

    // Medley's way: decode, VAD windows, each window to the engine as it comes.
    private static String transcribe(SpeechEngine engine, Path clip) throws Exception {
        return SourceTranscriber.transcribe(AudioSource.of(clip), engine.name(), engine.model(),
                window -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return WindowResults.transcript(engine.transcribe(List.of(window)).getFirst());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }), 4, true, TranscriptionProgress.NONE).text();
    }

    // Sphinx4's documented way: one StreamSpeechRecognizer, startRecognition on the whole stream, getResult until null.
    private static List<String> directTexts(Map<Path, String> clips) {
        try {
            SphinxEngine.quietLogging();
            StreamSpeechRecognizer recognizer = new StreamSpeechRecognizer(SphinxEngine.configuration());
            List<String> texts = new ArrayList<>();
            for (Path clip : clips.keySet()) {
                recognizer.startRecognition(new ByteArrayInputStream(SphinxEngine.pcm16(Decoded.samples(clip))));
                List<String> parts = new ArrayList<>();
                for (SpeechResult result = recognizer.getResult(); result != null; result = recognizer.getResult()) {
                    parts.add(result.getHypothesis());
                }
                recognizer.stopRecognition();
                texts.add(String.join(" ", parts));
            }
            return texts;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
