package dev.medley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.media.sample.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process prober's guards: deadlines, protocols, and files FFmpeg must never see. */
class FfmpegProberTest {
    @TempDir Path dir;

    @Test
    void aProbePastItsDeadlineStopsWithATimeout() throws Exception {
        Path file = dir.resolve("tone.flac");
        SampleMedia.write(file, SampleMedia.Format.FLAC, Duration.ofSeconds(2), Map.of());
        MediaProbe probe = Prober.inProcess(Duration.ofNanos(1)).probe(file);
        assertThat(probe.ok()).isFalse();
        assertThat(probe.error()).startsWith("timed out after");
        assertThat(Prober.inProcess(Duration.ofSeconds(10)).probe(file).ok()).isTrue();
    }

    @Test
    void aPlaylistDisguisedAsAFilmCannotMakeFfmpegOpenOtherFilesOrTheNetwork() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.ts"), "x");
        Path playlist = Files.writeString(dir.resolve("film.mp4"), """
                #EXTM3U
                #EXT-X-TARGETDURATION:10
                #EXTINF:10,
                http://127.0.0.1:9/segment.ts
                #EXTINF:10,
                file:%s
                #EXT-X-ENDLIST
                """.formatted(secret));
        MediaProbe probe = Prober.inProcess(Duration.ofSeconds(10)).probe(playlist);
        assertThat(probe.ok()).isFalse();
        assertThat(probe.error()).isNotBlank();
    }

    @Test
    void emptyAndUnreadableFilesNeverReachFfmpeg() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mkv"));
        assertThat(Prober.inProcess(Duration.ofSeconds(10)).probe(empty).error()).isEqualTo("empty file (0 bytes)");
        assertThat(Prober.inProcess(Duration.ofSeconds(10)).probe(dir.resolve("gone.mkv")).error())
                .isEqualTo("cannot read: no such file or directory");
    }

    @Test
    void coverArtIsNotTakenForTheMainVideoStream() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        Path mp3 = TestMedia.make(dir.resolve("song.mp3"), java.util.List.of(
                "-f", "lavfi", "-i", "sine=duration=2", "-f", "lavfi", "-i", "color=red:size=64x64:duration=0.1",
                "-map", "0", "-map", "1", "-frames:v", "1", "-c:a", "libmp3lame", "-c:v", "png",
                "-disposition:v", "attached_pic"));
        MediaProbe probe = Prober.inProcess(Duration.ofSeconds(10)).probe(mp3);
        assertThat(probe.streams()).anySatisfy(stream -> {
            assertThat(stream.type()).isEqualTo("video");
            assertThat(stream.attachedPicture()).isTrue();
        });
        assertThat(probe.videoCodec()).isNull();
        assertThat(probe.audioCodec()).isEqualTo("mp3");
        assertThat(probe.ok()).isTrue();
        assertThat(probe.playable()).isTrue();
    }
}
