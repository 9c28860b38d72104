package dev.medley.speech;

import java.util.Locale;

/** The speech engines Medley can use. */
public enum EngineKind {
    /** CMU Sphinx4 with its English model from the classpath: works offline, nothing to download. */
    SPHINX,
    /** whisper.cpp through whisper-jni, with a ggml model file. */
    WHISPER,
    /** Any server speaking OpenAI's {@code /v1/audio/transcriptions}. */
    REMOTE;

    /** Returns the kind named {@code name}, case-insensitively. */
    public static EngineKind parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown engine '" + name + "': use sphinx, whisper or remote", e);
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
