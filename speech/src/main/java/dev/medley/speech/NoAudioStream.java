package dev.medley.speech;

import java.io.IOException;

/** Thrown when a file has nothing to transcribe: it holds no audio stream at all. */
final class NoAudioStream extends IOException {
    NoAudioStream() {
        super("no audio stream");
    }
}
