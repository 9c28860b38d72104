package dev.medley.media.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_supported_config;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/** Shared helpers for calling FFmpeg: error translation, encoder lookup, file names. */
final class FfmpegCalls {

    /** {@code AVERROR(EAGAIN)}, which bytedeco exposes only as a function. */
    static final int EAGAIN;

    static {
        // A library that writes sample files must not print to the caller's terminal.
        av_log_set_level(AV_LOG_QUIET);
        EAGAIN = AVERROR_EAGAIN();
    }

    private FfmpegCalls() {}

    /** Makes sure the static setup above has run. */
    static void init() {
        // Loading the class is the whole job.
    }

    /** Returns {@code ret} when it is not an FFmpeg error code, else throws an IOException that names the file. */
    static int check(int ret, String action, Path file) throws IOException {
        if (ret < 0) {
            throw new IOException(action + " failed for " + file + ": " + describe(ret));
        }
        return ret;
    }

    /** Returns FFmpeg's text for an error code, with the code itself. */
    static String describe(int errorCode) {
        byte[] buffer = new byte[256];
        if (av_strerror(errorCode, buffer, buffer.length) < 0) {
            return "FFmpeg error " + errorCode;
        }
        int length = 0;
        while (length < buffer.length && buffer[length] != 0) {
            length++;
        }
        return new String(buffer, 0, length, UTF_8) + " (" + errorCode + ")";
    }

    /** Returns the first encoder of {@code names} that this build has, or null. */
    static AVCodec findEncoder(List<String> names) {
        for (String name : names) {
            AVCodec codec = avcodec_find_encoder_by_name(name);
            if (codec != null && !codec.isNull()) {
                return codec;
            }
        }
        return null;
    }

    /**
     * Returns the values an encoder accepts for one {@code AV_CODEC_CONFIG_*} setting whose values are ints
     * (sample formats, sample rates, pixel formats), or null when the encoder accepts any value.
     */
    static int[] supportedValues(AVCodec codec, int config) {
        try (PointerPointer<Pointer> values = new PointerPointer<>(1L);
                IntPointer count = new IntPointer(1L)) {
            if (avcodec_get_supported_config((AVCodecContext) null, codec, config, 0, values, count) < 0) {
                return null;
            }
            Pointer first = values.get(0);
            if (first == null || first.isNull()) {
                return null;
            }
            int[] result = new int[count.get()];
            new IntPointer(first).get(result);
            return result;
        }
    }

    /** Returns whether {@code values} (as from {@link #supportedValues}) admits {@code value}. */
    static boolean accepts(int[] values, int value) {
        if (values == null) {
            return true;
        }
        for (int candidate : values) {
            if (candidate == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns a {@code file:} URL for a path, so FFmpeg never reads a name as another protocol. The path is
     * encoded the way the JVM encodes file names, so FFmpeg creates the very file that
     * {@link java.nio.file.Files} later renames.
     */
    static BytePointer fileUrl(Path file) {
        return new BytePointer("file:" + file.toAbsolutePath(), fileNameCharset());
    }

    private static Charset fileNameCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return UTF_8;
        }
    }
}
