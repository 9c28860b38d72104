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
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.io.IOException;
import java.nio.file.Files;
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
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Probes a file in this process with FFmpeg's libraries: one open, stream info, then the first
 * packets of the main stream decoded to tell whether it plays.
 *
 * <p>Native code is guarded on the Java side first: files that are empty or unreadable never reach
 * FFmpeg; only the {@code file} protocol is allowed, so a crafted playlist cannot make FFmpeg open
 * network addresses; and every blocking read checks a deadline through FFmpeg's interrupt callback.
 */
final class FfmpegProber implements Prober {
    private static final int EAGAIN = -11; // AVERROR(EAGAIN) on Linux
    private static final int MAX_PACKETS_TO_DECODE = 64;
    private static final int WAV_CODEC_PROBE_BYTES = 32 * 1024;

    private final Duration timeout;

    FfmpegProber(Duration timeout) {
        this.timeout = timeout;
        Ffmpeg.load();
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
        try (PointerScope scope = new PointerScope()) {
            LongPointer deadline = new LongPointer(1);
            deadline.put(System.nanoTime() + timeout.toNanos());
            return probeNative(target.absolute(), target.path(), target.size(), deadline);
        }
    }

    private MediaProbe probeNative(Path file, String path, long size, LongPointer deadline) {
        AVFormatContext format = avformat_alloc_context();
        format.interrupt_callback().callback(Ffmpeg.DEADLINE_CHECK).opaque(deadline);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "protocol_whitelist", "file", 0);
        int status;
        try (BytePointer url = Ffmpeg.fileUrl(file)) {
            status = avformat_open_input(format, url, null, options);
        } finally {
            av_dict_free(options);
        }
        if (status < 0) { // FFmpeg has freed the context.
            return MediaProbe.failure(path, size, describe(status, deadline), name());
        }
        try {
            limitCodecProbing(format);
            status = avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (status < 0) {
                return MediaProbe.failure(path, size, "cannot read streams: " + describe(status, deadline), name());
            }
            ProbeBuilder probe = new ProbeBuilder(path, size, name()).format(format);
            int video = mainVideoStream(format);
            int audio = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            probe.mainStreams(video, audio < 0 ? -1 : audio).streamTags(format, audio);
            int main = video >= 0 ? video : audio;
            if (main < 0) {
                return probe.failed("no audio or video stream");
            }
            String problem = firstPacketsDecode(format, main, deadline);
            return problem == null ? probe.playable() : probe.failed("does not play: " + problem);
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

    /** Returns null when a frame of stream {@code index} decodes, else what went wrong. */
    private String firstPacketsDecode(AVFormatContext format, int index, LongPointer deadline) {
        AVCodecParameters parameters = format.streams(index).codecpar();
        AVCodec codec = avcodec_find_decoder(parameters.codec_id());
        if (codec == null) {
            return "no decoder for " + avcodec_get_name(parameters.codec_id()).getString();
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
                return "cannot open decoder: " + describe(status, deadline);
            }
            String lastError = "no packets";
            for (int packets = 0; packets < MAX_PACKETS_TO_DECODE; ) {
                status = av_read_frame(format, packet);
                if (status < 0) {
                    if (status != AVERROR_EOF) {
                        lastError = describe(status, deadline);
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
                        lastError = describe(status, deadline);
                        continue;
                    }
                    status = avcodec_receive_frame(context, frame);
                    if (status >= 0) {
                        return null;
                    }
                    if (status != EAGAIN) {
                        lastError = describe(status, deadline);
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

    private String describe(int status, LongPointer deadline) {
        if (System.nanoTime() > deadline.get()) {
            return "timed out after " + timeout.toSeconds() + " s";
        }
        return Ffmpeg.errorText(status);
    }
}
