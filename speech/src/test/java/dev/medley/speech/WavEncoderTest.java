package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WavEncoderTest {

    @Test
    void writesA16kHzMono16BitHeader() {
        byte[] wav = WavEncoder.encode(new float[3]);

        assertThat(HexFormat.of().formatHex(Arrays.copyOf(wav, WavEncoder.HEADER_BYTES))).isEqualTo(
                HexFormat.of().formatHex("RIFF".getBytes(StandardCharsets.US_ASCII)) + "2a000000"
                        + HexFormat.of().formatHex("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)) + "10000000"
                        + "0100" + "0100" + "803e0000" + "007d0000" + "0200" + "1000"
                        + HexFormat.of().formatHex("data".getBytes(StandardCharsets.US_ASCII)) + "06000000");
        assertThat(wav).hasSize(WavEncoder.HEADER_BYTES + 6);
    }

    @Test
    void writesAFileThatAStrictReaderAccepts() {
        float[] samples = RemoteEngineTest.window("w", 1.25).samples();

        WavFile wav = WavFile.parse(WavEncoder.encode(samples));

        assertThat(wav.sampleRate()).isEqualTo(16_000);
        assertThat(wav.channels()).isEqualTo(1);
        assertThat(wav.bitsPerSample()).isEqualTo(16);
        assertThat(wav.samples()).hasSize(samples.length);
        assertThat(wav.seconds()).isEqualTo(1.25);
        for (int i = 0; i < samples.length; i += 997) {
            assertThat(wav.samples()[i] / 32767.0).isCloseTo(samples[i], org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void clipsLoudSamplesAndSilencesNaN() {
        assertThat(WavEncoder.toPcm(1f)).isEqualTo((short) 32767);
        assertThat(WavEncoder.toPcm(-1f)).isEqualTo((short) -32767);
        assertThat(WavEncoder.toPcm(3.5f)).isEqualTo((short) 32767);
        assertThat(WavEncoder.toPcm(-3.5f)).isEqualTo((short) -32767);
        assertThat(WavEncoder.toPcm(Float.NaN)).isEqualTo((short) 0);
        assertThat(WavEncoder.toPcm(0.5f)).isEqualTo((short) 16384);
    }

    @Test
    void writesAnEmptyWindowAsAValidFile() {
        assertThat(WavFile.parse(WavEncoder.encode(new float[0])).samples()).isEmpty();
    }
}
