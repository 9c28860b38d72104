package dev.medley.media.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;

import dev.medley.media.sample.SampleMedia.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SampleMediaTest {

    private static final Duration LENGTH = Duration.ofSeconds(2);
    private static final Map<String, String> TAGS = Map.of(
            "artist", "Medley Ensemble",
            "title", "Test Tone Ünïcødé",
            "album", "Samples",
            "date", "2024",
            "track", "3");

    @TempDir
    Path dir;

    static Stream<Format> availableFormats() {
        return SampleMedia.available().stream();
    }

    @Test
    void offersAudioAndVideoFormatsWithThisFFmpegBuild() {
        assertThat(SampleMedia.available())
                .contains(Format.WAV, Format.FLAC, Format.M4A_AAC)
                .hasSizeGreaterThanOrEqualTo(10)
                .anyMatch(Format::hasVideo);
    }

    @ParameterizedTest
    @MethodSource("availableFormats")
    void writesFileThatFFmpegReadsBackWithCodecsDurationAndTags(Format format) throws IOException {
        Path file = dir.resolve("sample." + format.extension());

        SampleMedia.write(file, format, LENGTH, TAGS);

        assertThat(file).isRegularFile();
        assertThat(Files.size(file)).isPositive();
        Probe probe = Probe.of(file);
        assertThat(probe.audioCodecs()).containsExactly(format.audioCodec());
        assertThat(probe.videoCodecs()).containsExactlyElementsOf(format.videoCodec().stream().toList());
        assertThat(probe.seconds()).isCloseTo(LENGTH.toMillis() / 1000.0, within(0.15));
        if (format.carriesTags()) {
            TAGS.forEach((name, value) -> assertThat(probe.tag(readBackName(format, name)))
                    .as("tag %s", name)
                    .hasValue(value));
        }
    }

    /** Returns the name FFmpeg's demuxer gives a tag; its AVI reader calls the INFO album field "product". */
    private static String readBackName(Format format, String name) {
        return format.muxer().equals("avi") && name.equals("album") ? "product" : name;
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("tone.flac");
        Files.writeString(file, "not audio");

        SampleMedia.write(file, Format.FLAC, Duration.ofMillis(500), Map.of("title", "first"));
        SampleMedia.write(file, Format.FLAC, Duration.ofMillis(500), Map.of("title", "second"));

        assertThat(Probe.of(file).tag("title")).hasValue("second");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void reportsFFmpegErrorsAsIOExceptionNamingTheFile() {
        Path file = dir.resolve("missing").resolve("tone.wav");

        assertThatThrownBy(() -> SampleMedia.write(file, Format.WAV, Duration.ofSeconds(1), Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("No such file or directory");
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void rejectsDurationsThatAreNotPositive() {
        Path file = dir.resolve("tone.wav");

        assertThatThrownBy(() -> SampleMedia.write(file, Format.WAV, Duration.ZERO, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(file).doesNotExist();
    }

    @Test
    void writesDifferentFilesConcurrently() throws Exception {
        List<Format> formats = List.copyOf(SampleMedia.available());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 3 * formats.size(); i++) {
                Format format = formats.get(i % formats.size());
                Path file = dir.resolve("concurrent-" + i + "." + format.extension());
                results.add(pool.submit(() -> {
                    SampleMedia.write(file, format, Duration.ofMillis(400), TAGS);
                    return file;
                }));
            }
            for (Future<Path> result : results) {
                assertThat(Probe.of(result.get()).audioCodecs()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What FFmpeg's demuxers report about a file, read in process so the test needs no ffprobe. */
    private record Probe(List<String> audioCodecs, List<String> videoCodecs, double seconds,
            Map<String, String> tags) {

        /** Opens a file, reads its stream information and frees the native context again. */
        static Probe of(Path file) throws IOException {
            AVFormatContext context = new AVFormatContext(null);
            try (BytePointer name = new BytePointer(file.toAbsolutePath().toString(), UTF_8)) {
                int ret = avformat_open_input(context, name, (AVInputFormat) null, (AVDictionary) null);
                if (ret < 0) {
                    throw new IOException("Cannot open " + file + ": " + ret);
                }
            }
            try {
                if (avformat_find_stream_info(context, (AVDictionary) null) < 0) {
                    throw new IOException("Cannot read stream info of " + file);
                }
                List<String> audio = new ArrayList<>();
                List<String> video = new ArrayList<>();
                // Ogg keeps Vorbis comments on the stream; container tags win where both exist.
                Map<String, String> tags = new HashMap<>();
                for (int i = 0; i < context.nb_streams(); i++) {
                    AVCodecParameters parameters = context.streams(i).codecpar();
                    String codec = avcodec_get_name(parameters.codec_id()).getString();
                    if (parameters.codec_type() == AVMEDIA_TYPE_AUDIO) {
                        audio.add(codec);
                    } else if (parameters.codec_type() == AVMEDIA_TYPE_VIDEO) {
                        video.add(codec);
                    }
                    tags.putAll(entries(context.streams(i).metadata()));
                }
                tags.putAll(entries(context.metadata()));
                return new Probe(audio, video, context.duration() / (double) AV_TIME_BASE, tags);
            } finally {
                avformat_close_input(context);
            }
        }

        private static Map<String, String> entries(AVDictionary dictionary) {
            Map<String, String> entries = new HashMap<>();
            if (dictionary == null || dictionary.isNull()) {
                return entries;
            }
            AVDictionaryEntry entry = null;
            // An empty key that ignores suffixes matches every entry in turn.
            while ((entry = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX)) != null && !entry.isNull()) {
                entries.put(entry.key().getString(UTF_8).toLowerCase(Locale.ROOT),
                        entry.value().getString(UTF_8));
            }
            return entries;
        }

        /** Returns a tag by name, ignoring case as FFmpeg's own lookups do. */
        Optional<String> tag(String name) {
            return Optional.ofNullable(tags.get(name));
        }
    }
}
