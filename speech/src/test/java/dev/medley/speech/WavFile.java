package dev.medley.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Holds a PCM WAV file read strictly, as a picky server would: RIFF sizes must match the bytes, the
 * format chunk must say PCM, and the data chunk must hold whole sample frames.
 */
record WavFile(int sampleRate, int channels, int bitsPerSample, short[] samples) {

    /** Returns the file in {@code bytes}; 16-bit PCM only. */
    static WavFile parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        require(bytes.length >= 12 && tag(in, 0).equals("RIFF") && tag(in, 8).equals("WAVE"), "not a RIFF/WAVE file");
        require(in.getInt(4) == bytes.length - 8, "RIFF size " + in.getInt(4) + " does not match " + (bytes.length - 8));
        Integer rate = null;
        int channels = 0;
        int bits = 0;
        for (int at = 12; at + 8 <= bytes.length; ) {
            String id = tag(in, at);
            int size = in.getInt(at + 4);
            require(size >= 0 && at + 8 + size <= bytes.length, "chunk '" + id + "' runs past the end");
            if (id.equals("fmt ")) {
                require(size >= 16 && in.getShort(at + 8) == 1, "not PCM");
                channels = in.getShort(at + 10);
                rate = in.getInt(at + 12);
                bits = in.getShort(at + 22);
                require(bits == 16, "not 16-bit");
                require(in.getInt(at + 16) == rate * channels * 2 && in.getShort(at + 20) == channels * 2,
                        "byte rate or block align is wrong");
            } else if (id.equals("data")) {
                require(rate != null, "data before fmt");
                require(size % (channels * 2) == 0, "data holds a partial frame");
                short[] samples = new short[size / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = in.getShort(at + 8 + 2 * i);
                }
                return new WavFile(rate, channels, bits, samples);
            }
            at += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    /** Returns the length in seconds. */
    double seconds() {
        return samples.length / (double) channels / sampleRate;
    }

    private static String tag(ByteBuffer in, int at) {
        byte[] id = new byte[4];
        in.get(at, id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("invalid WAV: " + problem);
        }
    }
}
