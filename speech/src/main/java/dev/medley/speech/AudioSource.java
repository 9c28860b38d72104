package dev.medley.speech;

import dev.medley.core.RawPaths;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Audio to transcribe, wherever it comes from: a media file, encoded media in memory or in a stream,
 * or samples already decoded.
 *
 * <p>Encoded media may be in any container and codec FFmpeg reads and Medley allows, and is decoded
 * as a file is: the same refusals (files that are never media, demuxers off the list), the same
 * resampling to 16 kHz mono. Only files pass the crash guard, which quarantines files of a library:
 * bytes and streams have no file to quarantine.
 *
 * <p>Errors about a file leave its path to the caller, which reports them beside it; errors about
 * other audio start with its name.
 */
public sealed interface AudioSource {

    /** Returns what transcripts and messages call the audio: the file's absolute path, or the name given. */
    String name();

    /** Returns the media file at {@code file}. */
    static AudioSource of(Path file) {
        return new File(file);
    }

    /**
     * Returns the media that {@code media} holds, read to its end when transcribed (and not closed), so only
     * once. It is copied to a private temporary file, which is gone by the time decoding ends (on most systems
     * as soon as it is opened), so that containers whose index follows the audio (an MP4 with its {@code moov}
     * atom last) decode as they do from a file.
     *
     * @param name what messages call it, such as an upload's file name; its extension helps FFmpeg guess the
     *     format, as a file's does
     */
    static AudioSource of(InputStream media, String name) {
        return new Stream(media, name);
    }

    /**
     * Returns the media that {@code media} holds, in any container FFmpeg reads. The array is not copied:
     * leave it unchanged until transcription ends.
     *
     * @param name what messages call it, such as an upload's file name; its extension helps FFmpeg guess the
     *     format, as a file's does
     */
    static AudioSource of(byte[] media, String name) {
        return new Bytes(media, name);
    }

    /**
     * Returns decoded mono samples in [-1, 1] at {@code sampleRate}, resampled to 16 kHz as decoded files are.
     * The array is not copied: leave it unchanged until transcription ends.
     */
    static AudioSource pcm(float[] samples, int sampleRate) {
        return new Pcm(samples, sampleRate, "PCM audio");
    }

    /** A media file. */
    record File(Path path) implements AudioSource {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return RawPaths.display(path.toAbsolutePath());
        }
    }

    /** Encoded media in memory. */
    record Bytes(byte[] media, String name) implements AudioSource {
        public Bytes {
            Objects.requireNonNull(media, "media");
            requireName(name);
        }
    }

    /** Encoded media in a stream, read once. */
    record Stream(InputStream media, String name) implements AudioSource {
        public Stream {
            Objects.requireNonNull(media, "media");
            requireName(name);
        }
    }

    /**
     * Decoded mono samples.
     *
     * @param sampleRate samples a second, 1 Hz to 1,536 kHz as for decoded files
     */
    record Pcm(float[] samples, int sampleRate, String name) implements AudioSource {
        public Pcm {
            Objects.requireNonNull(samples, "samples");
            if (sampleRate <= 0 || sampleRate > AudioDecoder.MAX_SAMPLE_RATE) {
                throw new IllegalArgumentException("sample rate must be from 1 to " + AudioDecoder.MAX_SAMPLE_RATE
                        + " Hz, got " + sampleRate);
            }
            requireName(name);
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("audio needs a name for messages, such as its file name");
        }
    }
}
