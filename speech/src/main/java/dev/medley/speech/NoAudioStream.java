package dev.medley.speech;

import java.io.IOException;

/** Thrown when audio has nothing to transcribe: it holds no audio stream at all. */
final class NoAudioStream extends IOException {
    NoAudioStream() {
        super("no audio stream");
    }

    /** Says so of {@code name}, audio that is not a file: its caller has no path to report beside the message. */
    NoAudioStream(String name) {
        super(name + ": no audio stream");
    }
}
