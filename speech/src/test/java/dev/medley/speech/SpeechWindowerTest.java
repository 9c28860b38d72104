package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpeechWindowerTest {
    private static final int RATE = AudioWindow.SAMPLE_RATE;

    /** Returns {@code seconds} of faint noise with bursts of a loud, wavering tone over the given spans. */
    static float[] signal(double seconds, double[][] speech, long seed) {
        Random random = new Random(seed);
        float[] samples = new float[(int) (seconds * RATE)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (random.nextGaussian() * 0.001); // about -60 dBFS
        }
        for (double[] span : speech) {
            for (int i = (int) (span[0] * RATE); i < Math.min(samples.length, (int) (span[1] * RATE)); i++) {
                double t = i / (double) RATE;
                // Syllables: a tone whose loudness rises and falls four times a second, never to silence.
                double envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
                samples[i] += (float) (0.3 * envelope * Math.sin(2 * Math.PI * 220 * t));
            }
        }
        return samples;
    }

    static List<AudioWindow> windows(float[] samples, boolean vad) {
        List<AudioWindow> windows = new ArrayList<>();
        SpeechWindower windower = new SpeechWindower("f", vad, windows::add);
        // Feed in uneven blocks, as a decoder does.
        for (int at = 0, block = 1000; at < samples.length; at += block, block = block * 7 % 9000 + 500) {
            windower.accept(samples, at, Math.min(block, samples.length - at));
        }
        windower.finish();
        return windows;
    }

    @Test
    void findsSpeechAtItsOffsetsAndLeavesSilenceOut() {
        double[][] speech = {{2.0, 5.0}, {40.0, 44.5}, {117.0, 119.5}};
        List<AudioWindow> windows = windows(signal(120, speech, 1), true);
        assertThat(windows).hasSize(3);
        for (int i = 0; i < speech.length; i++) {
            AudioWindow window = windows.get(i);
            assertThat(window.startSeconds()).isCloseTo(speech[i][0], within(0.35));
            assertThat(window.startSeconds() + window.durationSeconds()).isCloseTo(speech[i][1], within(0.45));
            assertThat(window.startSeconds()).isLessThanOrEqualTo(speech[i][0]); // never clips the first word
        }
        double sent = windows.stream().mapToDouble(AudioWindow::durationSeconds).sum();
        assertThat(sent).isLessThan(12.5); // 10 s of speech in 120 s of audio
        assertThat(windows).extracting(AudioWindow::id).doesNotHaveDuplicates();
    }

    @Test
    void speechLongerThanThirtySecondsIsCutIntoWindowsThatCoverItAll() {
        List<AudioWindow> windows = windows(signal(100, new double[][] {{1, 96}}, 2), true);
        assertThat(windows).allSatisfy(w -> assertThat(w.durationSeconds()).isLessThanOrEqualTo(AudioWindow.MAX_SECONDS));
        assertThat(windows).hasSizeGreaterThanOrEqualTo(4);
        for (int i = 1; i < windows.size(); i++) {
            AudioWindow before = windows.get(i - 1);
            // Consecutive: each window starts where the one before ended.
            assertThat(windows.get(i).startSeconds()).isCloseTo(before.startSeconds() + before.durationSeconds(), within(0.001));
        }
        assertThat(windows.getFirst().startSeconds()).isLessThanOrEqualTo(1.0);
        AudioWindow last = windows.getLast();
        assertThat(last.startSeconds() + last.durationSeconds()).isGreaterThan(95.9);
    }

    @Test
    void silenceYieldsNoWindowAndWithoutVadEverythingIsSent() {
        assertThat(windows(signal(60, new double[0][], 3), true)).isEmpty();
        List<AudioWindow> all = windows(signal(65, new double[0][], 3), false);
        assertThat(all.stream().mapToDouble(AudioWindow::durationSeconds).sum()).isCloseTo(65, within(0.05));
        assertThat(all).allSatisfy(w -> assertThat(w.durationSeconds()).isLessThanOrEqualTo(AudioWindow.MAX_SECONDS));
    }

    @Test
    void speechRightAtTheStartIsKept() {
        List<AudioWindow> windows = windows(signal(10, new double[][] {{0, 3}}, 4), true);
        assertThat(windows).hasSize(1);
        assertThat(windows.getFirst().startSeconds()).isZero();
    }
}
