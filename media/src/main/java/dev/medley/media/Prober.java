package dev.medley.media;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads what a media file holds. Implementations never throw for a bad file: they return a
 * {@link MediaProbe} with {@code ok == false} and the reason. They are thread-safe.
 */
public sealed interface Prober permits FfmpegProber, FfprobeProber {

    /** Returns what {@code file} holds, taking at most about {@link #timeout()}. */
    MediaProbe probe(Path file);

    /** Returns this prober's name as recorded in the catalog. */
    String name();

    /** Returns how long one file may take. */
    Duration timeout();

    /** Returns a prober that opens each file once, in this process, through FFmpeg's libraries. */
    static Prober inProcess(Duration timeout) {
        return new FfmpegProber(timeout);
    }

    /** Returns a prober that runs the {@code ffprobe} command once per file: the baseline to compare with. */
    static Prober ffprobe(Duration timeout) {
        return new FfprobeProber(timeout);
    }

    /** Returns the prober named {@code name}: {@code ffmpeg} (in-process) or {@code ffprobe}. */
    static Prober named(String name, Duration timeout) {
        return switch (name) {
            case "ffmpeg" -> inProcess(timeout);
            case "ffprobe" -> ffprobe(timeout);
            default -> throw new IllegalArgumentException("unknown prober '" + name + "': use ffmpeg or ffprobe");
        };
    }
}
