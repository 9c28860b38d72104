package dev.medley.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes audio windows as WAV files: 16 kHz, mono, 16-bit little-endian PCM, which every
 * transcription server reads.
 *
 * <pre>
 * offset  bytes  field
 *      0      4  "RIFF"
 *      4      4  36 + data bytes
 *      8      4  "WAVE"
 *     12      4  "fmt "
 *     16      4  16 (size of the fmt chunk)
 *     20      2  1 (PCM)
 *     22      2  1 (channels)
 *     24      4  16000 (samples per second)
 *     28      4  32000 (bytes per second)
 *     32      2  2 (bytes per sample frame)
 *     34      2  16 (bits per sample)
 *     36      4  "data"
 *     40      4  data bytes (2 per sample)
 *     44         samples
 * </pre>
 */
final class WavEncoder {

    /** Bytes before the first sample. */
    static final int HEADER_BYTES = 44;

    private static final int BYTES_PER_SAMPLE = 2;

    private WavEncoder() {}

    /** Returns {@code samples} (16 kHz, in [-1, 1]; louder ones are clipped) as a complete WAV file. */
    static byte[] encode(float[] samples) {
        int dataBytes = Math.multiplyExact(samples.length, BYTES_PER_SAMPLE);
        ByteBuffer wav = ByteBuffer.allocate(Math.addExact(HEADER_BYTES, dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
        wav.put(ascii("RIFF")).putInt(HEADER_BYTES - 8 + dataBytes).put(ascii("WAVE"));
        wav.put(ascii("fmt ")).putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(AudioWindow.SAMPLE_RATE)
                .putInt(AudioWindow.SAMPLE_RATE * BYTES_PER_SAMPLE)
                .putShort((short) BYTES_PER_SAMPLE)
                .putShort((short) (8 * BYTES_PER_SAMPLE));
        wav.put(ascii("data")).putInt(dataBytes);
        for (float sample : samples) {
            wav.putShort(toPcm(sample));
        }
        return wav.array();
    }

    /** Returns {@code sample} as a 16-bit value; NaN becomes silence. */
    static short toPcm(float sample) {
        if (Float.isNaN(sample)) {
            return 0;
        }
        float clipped = Math.max(-1f, Math.min(1f, sample));
        return (short) Math.round(clipped * Short.MAX_VALUE);
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(StandardCharsets.US_ASCII);
    }
}
