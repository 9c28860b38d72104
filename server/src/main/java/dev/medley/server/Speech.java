package dev.medley.server;

import dev.medley.speech.AudioSource;
import dev.medley.speech.Transcriber;
import dev.medley.speech.Transcript;

/** The speech model a server serves: one instance, shared by every request. */
public interface Speech {
    /** Returns the model's name, as {@code GET /v1/models} lists it. */
    String model();

    /** Transcribes {@code audio}; called from many request threads at once. */
    Transcript transcribe(AudioSource audio) throws Exception;

    /** Returns the speech of a {@link Transcriber}: its micro-batcher groups the windows of all requests. */
    static Speech of(Transcriber transcriber) {
        return new Speech() {
            @Override
            public String model() {
                return transcriber.engineName() + ":" + transcriber.model();
            }

            @Override
            public Transcript transcribe(AudioSource audio) throws Exception {
                return transcriber.transcribe(audio, true);
            }
        };
    }
}
