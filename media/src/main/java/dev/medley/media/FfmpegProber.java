package dev.medley.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_BITRATE;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NO_BYTE_SEEK;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BYTE;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Probes a file in this process with FFmpeg's libraries: one open, stream info, then the first
 * packets of the main stream decoded to tell whether it plays.
 *
 * <p>Native code is guarded on the Java side first: files that are empty or unreadable never reach
 * FFmpeg; each file passes the {@link CrashGuard} (quarantined files are refused, the file in flight
 * is recorded); only the {@code file} protocol and the {@link Demuxers} of media containers are
 * allowed, so a crafted playlist cannot make FFmpeg open other files or network addresses; and every
 * blocking read checks a deadline through FFmpeg's interrupt callback. FFmpeg's error codes come
 * back as {@link MediaError}s: a reason for people, FFmpeg's text as detail.
 */
final class FfmpegProber implements Prober {
    private static final int EAGAIN = -11; // AVERROR(EAGAIN) on Linux
    private static final int MAX_PACKETS_TO_DECODE = 64;
    private static final int WAV_CODEC_PROBE_BYTES = 32 * 1024;
    private static final double TRUNCATION_TOLERANCE = 0.05;
    private static final int MIN_TRUNCATION_CHECK_SECONDS = 4;
    private static final long TAIL_BYTES = 64 * 1024;
    private static final int MAX_TAIL_PACKETS = 256;
    private static final java.util.Set<String> TIMESTAMPED_CONTAINERS = java.util.Set.of("flac");

    private final Duration timeout;

    // FFmpeg's libraries load at the first file that reaches them, not here: a run whose files are
    // all current in the catalog, or a folder with no media, never needs them.
    FfmpegProber(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "ffmpeg";
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public MediaProbe probe(Path file) {
        ProbeTarget target = ProbeTarget.of(file, name());
        if (target.refusal() != null) {
            return target.refusal();
        }
        // Loaded before the guard: a crash while loading the libraries is not this file's.
        Ffmpeg.load();
        try (CrashGuard.Pass pass = CrashGuard.enter(target.absolute(), "probe");
                PointerScope scope = new PointerScope()) {
            LongPointer deadline = new LongPointer(1);
            deadline.put(System.nanoTime() + timeout.toNanos());
            return probeNative(target.absolute(), target.path(), target.size(), deadline);
        } catch (MediaError e) {
            return MediaProbe.failure(target.path(), target.size(), e.getMessage(), e.detail(), name());
        }
    }

    private MediaProbe probeNative(Path file, String path, long size, LongPointer deadline) {
        AVFormatContext format;
        try {
            format = Ffmpeg.openInput(file, deadline);
        } catch (MediaError e) {
            return MediaProbe.failure(path, size, timedOut(deadline) ? timeoutText() : e.getMessage(), e.detail(), name());
        }
        try {
            limitCodecProbing(format);
            int status = avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (status < 0) {
                return new ProbeBuilder(path, size, name()).failed(error(status, MediaError.READING_STREAMS, deadline));
            }
            ProbeBuilder probe = new ProbeBuilder(path, size, name()).format(format);
            int video = mainVideoStream(format);
            int audio = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            probe.mainStreams(video, audio < 0 ? -1 : audio).streamTags(format, audio);
            int main = video >= 0 ? video : audio;
            if (main < 0) {
                return probe.failed("no audio or video stream");
            }
            MediaError problem = firstPacketsDecode(format, main, deadline);
            if (problem != null) {
                return probe.failed(problem);
            }
            String truncated = truncation(format, audio, size);
            return truncated == null ? probe.playable() : probe.playsButFailed(truncated);
        } finally {
            avformat_close_input(format);
        }
    }

    /*
     * WAV's 16-bit PCM may really be AC-3 or DTS in disguise, so FFmpeg runs every demuxer's probe
     * over the first 32 packets, again at each doubling of the buffer: about 15 ms for a small file,
     * 60 times the rest of the probe. 32 KB holds several AC-3/DTS bursts, enough to recognise one.
     */
    private static void limitCodecProbing(AVFormatContext format) {
        if ("wav".equals(format.iformat().name().getString())) {
            format.probesize(WAV_CODEC_PROBE_BYTES);
        }
    }

    // The best video stream that is a picture sequence, not cover art.
    private static int mainVideoStream(AVFormatContext format) {
        int best = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (best >= 0 && (format.streams(best).disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
            return best;
        }
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream stream = format.streams(i);
            if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO
                    && (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return i;
            }
        }
        return -1;
    }

    /*
     * A file cut short (a partial download, a full disk) still opens and its first frames play, and
     * its headers still promise the whole duration (FFmpeg only shortens what it measured itself).
     * So look at the audio in the file's last bytes (one seek, a few packets): if it ends well before
     * the promised end, the file is truncated, and that is where it ends. That works where packets
     * carry their own time (FLAC); other files are read where the headers say the last seconds are,
     * through their index or table of contents. Audio only: every
     * audio packet stands on its own, while video must go back to a key frame that may be far away.
     */
    private static String truncation(AVFormatContext format, int audio, long size) {
        if (audio < 0 || format.duration_estimation_method() == AVFMT_DURATION_FROM_BITRATE) {
            return null;
        }
        long duration = audioDuration(format, audio);
        if (duration <= AV_TIME_BASE * MIN_TRUNCATION_CHECK_SECONDS || duration == AV_NOPTS_VALUE) {
            return null;
        }
        long start = format.start_time() == AV_NOPTS_VALUE ? 0 : format.start_time();
        double seconds = duration / (double) AV_TIME_BASE;
        double tolerance = Math.max(TRUNCATION_TOLERANCE * seconds, 2.0);
        double readable = carriesTimestamps(format)
                ? lastAudioAt(format, audio, size)
                : lastAudioBySeeking(format, audio, start, seconds, tolerance);
        if (Double.isNaN(readable) || readable >= seconds * 0.97 - tolerance) {
            return null; // The audio goes on to where the headers say it ends (or no way to tell).
        }
        if (readable <= tolerance) {
            return null; // Nothing readable past the start: this file cannot seek, which proves nothing.
        }
        long missing = Math.round((1 - readable / seconds) * 100);
        return String.format(java.util.Locale.ROOT, "truncated: the last %d%% is missing (it ends near %s of %s)",
                missing, clock(readable), clock(seconds));
    }

    // Containers whose packets reliably carry their own time after a jump to a byte position: a FLAC
    // frame header holds its sample number. (An MP3 frame holds none, and FFmpeg guesses it from the
    // position; Ogg and Matroska resynchronise on pages and clusters that a tail may not hold whole.)
    private static boolean carriesTimestamps(AVFormatContext format) {
        if ((format.iformat().flags() & AVFMT_NO_BYTE_SEEK) != 0) {
            return false;
        }
        for (String name : format.iformat().name().getString().split(",")) {
            if (TIMESTAMPED_CONTAINERS.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the time of the last audio packet in the file's last bytes, or NaN when that cannot be read. */
    private static double lastAudioAt(AVFormatContext format, int audio, long size) {
        if (av_seek_frame(format, -1, Math.max(0, size - TAIL_BYTES), AVSEEK_FLAG_BYTE) < 0) {
            return Double.NaN;
        }
        double last = Double.NaN;
        try (AVPacket packet = av_packet_alloc()) {
            for (int read = 0; read < MAX_TAIL_PACKETS && av_read_frame(format, packet) >= 0; read++) {
                try {
                    double at = seconds(format, audio, packet);
                    if (!Double.isNaN(at)) {
                        last = Double.isNaN(last) ? at : Math.max(last, at);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        }
        return last;
    }

    // For containers that seek only by time (MP4): read where the headers say the last seconds are,
    // and when nothing is there, find where the file really ends by halving the gap.
    private static double lastAudioBySeeking(AVFormatContext format, int audio, long start, double seconds,
            double tolerance) {
        double near = readableAt(format, audio, start, seconds * 0.97);
        if (Double.isNaN(near) || near >= seconds * 0.97 - tolerance) {
            return near;
        }
        double readable = Math.max(0, near);
        double unreadable = seconds * 0.97;
        for (int step = 0; step < 6 && unreadable - readable > tolerance; step++) {
            double middle = (readable + unreadable) / 2;
            double found = readableAt(format, audio, start, middle);
            if (!Double.isNaN(found) && found >= middle - tolerance) {
                readable = Math.max(readable, found);
            } else {
                unreadable = middle;
            }
        }
        return readable;
    }

    // The time of an audio packet in seconds from the stream's start, or NaN for other packets.
    private static double seconds(AVFormatContext format, int audio, AVPacket packet) {
        AVStream stream = format.streams(audio);
        AVRational base = stream.time_base();
        if (packet.stream_index() != audio || packet.pts() == AV_NOPTS_VALUE || base.num() <= 0 || base.den() <= 0) {
            return Double.NaN;
        }
        long streamStart = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
        return (packet.pts() - streamStart) * base.num() / (double) base.den();
    }

    // The audio stream's own duration where the container gives one (its audio may end before its
    // video), else the container's; in AV_TIME_BASE units.
    private static long audioDuration(AVFormatContext format, int audio) {
        AVStream stream = format.streams(audio);
        AVRational base = stream.time_base();
        if (stream.duration() > 0 && stream.duration() != AV_NOPTS_VALUE && base.num() > 0 && base.den() > 0) {
            return (long) (stream.duration() * (double) base.num() / base.den() * AV_TIME_BASE);
        }
        return format.duration();
    }

    /**
     * Seeks to {@code seconds} and returns the time of the first audio packet found there; -1 when
     * there is none (the file ends before), NaN when the file cannot seek.
     */
    private static double readableAt(AVFormatContext format, int audio, long start, double seconds) {
        if (av_seek_frame(format, -1, start + (long) (seconds * AV_TIME_BASE), AVSEEK_FLAG_BACKWARD) < 0) {
            return Double.NaN;
        }
        try (AVPacket packet = av_packet_alloc()) {
            for (int read = 0; read < MAX_TAIL_PACKETS; read++) {
                if (av_read_frame(format, packet) < 0) {
                    return -1;
                }
                try {
                    double at = seconds(format, audio, packet);
                    if (!Double.isNaN(at)) {
                        return at;
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            return Double.NaN;
        }
    }

    private static String clock(double seconds) {
        long total = Math.round(seconds);
        return total >= 3600
                ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", total / 60, total % 60);
    }

    /** Returns null when a frame of stream {@code index} decodes, else what went wrong. */
    private MediaError firstPacketsDecode(AVFormatContext format, int index, LongPointer deadline) {
        AVCodecParameters parameters = format.streams(index).codecpar();
        AVCodec codec = avcodec_find_decoder(parameters.codec_id());
        if (codec == null) {
            return new MediaError("unsupported codec: FFmpeg has no decoder for "
                    + avcodec_get_name(parameters.codec_id()).getString(), null);
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            int status = avcodec_parameters_to_context(context, parameters);
            if (status >= 0) {
                context.thread_count(1); // One frame to decode: threads would cost more than they save.
                status = avcodec_open2(context, codec, (AVDictionary) null);
            }
            if (status < 0) {
                return error(status, "opening the " + avcodec_get_name(parameters.codec_id()).getString() + " decoder",
                        deadline);
            }
            MediaError lastError = new MediaError("does not play: no packets of its main stream", null);
            for (int packets = 0; packets < MAX_PACKETS_TO_DECODE; ) {
                status = av_read_frame(format, packet);
                if (status < 0) {
                    if (status != AVERROR_EOF) {
                        lastError = error(status, MediaError.DECODING, deadline);
                    }
                    break;
                }
                try {
                    if (packet.stream_index() != index) {
                        continue;
                    }
                    packets++;
                    status = avcodec_send_packet(context, packet);
                    if (status < 0 && status != EAGAIN) {
                        lastError = error(status, MediaError.DECODING, deadline);
                        continue;
                    }
                    status = avcodec_receive_frame(context, frame);
                    if (status >= 0) {
                        return null;
                    }
                    if (status != EAGAIN) {
                        lastError = error(status, MediaError.DECODING, deadline);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            // Decoders with delay hold frames back until flushed.
            avcodec_send_packet(context, null);
            return avcodec_receive_frame(context, frame) >= 0 ? null : lastError;
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(context);
        }
    }

    private MediaError error(int status, String doing, LongPointer deadline) {
        return timedOut(deadline) ? new MediaError(timeoutText(), Ffmpeg.errorText(status)) : MediaError.of(status, doing);
    }

    private static boolean timedOut(LongPointer deadline) {
        return System.nanoTime() > deadline.get();
    }

    private String timeoutText() {
        return "timed out after " + timeout.toSeconds() + " s";
    }
}
