package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.media.sample.SampleMedia;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transcript of a file's bytes, or of a stream of it, is the transcript of the file. */
class TranscriberSourcesTest {
    @TempDir Path dir;

    @Test
    void bytesAndAStreamOfAFileGiveTheFilesTranscript() throws Exception {
        assumeTrue(SampleMedia.available().contains(SampleMedia.Format.M4A_AAC), "no AAC encoder");
        Path file = dir.resolve("talk.m4a");
        SampleMedia.write(file, SampleMedia.Format.M4A_AAC, Duration.ofSeconds(40), Map.of());
        byte[] media = Files.readAllBytes(file);
        List<Double> heard = new ArrayList<>();
        TranscriptionProgress progress = new TranscriptionProgress() {
            @Override
            public void heard(Path file, double seconds, double totalSeconds) {}

            @Override
            public synchronized void heard(AudioSource source, double seconds, double totalSeconds) {
                if (source.name().equals("upload.m4a")) {
                    heard.add(seconds);
                }
            }
        };

        try (Transcriber transcriber = Transcriber.over(new FakeHearingEngine(), Transcriber.Batching.DEFAULT)) {
            Transcript fromFile = transcriber.transcribe(file, false);
            Transcript fromBytes = transcriber.transcribe(AudioSource.of(media, "upload.m4a"), false, progress);
            Transcript fromStream = transcriber.transcribe(AudioSource.of(new ByteArrayInputStream(media), "talk"),
                    false);

            assertThat(fromFile.windows()).isEqualTo(2); // 40 s without VAD: two windows of up to 30 s
            for (Transcript other : List.of(fromBytes, fromStream)) {
                assertThat(other.segments()).isEqualTo(fromFile.segments());
                assertThat(other.audioSeconds()).isEqualTo(fromFile.audioSeconds());
                assertThat(other.windows()).isEqualTo(fromFile.windows());
            }
            assertThat(fromFile.path()).isEqualTo(file.toAbsolutePath().toString());
            assertThat(fromBytes.path()).isEqualTo("upload.m4a");
            assertThat(fromStream.path()).isEqualTo("talk");
            assertThat(heard).isNotEmpty().last().isEqualTo(fromBytes.audioSeconds());
        }
    }

    @Test
    void realSpeechFromBytesAndAStreamIsCutAndHeardAsFromTheFile() throws Exception {
        assumeTrue(SharedAudio.present(), "../shared/audio is absent");
        // A fake that hears sample digests, not Sphinx4: its recogniser adapts to what it heard before (its
        // cepstral mean), so one engine can hear the same audio differently the second time.
        try (Transcriber transcriber = Transcriber.over(new FakeHearingEngine(), Transcriber.Batching.DEFAULT)) {
            for (Path clip : SharedAudio.clips().keySet()) {
                byte[] media = Files.readAllBytes(clip);
                String name = clip.getFileName().toString();
                Transcript fromFile = transcriber.transcribe(clip, true);
                Transcript fromBytes = transcriber.transcribe(AudioSource.of(media, name), true);
                Transcript fromStream = transcriber.transcribe(AudioSource.of(new ByteArrayInputStream(media), name),
                        true);

                assertThat(fromFile.windows()).as(name).isPositive();
                assertThat(fromBytes.segments()).as(name).isEqualTo(fromFile.segments());
                assertThat(fromStream.segments()).as(name).isEqualTo(fromFile.segments());
            }
        }
    }

    /** Hears in each window a digest of its samples: transcripts agree only if the audio does, sample for sample. */
    static final class FakeHearingEngine implements SpeechEngine {
        @Override
        public List<WindowResult> transcribe(List<AudioWindow> batch) {
            List<WindowResult> heard = new ArrayList<>();
            for (AudioWindow window : batch) {
                heard.add(new WindowTranscript(window.id(), List.of(new Segment(0, window.durationSeconds(),
                        window.samples().length + " samples, digest " + java.util.Arrays.hashCode(window.samples()),
                        List.of())), "en"));
            }
            return heard;
        }

        @Override
        public int maxConcurrentBatches() {
            return 1;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String model() {
            return "digest";
        }

        @Override
        public void close() {}
    }
}
