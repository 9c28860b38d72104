package dev.medley.speech;

import java.io.IOException;
import java.nio.file.Path;

/** Decodes a whole (short) file or other source to 16 kHz mono, for tests. */
final class Decoded {
    private Decoded() {}

    static float[] samples(Path file) throws IOException {
        return samples(AudioSource.of(file));
    }

    static float[] samples(AudioSource source) throws IOException {
        float[][] buffer = {new float[16_000 * 60]};
        int[] length = {0};
        try (DecodedAudio decoder = DecodedAudio.open(source)) {
            while (decoder.next((pointer, count) -> {
                if (length[0] + count > buffer[0].length) {
                    buffer[0] = java.util.Arrays.copyOf(buffer[0], Math.max(buffer[0].length * 2, length[0] + count));
                }
                pointer.get(buffer[0], length[0], count);
                length[0] += count;
            })) {
                // Reading.
            }
        }
        return java.util.Arrays.copyOf(buffer[0], length[0]);
    }
}
