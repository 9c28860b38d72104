package dev.medley.media.sample;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_VARIABLE_FRAME_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_FORMAT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_RATE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32P;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Encodes a stereo sine tone, written straight into whatever sample format the encoder takes so that no
 * resampler is needed.
 */
final class AudioEncoder extends StreamEncoder {

    private static final int CHANNELS = 2;
    private static final double[] TONE_HZ = {440.0, 660.0};
    private static final double AMPLITUDE = 0.25;
    private static final double FADE_SECONDS = 0.01;
    private static final long BIT_RATE = 128_000;
    /** Samples per frame for encoders that take any frame size (PCM). */
    private static final int DEFAULT_FRAME_SIZE = 1024;
    /** Sample formats this class can write, best first. */
    private static final int[] WRITABLE_FORMATS = {
        AV_SAMPLE_FMT_FLTP, AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_S16P, AV_SAMPLE_FMT_S16, AV_SAMPLE_FMT_S32P,
        AV_SAMPLE_FMT_S32
    };

    /**
     * Settings that trade quality, which a test tone does not need, for speed. Keyed by encoder because
     * {@code compression_level} means "fastest" at 0 for Opus but at 9 for LAME.
     */
    private static final Map<String, Map<String, String>> FAST_OPTIONS = Map.of(
            "libopus", Map.of("compression_level", "0"),
            "libmp3lame", Map.of("compression_level", "9"));

    private final int sampleFormat;
    private final int sampleRate;
    private final long totalSamples;
    private int frameSize;
    private long nextSample;
    private float[][] samples;

    private AudioEncoder(Muxer muxer, AVCodec codec, Duration duration) throws IOException {
        super(muxer, codec);
        sampleFormat = pickSampleFormat(codec);
        if (sampleFormat < 0) {
            close();
            throw new IOException("Encoder " + name() + " takes no sample format this class can write");
        }
        sampleRate = pickSampleRate(codec);
        totalSamples = Math.max(1, Math.round(duration.toNanos() * (double) sampleRate / 1e9));
    }

    /** Opens an encoder for {@code duration} of tone and adds its stream to {@code muxer}. */
    static AudioEncoder open(Muxer muxer, AVCodec codec, Duration duration) throws IOException {
        return configured(new AudioEncoder(muxer, codec, duration));
    }

    @Override
    void configure() throws IOException {
        context.sample_fmt(sampleFormat);
        context.sample_rate(sampleRate);
        av_channel_layout_default(context.ch_layout(), CHANNELS);
        context.time_base(av_make_q(1, sampleRate));
        context.bit_rate(BIT_RATE);
        open(FAST_OPTIONS.getOrDefault(name(), Map.of()), null);

        boolean anySize = (codec.capabilities() & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0;
        frameSize = anySize || context.frame_size() <= 0 ? DEFAULT_FRAME_SIZE : context.frame_size();
        samples = new float[CHANNELS][frameSize];
        frame.format(sampleFormat);
        frame.sample_rate(sampleRate);
        frame.nb_samples(frameSize);
        muxer.check(av_channel_layout_copy(frame.ch_layout(), context.ch_layout()), "Setting channel layout");
        muxer.check(av_frame_get_buffer(frame, 0), "Allocating an audio frame");
    }

    private static int pickSampleFormat(AVCodec codec) {
        int[] supported = FfmpegCalls.supportedValues(codec, AV_CODEC_CONFIG_SAMPLE_FORMAT);
        for (int format : WRITABLE_FORMATS) {
            if (FfmpegCalls.accepts(supported, format)) {
                return format;
            }
        }
        return -1;
    }

    private static int pickSampleRate(AVCodec codec) {
        int[] supported = FfmpegCalls.supportedValues(codec, AV_CODEC_CONFIG_SAMPLE_RATE);
        // Opus only runs at 48 kHz and its divisors; everything else gets CD rate.
        return FfmpegCalls.accepts(supported, 44_100) ? 44_100 : 48_000;
    }

    /**
     * Starts the encoder's priming samples at time zero rather than before it, for containers that would
     * otherwise delay the video to make room for them.
     */
    void startPrimingAtZero() {
        timestampOffset = context.initial_padding();
    }

    @Override
    boolean hasNextFrame() {
        return nextSample < totalSamples;
    }

    @Override
    long nextTimestamp() {
        return nextSample;
    }

    @Override
    void fillNextFrame() {
        // The last frame may be short; encoders pad it or mark it as such themselves.
        int count = (int) Math.min(frameSize, totalSamples - nextSample);
        for (int i = 0; i < count; i++) {
            long n = nextSample + i;
            double envelope = envelope(n);
            for (int channel = 0; channel < CHANNELS; channel++) {
                double phase = 2 * Math.PI * TONE_HZ[channel] * n / sampleRate;
                samples[channel][i] = (float) (AMPLITUDE * envelope * Math.sin(phase));
            }
        }
        frame.nb_samples(count);
        frame.pts(nextSample);
        store(count);
        nextSample += count;
    }

    /** Fades in and out so the tone starts and stops without a click. */
    private double envelope(long n) {
        double fadeSamples = FADE_SECONDS * sampleRate;
        double edge = Math.min(n, totalSamples - 1 - n);
        return edge >= fadeSamples ? 1.0 : Math.max(0.0, edge / fadeSamples);
    }

    private void store(int count) {
        if (sampleFormat == AV_SAMPLE_FMT_FLTP) {
            for (int channel = 0; channel < CHANNELS; channel++) {
                new FloatPointer(frame.data(channel)).put(samples[channel], 0, count);
            }
        } else if (sampleFormat == AV_SAMPLE_FMT_FLT) {
            float[] interleaved = new float[count * CHANNELS];
            for (int i = 0; i < count; i++) {
                for (int channel = 0; channel < CHANNELS; channel++) {
                    interleaved[i * CHANNELS + channel] = samples[channel][i];
                }
            }
            new FloatPointer(frame.data(0)).put(interleaved, 0, interleaved.length);
        } else if (sampleFormat == AV_SAMPLE_FMT_S16P || sampleFormat == AV_SAMPLE_FMT_S16) {
            storeShorts(count, sampleFormat == AV_SAMPLE_FMT_S16P);
        } else {
            storeInts(count, sampleFormat == AV_SAMPLE_FMT_S32P);
        }
    }

    private void storeShorts(int count, boolean planar) {
        short[][] planes = new short[planar ? CHANNELS : 1][planar ? count : count * CHANNELS];
        for (int i = 0; i < count; i++) {
            for (int channel = 0; channel < CHANNELS; channel++) {
                short value = (short) Math.round(samples[channel][i] * Short.MAX_VALUE);
                if (planar) {
                    planes[channel][i] = value;
                } else {
                    planes[0][i * CHANNELS + channel] = value;
                }
            }
        }
        for (int plane = 0; plane < planes.length; plane++) {
            BytePointer data = frame.data(plane);
            new ShortPointer(data).put(planes[plane], 0, planes[plane].length);
        }
    }

    private void storeInts(int count, boolean planar) {
        int[][] planes = new int[planar ? CHANNELS : 1][planar ? count : count * CHANNELS];
        for (int i = 0; i < count; i++) {
            for (int channel = 0; channel < CHANNELS; channel++) {
                int value = (int) Math.round(samples[channel][i] * (double) Integer.MAX_VALUE);
                if (planar) {
                    planes[channel][i] = value;
                } else {
                    planes[0][i * CHANNELS + channel] = value;
                }
            }
        }
        for (int plane = 0; plane < planes.length; plane++) {
            new IntPointer(frame.data(plane)).put(planes[plane], 0, planes[plane].length);
        }
    }
}
