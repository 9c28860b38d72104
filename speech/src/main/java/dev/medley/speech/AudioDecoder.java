package dev.medley.speech;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import dev.medley.media.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes the main audio stream of any file FFmpeg reads, from any container, to 16 kHz mono
 * float samples, a block at a time: a three-hour file never sits whole in memory.
 *
 * <p>Packets that fail to decode are passed over, as players do, and counted; a file with no
 * audio stream, or that FFmpeg cannot open, fails at {@link #open}. Not thread-safe.
 */
final class AudioDecoder implements AutoCloseable {
    private static final int EAGAIN = -11; // AVERROR(EAGAIN) on Linux
    private static final int OUT_CAPACITY = 64 * 1024;

    static {
        Ffmpeg.load();
        org.bytedeco.javacpp.Loader.load(swresample.class);
    }

    private final Path file;
    private final AVFormatContext format;
    private final AVCodecContext codec;
    private final int streamIndex;
    private final SwrContext resampler;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private final FloatPointer out = new FloatPointer(OUT_CAPACITY);
    private final PointerPointer<FloatPointer> outPlanes = new PointerPointer<>(1);
    private final double durationSeconds;
    private int badPackets;
    private boolean inputDone;
    private boolean drained;

    private AudioDecoder(Path file, AVFormatContext format, AVCodecContext codec, int streamIndex, SwrContext resampler,
            double durationSeconds) {
        this.file = file;
        this.format = format;
        this.codec = codec;
        this.streamIndex = streamIndex;
        this.resampler = resampler;
        this.durationSeconds = durationSeconds;
        outPlanes.put(0, out);
    }

    /**
     * Opens {@code file}'s main audio stream.
     *
     * @throws IOException when the file is empty, unreadable, not media, or has no audio stream
     */
    static AudioDecoder open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (Files.size(absolute) == 0) {
            throw new IOException("empty file (0 bytes)");
        }
        AVFormatContext format = avformat_alloc_context();
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "protocol_whitelist", "file", 0);
        int status;
        try (BytePointer url = Ffmpeg.fileUrl(absolute)) {
            status = avformat_open_input(format, url, null, options);
        } finally {
            av_dict_free(options);
        }
        if (status < 0) {
            throw new IOException(Ffmpeg.errorText(status));
        }
        AVCodecContext codec = null;
        SwrContext resampler = null;
        try {
            status = avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (status < 0) {
                throw new IOException("cannot read streams: " + Ffmpeg.errorText(status));
            }
            int index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (index < 0) {
                throw new NoAudioStream();
            }
            var parameters = format.streams(index).codecpar();
            AVCodec decoder = avcodec_find_decoder(parameters.codec_id());
            if (decoder == null) {
                throw new IOException("no decoder for this audio codec");
            }
            codec = avcodec_alloc_context3(decoder);
            avcodec_parameters_to_context(codec, parameters);
            codec.thread_count(1); // Workers give parallelism; decoder threads would only compete with them.
            status = avcodec_open2(codec, decoder, (AVDictionary) null);
            if (status < 0) {
                throw new IOException("cannot open the audio decoder: " + Ffmpeg.errorText(status));
            }
            resampler = resamplerFor(codec);
            long duration = format.duration();
            double seconds = duration == AV_NOPTS_VALUE || duration <= 0 ? Double.NaN : duration / (double) AV_TIME_BASE;
            return new AudioDecoder(absolute, format, codec, index, resampler, seconds);
        } catch (IOException | RuntimeException e) {
            if (resampler != null) {
                swr_free(resampler);
            }
            if (codec != null) {
                avcodec_free_context(codec);
            }
            avformat_close_input(format);
            throw e;
        }
    }

    private static SwrContext resamplerFor(AVCodecContext codec) throws IOException {
        AVChannelLayout mono = new AVChannelLayout();
        av_channel_layout_default(mono, 1);
        SwrContext resampler = new SwrContext(null);
        int status = swr_alloc_set_opts2(resampler, mono, AV_SAMPLE_FMT_FLT, AudioWindow.SAMPLE_RATE,
                codec.ch_layout(), codec.sample_fmt(), codec.sample_rate(), 0, null);
        av_channel_layout_uninit(mono);
        mono.close();
        if (status < 0 || swr_init(resampler) < 0) {
            swr_free(resampler);
            throw new IOException("cannot convert this audio to 16 kHz mono (" + codec.sample_rate() + " Hz)");
        }
        return resampler;
    }

    /** Returns the container's duration in seconds, or NaN when it does not say. */
    double durationSeconds() {
        return durationSeconds;
    }

    /** Returns how many packets failed to decode and were passed over. */
    int badPackets() {
        return badPackets;
    }

    /**
     * Calls {@code sink} with the next block of 16 kHz mono samples (valid only during the call)
     * and returns true, or returns false at the end of the stream.
     */
    boolean next(SampleSink sink) throws IOException {
        while (!drained) {
            int status = avcodec_receive_frame(codec, frame);
            if (status >= 0) {
                try {
                    int converted = swr_convert(resampler, outPlanes, OUT_CAPACITY, frame.extended_data(), frame.nb_samples());
                    if (converted > 0) {
                        sink.accept(out, converted);
                        return true;
                    }
                } finally {
                    av_frame_unref(frame);
                }
                continue;
            }
            if (status == AVERROR_EOF) {
                drained = true;
                break;
            }
            if (status != EAGAIN) {
                badPackets++;
            }
            feed();
        }
        // Resampler delay: the last few milliseconds.
        int tail = swr_convert(resampler, outPlanes, OUT_CAPACITY, (PointerPointer<?>) null, 0);
        if (tail > 0) {
            sink.accept(out, tail);
            return true;
        }
        return false;
    }

    private void feed() throws IOException {
        if (inputDone) {
            avcodec_send_packet(codec, null);
            return;
        }
        while (true) {
            int status = av_read_frame(format, packet);
            if (status < 0) {
                inputDone = true;
                avcodec_send_packet(codec, null); // Flush: the decoder hands out what it holds, then EOF.
                if (status != AVERROR_EOF) {
                    badPackets++;
                }
                return;
            }
            try {
                if (packet.stream_index() == streamIndex) {
                    if (avcodec_send_packet(codec, packet) < 0) {
                        badPackets++;
                        continue;
                    }
                    return;
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** Receives decoded samples. */
    @FunctionalInterface
    interface SampleSink {
        void accept(FloatPointer samples, int count);
    }

    @Override
    public void close() {
        av_frame_free(frame);
        av_packet_free(packet);
        swr_free(resampler);
        avcodec_free_context(codec);
        avformat_close_input(format);
        out.close();
        outPlanes.close();
    }

    @Override
    public String toString() {
        return "AudioDecoder[" + file + "]";
    }
}
