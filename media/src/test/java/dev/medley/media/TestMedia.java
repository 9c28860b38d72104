package dev.medley.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Generates real media files for tests with the ffmpeg command, one per container/codec pair. */
public final class TestMedia {
    /**
     * One kind of file: its name, the ffmpeg arguments that make it, and the codecs and size it
     * must be probed as.
     */
    public record Kind(String file, String videoCodec, String audioCodec, Integer width, Integer height,
            Integer sampleRate, Integer channels, List<String> encode) {}

    private static final List<String> TONE = List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=2.5:sample_rate=44100");
    private static final List<String> OPUS_TONE = List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=2.5:sample_rate=48000");
    private static final List<String> PICTURE = List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2.5");
    private static final List<String> TAGS = List.of("-metadata", "artist=Test Artist", "-metadata", "title=Tëst Title ♪");

    /** The container/codec pairs every prober must agree on. */
    public static final List<Kind> KINDS = List.of(
            audio("tone.mp3", "mp3", 44100, 1, TONE, "-c:a", "libmp3lame"),
            audio("tone.flac", "flac", 44100, 1, TONE, "-c:a", "flac"),
            audio("tone.ogg", "vorbis", 44100, 1, TONE, "-c:a", "libvorbis"),
            audio("tone.opus", "opus", 48000, 1, OPUS_TONE, "-c:a", "libopus"),
            audio("tone.m4a", "aac", 44100, 1, TONE, "-c:a", "aac"),
            audio("tone.wav", "pcm_s16le", 44100, 1, TONE, "-c:a", "pcm_s16le"),
            video("clip.mkv", "h264", null, 0, List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p")),
            video("clip.mp4", "h264", "aac", 44100,
                    List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac")),
            video("clip.webm", "vp9", "opus", 48000,
                    List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus")),
            video("clip.avi", "mpeg4", "mp3", 44100, List.of("-c:v", "mpeg4", "-c:a", "libmp3lame")),
            video("clip.mov", "h264", "aac", 44100,
                    List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac")),
            video("clip.ts", "mpeg2video", "mp2", 44100, List.of("-c:v", "mpeg2video", "-c:a", "mp2")),
            audio("tone.mka", "flac", 44100, 1, TONE, "-c:a", "flac"),
            video("clip-mjpeg.mov", "mjpeg", "pcm_s16le", 44100, List.of("-c:v", "mjpeg", "-c:a", "pcm_s16le")));

    private TestMedia() {}

    private static Kind audio(String file, String codec, int rate, int channels, List<String> input, String... encode) {
        List<String> args = new ArrayList<>(input);
        args.addAll(List.of(encode));
        return new Kind(file, null, codec, null, null, rate, channels, args);
    }

    private static Kind video(String file, String videoCodec, String audioCodec, int rate, List<String> encode) {
        List<String> args = new ArrayList<>(PICTURE);
        if (audioCodec != null) {
            args.addAll(rate == 48000 ? OPUS_TONE : TONE);
        }
        args.addAll(encode);
        return new Kind(file, videoCodec, audioCodec, 320, 240, audioCodec == null ? null : rate,
                audioCodec == null ? null : 1, args);
    }

    /** Returns whether the ffmpeg and ffprobe commands are installed. */
    public static boolean ffmpegAvailable() {
        return Ffmpeg.toolInstalled("ffmpeg") && Ffmpeg.toolInstalled("ffprobe");
    }

    /** Writes a file of {@code kind} into {@code dir}, tagged with an artist and a title, and returns it. */
    public static Path make(Path dir, Kind kind) throws IOException {
        return make(dir.resolve(kind.file()), kind.encode());
    }

    /** Runs ffmpeg with {@code arguments} (inputs and codecs) to write {@code target}. */
    public static Path make(Path target, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(arguments);
        command.addAll(TAGS);
        command.addAll(List.of("-shortest", target.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("ffmpeg failed for " + target + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (!Files.isRegularFile(target)) {
            throw new IOException("ffmpeg wrote nothing to " + target);
        }
        return target;
    }
}
