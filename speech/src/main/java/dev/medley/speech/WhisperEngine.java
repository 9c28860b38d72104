package dev.medley.speech;

import java.util.List;

/** Placeholder until the engine lands. */
final class WhisperEngine implements SpeechEngine {
    static SpeechEngine open(EngineOptions options) {
        throw new UnsupportedOperationException("WhisperEngine is not built yet");
    }

    @Override
    public List<WindowTranscript> transcribe(List<AudioWindow> batch) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int maxConcurrentBatches() {
        return 1;
    }

    @Override
    public String name() {
        return "";
    }

    @Override
    public String model() {
        return "";
    }

    @Override
    public void close() {}
}
