package dev.medley.cli;

import dev.medley.media.sample.SampleMedia;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Real, probe-able media files for the packaged command's tests: one short clip, encoded once, and
 * each file that clip with bytes of its own appended, which players and probers ignore.
 */
final class TestMedia {
    private static byte[] clip;

    private TestMedia() {}

    /** Writes a media file at {@code file} whose content is its own, told apart by {@code unique}. */
    static Path write(Path file, long unique) throws IOException {
        return write(file, unique, 0);
    }

    /** Writes a media file at {@code file}, told apart by {@code unique}, padded with {@code padding} more bytes. */
    static Path write(Path file, long unique, int padding) throws IOException {
        byte[] media = clip();
        byte[] bytes = Arrays.copyOf(media, media.length + Long.BYTES + padding);
        ByteBuffer.wrap(bytes, media.length, Long.BYTES).putLong(unique);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    private static synchronized byte[] clip() throws IOException {
        if (clip == null) {
            SampleMedia.Format format = SampleMedia.available().contains(SampleMedia.Format.MKV_H264_AAC)
                    ? SampleMedia.Format.MKV_H264_AAC : SampleMedia.Format.FLAC;
            Path file = Files.createTempFile("medley-clip", "." + format.extension());
            try {
                SampleMedia.write(file, format, Duration.ofSeconds(1), Map.of());
                clip = Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        }
        return clip;
    }
}
