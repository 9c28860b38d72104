package dev.medley.speech;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;

/** Whole-file helpers for short audio: decoding to 16 kHz mono, and writing 16-bit WAV. */
public final class AudioFiles {
    private AudioFiles() {}

    /**
     * Returns all of {@code file}'s audio as 16 kHz mono samples. For clips: the whole file sits in
     * memory, so anything longer than {@code maxSeconds} is refused.
     */
    public static float[] decode(Path file, double maxSeconds) throws IOException {
        int limit = (int) (maxSeconds * AudioWindow.SAMPLE_RATE);
        float[][] buffer = {new float[Math.min(limit, AudioWindow.SAMPLE_RATE * 60)]};
        int[] length = {0};
        try (AudioDecoder decoder = AudioDecoder.open(file)) {
            boolean more = true;
            while (more) {
                more = decoder.next((pointer, count) -> {
                    if (length[0] + count > limit) {
                        throw new IllegalArgumentException(file + " is longer than " + maxSeconds + " s");
                    }
                    if (length[0] + count > buffer[0].length) {
                        buffer[0] = Arrays.copyOf(buffer[0], Math.min(limit, Math.max(buffer[0].length * 2, length[0] + count)));
                    }
                    pointer.get(buffer[0], length[0], count);
                    length[0] += count;
                });
            }
        }
        return Arrays.copyOf(buffer[0], length[0]);
    }

    /** Writes the header of a 16 kHz mono 16-bit WAV file holding {@code samples} samples. */
    public static void writeWavHeader(OutputStream out, long samples) throws IOException {
        byte[] header = WavEncoder.encode(new float[0]);
        long dataBytes = samples * 2;
        putInt(header, 4, 36 + dataBytes);
        putInt(header, 40, dataBytes);
        out.write(header);
    }

    /** Writes {@code samples} as 16-bit little-endian PCM. */
    public static void writePcm16(OutputStream out, float[] samples, int offset, int count) throws IOException {
        byte[] bytes = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            short value = WavEncoder.toPcm(samples[offset + i]);
            bytes[2 * i] = (byte) value;
            bytes[2 * i + 1] = (byte) (value >> 8);
        }
        out.write(bytes);
    }

    private static void putInt(byte[] bytes, int at, long value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >> 8);
        bytes[at + 2] = (byte) (value >> 16);
        bytes[at + 3] = (byte) (value >> 24);
    }
}
