package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.media.MediaError;
import dev.medley.media.TestMedia;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioDecoderTest {
    @TempDir Path dir;

    private Path tone(String name, int rate, int channels, double seconds) throws IOException {
        return TestMedia.make(dir.resolve(name), List.of("-f", "lavfi", "-i",
                "sine=frequency=440:duration=" + seconds + ":sample_rate=" + rate, "-ac", Integer.toString(channels),
                "-c:a", "libmp3lame"));
    }

    @Test
    void audioWhoseFormatChangesMidFileIsResampledFrameByFrame() throws Exception {
        // MP3s joined end to end, as recorded radio and podcasts are: this crashed swr_convert.
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        List<Path> parts = List.of(tone("a.mp3", 44_100, 2, 2), tone("b.mp3", 22_050, 1, 2), tone("c.mp3", 8_000, 1, 2),
                tone("d.mp3", 48_000, 2, 2));
        Path joined = dir.resolve("joined.mp3");
        try (OutputStream out = Files.newOutputStream(joined)) {
            for (Path part : parts) {
                out.write(Files.readAllBytes(part));
            }
        }
        long samples = 0;
        int changes;
        try (AudioDecoder decoder = AudioDecoder.open(joined)) {
            long[] count = {0};
            while (decoder.next((pointer, n) -> count[0] += n)) {
                // Decoding.
            }
            samples = count[0];
            changes = decoder.formatChanges();
        }
        assertThat(changes).isGreaterThanOrEqualTo(2);
        // Every part is there, at 16 kHz: 8 s, give or take the encoders' padding.
        assertThat(samples / 16_000.0).isBetween(7.5, 8.6);
    }

    @Test
    void aFileThatIsNotMediaFailsWithAReasonInsteadOfReachingADecoder() throws Exception {
        Path elf = Files.copy(Path.of(System.getProperty("java.home"), "lib", "libjava.so"), dir.resolve("talk.mp3"));
        assertThatThrownBy(() -> AudioDecoder.open(elf)).isInstanceOf(MediaError.class)
                .hasMessage("not a media file: an executable (ELF)");
        Path playlist = Files.writeString(dir.resolve("talk.m4a"), "ffconcat version 1.0\nfile talk.m4a\n");
        assertThatThrownBy(() -> AudioDecoder.open(playlist)).isInstanceOf(MediaError.class)
                .hasMessageStartingWith("not a media file: a playlist");
    }
}
