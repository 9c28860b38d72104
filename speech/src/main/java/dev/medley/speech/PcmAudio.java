package dev.medley.speech;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;

import dev.medley.media.MediaError;
import java.io.IOException;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decoded mono samples at any rate, brought to 16 kHz mono by the resampler decoded files go through, a block
 * at a time. A sample that is not a finite number fails the audio: engines would turn it into noise or nothing.
 */
final class PcmAudio implements DecodedAudio {
    private static final int BLOCK = 64 * 1024;

    private final AudioSource.Pcm pcm;
    private final SwrContext resampler;
    private final FloatPointer in = new FloatPointer(BLOCK);
    private final PointerPointer<FloatPointer> inPlanes = new PointerPointer<>(1);
    private final PointerPointer<FloatPointer> outPlanes = new PointerPointer<>(1);
    private FloatPointer out;
    private int outCapacity;
    private int read;
    private boolean drained;

    PcmAudio(AudioSource.Pcm pcm) throws MediaError {
        this.pcm = pcm;
        AVChannelLayout mono = new AVChannelLayout();
        av_channel_layout_default(mono, 1);
        try {
            this.resampler = AudioDecoder.resamplerToWindows(mono, AV_SAMPLE_FMT_FLT, pcm.sampleRate());
        } catch (MediaError e) {
            in.close();
            inPlanes.close();
            outPlanes.close();
            throw new MediaError(pcm.name() + ": " + e.getMessage(), e.detail());
        } finally {
            av_channel_layout_uninit(mono);
            mono.close();
        }
        inPlanes.put(0, in);
        ensureCapacity(swr_get_out_samples(resampler, BLOCK));
    }

    @Override
    public double durationSeconds() {
        return pcm.samples().length / (double) pcm.sampleRate();
    }

    @Override
    public boolean next(SampleSink sink) throws IOException {
        float[] samples = pcm.samples();
        while (!drained) {
            int count = Math.min(BLOCK, samples.length - read);
            int converted;
            if (count > 0) {
                for (int i = read; i < read + count; i++) {
                    if (!Float.isFinite(samples[i])) {
                        throw new IOException(pcm.name() + ": sample " + i + " is " + samples[i]
                                + "; samples must be finite, in [-1, 1]");
                    }
                }
                in.put(samples, read, count);
                read += count;
                ensureCapacity(swr_get_out_samples(resampler, count));
                converted = swr_convert(resampler, outPlanes, outCapacity, inPlanes, count);
            } else {
                // The resampler's delay: the last few milliseconds.
                converted = swr_convert(resampler, outPlanes, outCapacity, (PointerPointer<?>) null, 0);
                drained = true;
            }
            if (converted < 0) {
                throw new IOException(pcm.name() + ": cannot convert its audio to 16 kHz mono ("
                        + pcm.sampleRate() + " Hz)");
            }
            if (converted > 0) {
                sink.accept(out, converted);
                return true;
            }
        }
        return false;
    }

    private void ensureCapacity(int samples) {
        if (samples <= outCapacity) {
            return;
        }
        if (out != null) {
            out.close();
        }
        out = new FloatPointer(samples);
        outCapacity = samples;
        outPlanes.put(0, out);
    }

    @Override
    public void close() {
        swr_free(resampler);
        in.close();
        inPlanes.close();
        out.close();
        outPlanes.close();
    }
}
