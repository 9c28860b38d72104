package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.media.MediaError;
import dev.medley.media.sample.SampleMedia;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bytes and streams of media decode exactly as the file does, under the same refusals; samples are resampled. */
class AudioSourceTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(value = SampleMedia.Format.class, names = {"WAV", "FLAC", "MP3", "OGG_VORBIS", "OPUS", "M4A_AAC",
            "MKV_H264_AAC"})
    void bytesAndStreamsDecodeToTheSamplesOfTheFile(SampleMedia.Format format) throws Exception {
        assumeTrue(SampleMedia.available().contains(format), format + " cannot be written by this FFmpeg build");
        Path file = dir.resolve("talk." + format.extension());
        SampleMedia.write(file, format, Duration.ofSeconds(3), Map.of("title", "Talk"));
        byte[] media = Files.readAllBytes(file);

        float[] fromFile = Decoded.samples(file);
        float[] fromBytes = Decoded.samples(AudioSource.of(media, "upload." + format.extension()));
        float[] fromStream = Decoded.samples(AudioSource.of(new ByteArrayInputStream(media), "upload"));

        assertThat(fromFile.length / 16_000.0).isBetween(2.9, 3.2);
        assertThat(fromBytes).containsExactly(fromFile);
        assertThat(fromStream).containsExactly(fromFile);
    }

    @Test
    void anM4aWithItsIndexAfterTheAudioDecodesFromAStream() throws Exception {
        assumeTrue(SampleMedia.available().contains(SampleMedia.Format.M4A_AAC), "no AAC encoder");
        Path file = dir.resolve("memo.m4a");
        SampleMedia.write(file, SampleMedia.Format.M4A_AAC, Duration.ofSeconds(2), Map.of());
        byte[] media = Files.readAllBytes(file);
        // As phones write them: the moov atom, which FFmpeg needs first, comes after the audio (mdat).
        String atoms = new String(media, StandardCharsets.ISO_8859_1);
        assertThat(atoms.indexOf("moov")).isGreaterThan(atoms.indexOf("mdat"));

        assertThat(Decoded.samples(AudioSource.of(new ByteArrayInputStream(media), "memo.m4a")))
                .containsExactly(Decoded.samples(file));
    }

    @Test
    void aStreamIsReadToItsEndLeftOpenAndItsCopyIsGoneWhileDecoding() throws Exception {
        Path file = dir.resolve("talk.wav");
        Files.write(file, WavEncoder.encode(tone(16_000, 440, 2.0)));
        AtomicBoolean closed = new AtomicBoolean();
        InputStream stream = new ByteArrayInputStream(Files.readAllBytes(file)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        List<Path> before = spools();

        try (DecodedAudio decoder = DecodedAudio.open(AudioSource.of(stream, "talk.wav"))) {
            assertThat(stream.read()).isEqualTo(-1);
            assertThat(spools()).isEqualTo(before); // unlinked once open: nothing to leave behind
            assertThat(decoder.next((pointer, count) -> {})).isTrue();
        }
        assertThat(closed).isFalse();
        assertThat(spools()).isEqualTo(before);
    }

    @Test
    void bytesAreRefusedAsFilesAreAndTheMessageNamesThem() throws Exception {
        byte[] elf = Files.readAllBytes(Path.of(System.getProperty("java.home"), "lib", "libjava.so"));
        assertThatThrownBy(() -> Decoded.samples(AudioSource.of(elf, "talk.mp3"))).isInstanceOf(MediaError.class)
                .hasMessage("talk.mp3: not a media file: an executable (ELF)");
        assertThatThrownBy(() -> Decoded.samples(AudioSource.of(new ByteArrayInputStream(elf), "upload 7")))
                .isInstanceOf(MediaError.class).hasMessage("upload 7: not a media file: an executable (ELF)");

        // A playlist would open what it lists: the demuxer whitelist keeps it out of bytes as out of files.
        byte[] playlist = "ffconcat version 1.0\nfile /etc/hostname\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Decoded.samples(AudioSource.of(playlist, "talk.m4a"))).isInstanceOf(MediaError.class)
                .hasMessageStartingWith("talk.m4a: not a media file: a playlist");

        assertThatThrownBy(() -> Decoded.samples(AudioSource.of(new byte[0], "nothing.wav")))
                .isInstanceOf(IOException.class).hasMessage("nothing.wav: empty (0 bytes)");
        assertThatThrownBy(() -> Decoded.samples(AudioSource.of("just words".getBytes(StandardCharsets.UTF_8),
                "words.mp3"))).isInstanceOf(MediaError.class).hasMessageStartingWith("words.mp3: not a media file");
    }

    @Test
    void bytesCutShortFailNamingThemOrDecodeWhatThereIs() throws Exception {
        assumeTrue(SampleMedia.available().contains(SampleMedia.Format.M4A_AAC), "no AAC encoder");
        Path file = dir.resolve("memo.m4a");
        SampleMedia.write(file, SampleMedia.Format.M4A_AAC, Duration.ofSeconds(2), Map.of());
        byte[] media = Files.readAllBytes(file);
        byte[] cut = Arrays.copyOf(media, media.length / 2); // the moov atom is in the half cut off

        assertThatThrownBy(() -> Decoded.samples(AudioSource.of(cut, "memo.m4a"))).isInstanceOf(MediaError.class)
                .hasMessageStartingWith("memo.m4a: ");
    }

    @Test
    void samplesAtTheWindowsRateAreTakenAsTheyAre() throws Exception {
        float[] samples = tone(16_000, 440, 1.5);

        assertThat(Decoded.samples(AudioSource.pcm(samples, 16_000))).containsExactly(samples);
    }

    @Test
    void samplesAtOtherRatesAreResampledTo16kHz() throws Exception {
        for (int rate : new int[] {8_000, 44_100, 48_000}) {
            float[] resampled = Decoded.samples(AudioSource.pcm(tone(rate, 440, 2.0), rate));

            assertThat(resampled.length / 16_000.0).as("%d Hz", rate).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
            // Still a 440 Hz tone: 880 zero crossings a second.
            assertThat(crossings(resampled) / 2.0).as("%d Hz", rate).isCloseTo(880, org.assertj.core.data.Offset.offset(4.0));
        }
    }

    @Test
    void samplesThatAreNotNumbersFailNamingThem() {
        float[] samples = tone(16_000, 440, 1.0);
        samples[12_345] = Float.NaN;

        assertThatThrownBy(() -> Decoded.samples(AudioSource.pcm(samples, 16_000))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("PCM audio: sample 12345 is NaN");
        assertThatThrownBy(() -> AudioSource.pcm(samples, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample rate");
        assertThatThrownBy(() -> AudioSource.of(new byte[1], " ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static float[] tone(int rate, double frequency, double seconds) {
        float[] samples = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return samples;
    }

    private static int crossings(float[] samples) {
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if (samples[i - 1] < 0 != samples[i] < 0) {
                crossings++;
            }
        }
        return crossings;
    }

    private static List<Path> spools() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().startsWith("medley-audio-")).sorted()
                    .toList());
        }
    }
}
