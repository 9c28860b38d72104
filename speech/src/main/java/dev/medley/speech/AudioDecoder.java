package dev.medley.speech;

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
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_NB;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_check;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_compare;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import dev.medley.media.CrashGuard;
import dev.medley.media.Ffmpeg;
import dev.medley.media.MediaError;
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
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes the main audio stream of any file FFmpeg reads, from any container, to 16 kHz mono
 * float samples, a block at a time: a three-hour file never sits whole in memory. Media that is not
 * a file (bytes, streams) is read through a {@link MediaInput} and decoded the same way.
 *
 * <p>Packets that fail to decode are passed over, as players do, and counted; a file with no
 * audio stream, or that FFmpeg cannot open, fails at {@link #open}. Every frame is checked before it
 * reaches the resampler: audio may change its rate or channels mid-file (MP3s joined end to end,
 * recorded radio), and the resampler is then set up again for the new format; a frame with
 * impossible parameters fails the file instead of reaching native code. Not thread-safe.
 */
final class AudioDecoder implements DecodedAudio {
    /** The highest sample rate accepted, in Hz. */
    static final int MAX_SAMPLE_RATE = 1_536_000;

    private static final int EAGAIN = -11; // AVERROR(EAGAIN) on Linux
    private static final int MIN_OUT_CAPACITY = 64 * 1024;
    private static final int MAX_CHANNELS = 64;
    private static final int MAX_FRAME_SAMPLES = 1 << 22;

    static {
        Ffmpeg.load();
        org.bytedeco.javacpp.Loader.load(swresample.class);
    }

    private final String name;
    private final CrashGuard.Pass pass; // files only
    private final MediaInput input; // media that is not a file
    private final AVFormatContext format;
    private final AVCodecContext codec;
    private final int streamIndex;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private final PointerPointer<FloatPointer> outPlanes = new PointerPointer<>(1);
    private final double durationSeconds;
    // The resampler and the input format it was set up for; rebuilt when frames change format.
    private final AVChannelLayout inLayout = new AVChannelLayout();
    private SwrContext resampler;
    private int inRate;
    private int inFormat = -1;
    private FloatPointer out;
    private int outCapacity;
    private int badPackets;
    private int formatChanges;
    private boolean inputDone;
    private boolean drained;

    private AudioDecoder(String name, CrashGuard.Pass pass, MediaInput input, AVFormatContext format,
            AVCodecContext codec, int streamIndex, double durationSeconds) {
        this.name = name;
        this.pass = pass;
        this.input = input;
        this.format = format;
        this.codec = codec;
        this.streamIndex = streamIndex;
        this.durationSeconds = durationSeconds;
        ensureCapacity(MIN_OUT_CAPACITY);
    }

    /**
     * Opens {@code file}'s main audio stream.
     *
     * @throws IOException when the file is empty, unreadable, quarantined, not media, or has no audio
     *     stream ({@link MediaError} carries FFmpeg's own text)
     */
    static AudioDecoder open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (Files.size(absolute) == 0) {
            throw new IOException("empty file (0 bytes)");
        }
        CrashGuard.Pass pass = CrashGuard.enter(absolute, "transcribe");
        try {
            return openStream(Ffmpeg.openInput(absolute, null), absolute.toString(), pass, null);
        } catch (IOException | RuntimeException e) {
            pass.close();
            throw e;
        }
    }

    /**
     * Opens the main audio stream of the media {@code input} reads, under the same checks as a file's; the
     * decoder closes {@code input} when it closes, or at once when opening fails. Messages start with the
     * input's name.
     *
     * @throws IOException when the media is empty, not media, unreadable or has no audio stream
     */
    static AudioDecoder open(MediaInput input) throws IOException {
        try {
            if (input.size() == 0) {
                throw new IOException("empty (0 bytes)");
            }
            return openStream(Ffmpeg.openInput(input.context(), input.head(), input.name()), input.name(), null, input);
        } catch (IOException e) {
            IOException named = named(input, e);
            input.close();
            throw named;
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    // Finds the main audio stream of an opened container and its decoder; on failure closes the container.
    private static AudioDecoder openStream(AVFormatContext format, String name, CrashGuard.Pass pass,
            MediaInput input) throws IOException {
        AVCodecContext codec = null;
        try {
            int status = avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (status < 0) {
                throw MediaError.of(status, MediaError.READING_STREAMS);
            }
            int index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (index < 0) {
                throw new NoAudioStream();
            }
            var parameters = format.streams(index).codecpar();
            AVCodec decoder = avcodec_find_decoder(parameters.codec_id());
            if (decoder == null) {
                throw new MediaError("unsupported codec: FFmpeg has no decoder for "
                        + avcodec_get_name(parameters.codec_id()).getString(), null);
            }
            codec = avcodec_alloc_context3(decoder);
            avcodec_parameters_to_context(codec, parameters);
            codec.thread_count(1); // Workers give parallelism; decoder threads would only compete with them.
            status = avcodec_open2(codec, decoder, (AVDictionary) null);
            if (status < 0) {
                throw MediaError.of(status, "opening the audio decoder");
            }
            long duration = format.duration();
            double seconds = duration == AV_NOPTS_VALUE || duration <= 0 ? Double.NaN : duration / (double) AV_TIME_BASE;
            return new AudioDecoder(name, pass, input, format, codec, index, seconds);
        } catch (IOException | RuntimeException e) {
            if (codec != null) {
                avcodec_free_context(codec);
            }
            avformat_close_input(format);
            throw e;
        }
    }

    // Puts the name of media that is not a file before a message about it, keeping the kind of error; the
    // caller reports a file's path itself. A failed read of the input is the better reason than FFmpeg's EIO.
    private static IOException named(MediaInput input, IOException e) {
        String prefix = input.name() + ": ";
        if (input.readFailure() != null) {
            return new IOException(prefix + "cannot read: " + input.readFailure().getMessage(), input.readFailure());
        }
        if (e.getMessage() != null && e.getMessage().startsWith(prefix)) {
            return e;
        }
        if (e instanceof NoAudioStream) {
            return new NoAudioStream(input.name());
        }
        if (e instanceof MediaError media) {
            return new MediaError(prefix + media.getMessage(), media.detail());
        }
        return new IOException(prefix + e.getMessage(), e);
    }

    @Override
    public double durationSeconds() {
        return durationSeconds;
    }

    /** Returns how many packets failed to decode and were passed over. */
    int badPackets() {
        return badPackets;
    }

    /** Returns how many times the audio changed its rate, sample format or channels mid-stream. */
    int formatChanges() {
        return formatChanges;
    }

    /**
     * {@inheritDoc}
     *
     * @throws MediaError when a decoded frame cannot be converted
     */
    @Override
    public boolean next(SampleSink sink) throws IOException {
        if (input == null) {
            return decodeNext(sink);
        }
        try {
            return decodeNext(sink);
        } catch (IOException e) {
            throw named(input, e);
        }
    }

    private boolean decodeNext(SampleSink sink) throws IOException {
        while (!drained) {
            int status = avcodec_receive_frame(codec, frame);
            if (status >= 0) {
                try {
                    int converted = convert();
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
        int tail = resampler == null ? 0 : swr_convert(resampler, outPlanes, outCapacity, (PointerPointer<?>) null, 0);
        if (tail > 0) {
            sink.accept(out, tail);
            return true;
        }
        return false;
    }

    // Converts the frame just received, first setting the resampler up for its format if it changed.
    private int convert() throws MediaError {
        int rate = frame.sample_rate();
        int sampleFormat = frame.format();
        int channels = frame.ch_layout().nb_channels();
        int samples = frame.nb_samples();
        if (rate <= 0 || rate > MAX_SAMPLE_RATE || channels <= 0 || channels > MAX_CHANNELS
                || sampleFormat < 0 || sampleFormat >= AV_SAMPLE_FMT_NB || samples < 0 || samples > MAX_FRAME_SAMPLES
                || av_channel_layout_check(frame.ch_layout()) == 0 || frame.extended_data() == null) {
            throw new MediaError("damaged: a decoded frame has impossible audio parameters (" + rate + " Hz, "
                    + channels + " channels, " + samples + " samples)", null);
        }
        if (samples == 0) {
            return 0;
        }
        if (resampler == null || rate != inRate || sampleFormat != inFormat
                || av_channel_layout_compare(frame.ch_layout(), inLayout) != 0) {
            if (resampler != null) {
                formatChanges++;
            }
            setUpResampler(rate, sampleFormat);
        }
        ensureCapacity(swr_get_out_samples(resampler, samples));
        int converted = swr_convert(resampler, outPlanes, outCapacity, frame.extended_data(), samples);
        if (converted < 0) {
            throw new MediaError("cannot convert its audio to 16 kHz mono (" + rate + " Hz, " + channels + " channels)",
                    Ffmpeg.errorText(converted));
        }
        return converted;
    }

    private void setUpResampler(int rate, int sampleFormat) throws MediaError {
        if (resampler != null) {
            swr_free(resampler);
            resampler = null;
        }
        av_channel_layout_uninit(inLayout);
        if (av_channel_layout_copy(inLayout, frame.ch_layout()) < 0) {
            throw new MediaError("damaged: its channel layout cannot be read", null);
        }
        resampler = resamplerToWindows(inLayout, sampleFormat, rate);
        inRate = rate;
        inFormat = sampleFormat;
    }

    /** Returns a resampler from {@code layout}, {@code sampleFormat} and {@code rate} to the windows' 16 kHz mono. */
    static SwrContext resamplerToWindows(AVChannelLayout layout, int sampleFormat, int rate) throws MediaError {
        AVChannelLayout mono = new AVChannelLayout();
        av_channel_layout_default(mono, 1);
        SwrContext created = new SwrContext(null);
        int status = swr_alloc_set_opts2(created, mono, AV_SAMPLE_FMT_FLT, AudioWindow.SAMPLE_RATE,
                layout, sampleFormat, rate, 0, null);
        av_channel_layout_uninit(mono);
        mono.close();
        if (status < 0 || swr_init(created) < 0) {
            swr_free(created);
            throw new MediaError("cannot convert its audio to 16 kHz mono (" + rate + " Hz, "
                    + layout.nb_channels() + " channels)", status < 0 ? Ffmpeg.errorText(status) : null);
        }
        return created;
    }

    private void ensureCapacity(int samples) {
        if (samples <= outCapacity) {
            return;
        }
        int capacity = Math.max(MIN_OUT_CAPACITY, Integer.highestOneBit(Math.max(1, samples - 1)) << 1);
        if (out != null) {
            out.close();
        }
        out = new FloatPointer(capacity);
        outCapacity = capacity;
        outPlanes.put(0, out);
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

    @Override
    public void close() {
        try {
            av_frame_free(frame);
            av_packet_free(packet);
            if (resampler != null) {
                swr_free(resampler);
            }
            av_channel_layout_uninit(inLayout);
            inLayout.close();
            avcodec_free_context(codec);
            avformat_close_input(format);
            out.close();
            outPlanes.close();
        } finally {
            if (input != null) {
                input.close(); // after the format context: FFmpeg reads through it until then
            }
            if (pass != null) {
                pass.close();
            }
        }
    }

    @Override
    public String toString() {
        return "AudioDecoder[" + name + "]";
    }
}
