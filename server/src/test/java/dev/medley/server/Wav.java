package dev.medley.server;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds small WAV files for tests: 16 kHz, 16-bit mono. */
final class Wav {
    private Wav() {}

    /** Returns {@code seconds} of the constant 16-bit level {@code level}, which the simulated engine hears as "level N". */
    static byte[] constant(int level, double seconds) {
        int samples = (int) Math.round(seconds * 16_000);
        ByteBuffer wav = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + 2 * samples).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000)
                .putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) level);
        }
        return wav.array();
    }

    /** Returns stretches of constant levels, each {@code seconds} long, with {@code gap} seconds of silence between. */
    static byte[] stretches(double seconds, double gap, int... levels) {
        int speech = (int) Math.round(seconds * 16_000);
        int silence = (int) Math.round(gap * 16_000);
        int samples = levels.length * speech + (levels.length - 1) * silence;
        ByteBuffer wav = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + 2 * samples).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000)
                .putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(2 * samples);
        for (int l = 0; l < levels.length; l++) {
            if (l > 0) {
                for (int i = 0; i < silence; i++) {
                    wav.putShort((short) 0);
                }
            }
            for (int i = 0; i < speech; i++) {
                wav.putShort((short) levels[l]);
            }
        }
        return wav.array();
    }
}
