package dev.medley.media;

import static org.bytedeco.ffmpeg.avformat.AVFormatContext.AVFMT_FLAG_CUSTOM_IO;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/** Loads FFmpeg's libraries once and holds what every native call into them shares. */
public final class Ffmpeg {
    /**
     * Tells FFmpeg to give up once the deadline in its opaque pointer has passed. One instance for
     * all calls: each native callback costs a slot that is never given back.
     */
    public static final AVIOInterruptCB.Callback_Pointer DEADLINE_CHECK = new DeadlineCheck();

    private static final int EINVAL = -22;
    private static final int HEAD_BYTES = 512;

    private static volatile boolean loaded;

    private Ffmpeg() {}

    /** Loads the native libraries and silences FFmpeg's own logging (errors come back as codes). */
    public static void load() {
        if (!loaded) {
            synchronized (Ffmpeg.class) {
                if (!loaded) {
                    Loader.load(avformat.class);
                    av_log_set_level(AV_LOG_QUIET);
                    loaded = true;
                }
            }
        }
    }

    /**
     * Opens {@code absolute} for reading: only the {@code file} protocol and only the demuxers of
     * {@link Demuxers#ALLOWED}, with every blocking read checking {@code deadline} (a
     * {@link System#nanoTime} value in a native long; null for none). Close the result with
     * {@code avformat_close_input}.
     *
     * @throws MediaError when FFmpeg cannot or may not open it, with the reason
     */
    public static AVFormatContext openInput(Path absolute, LongPointer deadline) throws MediaError {
        byte[] head = head(absolute);
        refuseNonMedia(head);
        load();
        AVFormatContext format = avformat_alloc_context();
        if (deadline != null) {
            format.interrupt_callback().callback(DEADLINE_CHECK).opaque(deadline);
        }
        int status;
        try (BytePointer url = fileUrl(absolute)) {
            status = open(format, url, "file");
        }
        if (status >= 0) {
            return format;
        }
        // A format off the list is refused with EINVAL: say what it is.
        throw openingFailed(status, head, status == EINVAL ? Demuxers.refusal(absolute) : null);
    }

    /**
     * Opens the media that {@code input}, a custom I/O context, reads, by the same rules as a file: refused when
     * {@code head} (its first bytes, 4 KiB or all there are) is a kind of file that is never media, and only the
     * demuxers of {@link Demuxers#ALLOWED}. No protocol at all is allowed, so nothing the media names is opened.
     * {@code name} is opened by no one: like a file name, its extension only helps FFmpeg guess the format.
     * Close the result with {@code avformat_close_input}, then free {@code input}, which stays the caller's.
     *
     * @throws MediaError when FFmpeg cannot or may not open it, with the reason
     */
    public static AVFormatContext openInput(AVIOContext input, byte[] head, String name) throws MediaError {
        // The signatures are judged on as many bytes as a file's are, so that bytes and files are refused alike.
        byte[] start = head.length > HEAD_BYTES ? java.util.Arrays.copyOf(head, HEAD_BYTES) : head;
        refuseNonMedia(start);
        load();
        AVFormatContext format = avformat_alloc_context();
        // Custom I/O: FFmpeg reads through input but never frees it, also when opening fails.
        format.pb(input).flags(format.flags() | AVFMT_FLAG_CUSTOM_IO);
        String extension = MediaSniffer.extension(name);
        int status;
        try (BytePointer url = new BytePointer(extension.matches("[a-z0-9]{1,10}") ? "input." + extension : "input")) {
            status = open(format, url, "none");
        }
        if (status >= 0) {
            return format;
        }
        throw openingFailed(status, start, status == EINVAL ? Demuxers.refusal(head) : null);
    }

    private static void refuseNonMedia(byte[] head) throws MediaError {
        String notMedia = MediaSniffer.notMedia(head);
        if (notMedia != null) {
            throw new MediaError("not a media file: " + notMedia, null);
        }
    }

    // Opens under the demuxer whitelist and the protocols named ("none": none at all); on failure FFmpeg
    // has freed the context.
    private static int open(AVFormatContext format, BytePointer url, String protocols) {
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "protocol_whitelist", protocols, 0);
        av_dict_set(options, "format_whitelist", Demuxers.ALLOWED, 0);
        try {
            return avformat_open_input(format, url, null, options);
        } finally {
            av_dict_free(options);
        }
    }

    private static MediaError openingFailed(int status, byte[] head, String refusal) {
        if (refusal == null && status == AVERROR_INVALIDDATA && MediaSniffer.looksLikeMedia(head)) {
            refusal = "damaged: it starts as a media file but cannot be read (cut short, or its index is missing)";
        }
        return refusal != null ? new MediaError(refusal, errorText(status)) : MediaError.of(status, MediaError.OPENING);
    }

    private static byte[] head(Path file) throws MediaError {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (java.io.IOException e) {
            throw new MediaError("cannot read: " + Scanner.describe(e), null);
        }
    }

    /**
     * Returns {@code file:} followed by the path's exact bytes, NUL-terminated. The prefix keeps
     * FFmpeg from reading a name such as {@code concat:a|b} as a protocol; the raw bytes reach
     * names that are not valid UTF-8.
     */
    public static BytePointer fileUrl(Path absolute) {
        byte[] path = dev.medley.core.RawPaths.bytes(absolute);
        byte[] url = new byte[5 + path.length + 1];
        System.arraycopy("file:".getBytes(StandardCharsets.US_ASCII), 0, url, 0, 5);
        System.arraycopy(path, 0, url, 5, path.length);
        return new BytePointer(url);
    }

    /** Returns whether the command-line tool {@code command} (ffmpeg, ffprobe) is installed and runs. */
    public static boolean toolInstalled(String command) {
        try {
            Process process = new ProcessBuilder(command, "-version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Returns FFmpeg's text for an error code. */
    public static String errorText(int status) {
        byte[] buffer = new byte[256];
        if (av_strerror(status, buffer, buffer.length) < 0) {
            return "FFmpeg error " + status;
        }
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }

    private static final class DeadlineCheck extends AVIOInterruptCB.Callback_Pointer {
        @Override
        public int call(Pointer opaque) {
            if (opaque == null || opaque.isNull()) {
                return 0;
            }
            return System.nanoTime() > new LongPointer(opaque).get() ? 1 : 0;
        }
    }
}
