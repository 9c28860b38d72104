package dev.medley.speech;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Audio for the whisper tests: the shared JFK recording, cut into windows, and made-up signals. */
final class WhisperClips {
    private WhisperClips() {}

    /** Returns {@code ../shared/audio/jfk.wav} as 16 kHz samples; skips the test when the shared files are absent. */
    static float[] jfk() throws IOException {
        String shared = System.getProperty("medley.shared", "../shared");
        Path file = Path.of(shared, "audio", "jfk.wav");
        assumeTrue(Files.isRegularFile(file), "no shared audio at " + file);
        return read(file);
    }

    /** Returns the samples of a 16 kHz mono 16-bit WAV file, scaled to [-1, 1]. */
    static float[] read(Path file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat format = in.getFormat();
            if (format.getSampleRate() != AudioWindow.SAMPLE_RATE || format.getChannels() != 1
                    || format.getSampleSizeInBits() != 16 || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new IOException(file + " is " + format + ", not 16 kHz mono 16-bit PCM");
            }
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes())
                    .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            float[] samples = new float[bytes.remaining() / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = bytes.getShort() / 32768f;
            }
            return samples;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + " is not a WAV file Java can read", e);
        }
    }

    /** Returns the window of {@code samples} from {@code fromSeconds} to {@code toSeconds}. */
    static AudioWindow window(String id, float[] samples, double fromSeconds, double toSeconds) {
        int from = (int) (fromSeconds * AudioWindow.SAMPLE_RATE);
        int to = Math.min(samples.length, (int) (toSeconds * AudioWindow.SAMPLE_RATE));
        return new AudioWindow(id, Arrays.copyOfRange(samples, from, to), fromSeconds);
    }

    /** Returns {@code seconds} of quiet noise, loud enough not to count as silence. */
    static float[] noise(double seconds, long seed) {
        Random random = new Random(seed);
        float[] samples = new float[(int) (seconds * AudioWindow.SAMPLE_RATE)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) random.nextGaussian() * 0.05f;
        }
        return samples;
    }
}
