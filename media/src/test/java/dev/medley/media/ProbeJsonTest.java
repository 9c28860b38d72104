package dev.medley.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written JSON of a probe is, byte for byte, what Jackson writes for the record. */
class ProbeJsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final String[] ODD = {"", "plain", "quote \" and \\ backslash", "tab\tnew\nline\rreturn\bback\fform",
        "\u0000\u0001\u001f\u007f", "ünïcödé 東京 ♪", "\ud83c\udfb5 a pair", "\ud83c lone high", "lone low \udfb5",
        "/slash/ and \u2028 line separator", "\\xFF escaped byte"};

    @Test
    void writesWhatJacksonWritesForManyProbes() throws Exception {
        Random random = new Random(20261203);
        for (int i = 0; i < 5000; i++) {
            MediaProbe probe = probe(random);
            assertThat(ProbeJson.write(probe)).as("probe %d", i).isEqualTo(JACKSON.writeValueAsString(probe));
        }
    }

    @Test
    void writesFailuresAndReadsBackWhatItWrote() throws Exception {
        MediaProbe failure = MediaProbe.failure("/media/a \"b\".mkv", 40, "damaged", "Invalid data found", "ffmpeg");
        assertThat(ProbeJson.write(failure)).isEqualTo(JACKSON.writeValueAsString(failure));
        assertThat(ProbeJson.read(ProbeJson.write(failure))).isEqualTo(failure);
        MediaProbe noDetail = MediaProbe.failure("/media/x.mp3", 0, "empty file (0 bytes)", "ffprobe");
        assertThat(ProbeJson.write(noDetail)).isEqualTo(JACKSON.writeValueAsString(noDetail)).doesNotContain("errorDetail");
    }

    private static MediaProbe probe(Random random) {
        List<MediaProbe.StreamInfo> streams = random.nextInt(8) == 0 ? null : new ArrayList<>();
        for (int s = 0, count = streams == null ? 0 : random.nextInt(4); s < count; s++) {
            streams.add(new MediaProbe.StreamInfo(s, text(random), text(random), integer(random), integer(random),
                    decimal(random), integer(random), integer(random), text(random), random.nextBoolean()));
        }
        Map<String, String> tags = random.nextInt(8) == 0 ? null : new LinkedHashMap<>();
        for (int t = 0, count = tags == null ? 0 : random.nextInt(5); t < count; t++) {
            tags.put(ODD[random.nextInt(ODD.length)] + t, text(random));
        }
        return new MediaProbe(text(random), random.nextBoolean(), text(random), text(random), decimal(random),
                random.nextLong(), random.nextInt(4) == 0 ? null : random.nextLong(), text(random), integer(random),
                integer(random), decimal(random), text(random), integer(random), integer(random), tags,
                random.nextBoolean(), streams, text(random), text(random));
    }

    private static String text(Random random) {
        return random.nextInt(4) == 0 ? null : ODD[random.nextInt(ODD.length)];
    }

    private static Integer integer(Random random) {
        return random.nextInt(4) == 0 ? null : random.nextInt() >> random.nextInt(32);
    }

    private static Double decimal(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> Double.NaN;
            case 2 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 3 -> (double) random.nextInt(100_000);
            case 4 -> random.nextDouble() * 1e-9;
            case 5 -> random.nextDouble() * 1e12;
            case 6 -> -0.0;
            default -> Math.round(random.nextDouble() * 1e6) / 1000.0;
        };
    }
}
