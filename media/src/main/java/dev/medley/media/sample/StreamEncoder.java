package dev.medley.media.sample;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_EXPERIMENTAL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_EXPERIMENTAL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.io.IOException;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.Pointer;

/**
 * Feeds generated frames of one stream through an encoder into a {@link Muxer}. Subclasses configure the
 * encoder and draw the frames; this class owns the native encoder, frame and packet.
 */
abstract sealed class StreamEncoder implements AutoCloseable permits AudioEncoder, VideoEncoder {

    final Muxer muxer;
    final AVCodec codec;
    final AVCodecContext context;
    final AVFrame frame;
    private final AVPacket packet;
    private AVStream stream;
    /** Added to every packet's timestamps, in the encoder's time base. */
    long timestampOffset;

    StreamEncoder(Muxer muxer, AVCodec codec) throws IOException {
        this.muxer = muxer;
        this.codec = codec;
        this.context = avcodec_alloc_context3(codec);
        this.frame = av_frame_alloc();
        this.packet = av_packet_alloc();
        if (isNull(context) || isNull(frame) || isNull(packet)) {
            close();
            throw new IOException("Out of memory allocating encoder " + codec.name().getString());
        }
        // Files are tiny; extra encoder threads would cost more to start than they save.
        context.thread_count(1);
        if (muxer.needsGlobalHeader()) {
            context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        if ((codec.capabilities() & AV_CODEC_CAP_EXPERIMENTAL) != 0) {
            // FFmpeg's own Vorbis and Opus encoders are marked experimental but write valid streams.
            context.strict_std_compliance(FF_COMPLIANCE_EXPERIMENTAL);
        }
    }

    /** Sets up and opens the encoder and adds its stream to the muxer. */
    abstract void configure() throws IOException;

    /** Returns {@code encoder} configured, or closes it and rethrows when configuring fails. */
    static <E extends StreamEncoder> E configured(E encoder) throws IOException {
        try {
            encoder.configure();
            return encoder;
        } catch (IOException | RuntimeException | Error e) {
            encoder.close();
            throw e;
        }
    }

    /** Returns whether another frame remains to be encoded. */
    abstract boolean hasNextFrame();

    /** Returns the presentation time of the next frame, in {@link #timeBase()} units. */
    abstract long nextTimestamp();

    /** Draws the next frame into {@link #frame}, which is writable, and sets its size and timestamp. */
    abstract void fillNextFrame();

    /** Returns the time base of the timestamps this encoder produces. */
    final AVRational timeBase() {
        return context.time_base();
    }

    /** Opens the configured encoder with private options (unknown ones are ignored) and adds its stream. */
    final void open(Map<String, String> options, AVRational frameRate) throws IOException {
        AVDictionary dictionary = new AVDictionary(null);
        try {
            for (Map.Entry<String, String> option : options.entrySet()) {
                muxer.check(av_dict_set(dictionary, option.getKey(), option.getValue(), 0), "Setting option");
            }
            muxer.check(avcodec_open2(context, codec, dictionary), "Opening encoder " + name());
        } finally {
            av_dict_free(dictionary);
        }
        stream = muxer.addStream(context, frameRate);
    }

    /** Encodes the next generated frame and passes on whatever packets the encoder has ready. */
    final void encodeNextFrame() throws IOException {
        muxer.check(av_frame_make_writable(frame), "Allocating a frame");
        fillNextFrame();
        send(frame);
    }

    /** Drains the encoder's delayed packets; call once after the last frame. */
    final void flush() throws IOException {
        send(null);
    }

    private void send(AVFrame input) throws IOException {
        muxer.check(avcodec_send_frame(context, input), "Encoding with " + name());
        while (true) {
            int ret = avcodec_receive_packet(context, packet);
            if (ret == FfmpegCalls.EAGAIN || ret == AVERROR_EOF) {
                return;
            }
            muxer.check(ret, "Encoding with " + name());
            if (timestampOffset != 0) {
                packet.pts(packet.pts() + timestampOffset);
                packet.dts(packet.dts() + timestampOffset);
            }
            av_packet_rescale_ts(packet, context.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            muxer.write(packet);
        }
    }

    final String name() {
        return codec.name().getString();
    }

    /** Frees the encoder, frame and packet. */
    @Override
    public void close() {
        if (!isNull(packet)) {
            av_packet_free(packet);
        }
        if (!isNull(frame)) {
            av_frame_free(frame);
        }
        if (!isNull(context)) {
            avcodec_free_context(context);
        }
    }

    private static boolean isNull(Pointer pointer) {
        return pointer == null || pointer.isNull();
    }
}
