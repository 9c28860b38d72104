package dev.medley.speech;

import java.io.IOException;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Audio as 16 kHz mono float samples, a block at a time, whatever it came from: a three-hour file never sits
 * whole in memory. Not thread-safe: one reader per source.
 */
sealed interface DecodedAudio extends AutoCloseable permits AudioDecoder, PcmAudio {

    /**
     * Opens {@code source} for reading.
     *
     * @throws IOException when it cannot be decoded (empty, not media, unreadable); {@link NoAudioStream} when it
     *     has no audio
     */
    static DecodedAudio open(AudioSource source) throws IOException {
        return switch (source) {
            case AudioSource.File file -> AudioDecoder.open(file.path());
            case AudioSource.Bytes bytes -> AudioDecoder.open(MediaInput.of(bytes.media(), bytes.name()));
            case AudioSource.Stream stream -> AudioDecoder.open(MediaInput.spool(stream.media(), stream.name()));
            case AudioSource.Pcm pcm -> new PcmAudio(pcm);
        };
    }

    /** Returns the audio's duration in seconds, or NaN when its container does not say. */
    double durationSeconds();

    /**
     * Calls {@code sink} with the next block of 16 kHz mono samples (valid only during the call) and returns
     * true, or returns false at the end of the audio.
     *
     * @throws IOException when the audio cannot be decoded further
     */
    boolean next(SampleSink sink) throws IOException;

    /** Frees everything native. */
    @Override
    void close();

    /** Receives decoded samples. */
    @FunctionalInterface
    interface SampleSink {
        void accept(FloatPointer samples, int count);
    }
}
