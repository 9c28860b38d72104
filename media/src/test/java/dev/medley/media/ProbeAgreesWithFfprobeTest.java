package dev.medley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** In-process probing must report what ffprobe reports, for every container/codec pair. */
class ProbeAgreesWithFfprobeTest {
    @TempDir static Path dir;

    private static final Prober IN_PROCESS = Prober.inProcess(Duration.ofSeconds(30));
    private static final Prober FFPROBE = Prober.ffprobe(Duration.ofSeconds(30));

    @BeforeAll
    static void requireFfmpeg() {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg and ffprobe are not installed");
    }

    static Stream<TestMedia.Kind> kinds() {
        return TestMedia.KINDS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void agrees(TestMedia.Kind kind) throws Exception {
        Path file = TestMedia.make(dir, kind);
        MediaProbe ours = IN_PROCESS.probe(file);
        MediaProbe theirs = FFPROBE.probe(file);

        assertThat(ours.ok()).as(ours.error()).isTrue();
        assertThat(ours.playable()).isTrue();
        assertThat(theirs.ok()).as(theirs.error()).isTrue();
        assertThat(ours.path()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(ours.formatName()).isEqualTo(theirs.formatName());
        double tolerance = Math.max(0.05, theirs.durationSeconds() * 0.005);
        assertThat(ours.durationSeconds()).isCloseTo(theirs.durationSeconds(), within(tolerance));
        assertThat(ours.durationSeconds()).isCloseTo(2.5, within(0.2));

        // Both must match the codecs the file was made with, and each other.
        assertThat(ours.videoCodec()).isEqualTo(kind.videoCodec()).isEqualTo(theirs.videoCodec());
        assertThat(ours.audioCodec()).isEqualTo(kind.audioCodec()).isEqualTo(theirs.audioCodec());
        assertThat(ours.width()).isEqualTo(kind.width()).isEqualTo(theirs.width());
        assertThat(ours.height()).isEqualTo(kind.height()).isEqualTo(theirs.height());
        assertThat(ours.sampleRate()).isEqualTo(kind.sampleRate()).isEqualTo(theirs.sampleRate());
        assertThat(ours.channels()).isEqualTo(kind.channels()).isEqualTo(theirs.channels());
        assertThat(ours.sizeBytes()).isEqualTo(theirs.sizeBytes()).isPositive();
        assertThat(ours.streams()).hasSameSizeAs(theirs.streams());
        assertThat(ours.tags()).containsAllEntriesOf(theirs.tags());
        if (!kind.file().endsWith(".ts")) { // MPEG-TS carries no artist or title.
            assertThat(ours.tags()).containsEntry("artist", "Test Artist").containsEntry("title", "Tëst Title ♪");
        }
        if (kind.videoCodec() != null) {
            assertThat(ours.frameRate()).isCloseTo(25.0, within(0.01));
        }
    }
}
