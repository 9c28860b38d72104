package dev.medley.speech;

import java.nio.file.Path;

/** Placeholder: where whisper models live. */
public final class ModelStore {
    private ModelStore() {}

    /** Returns {@code $MEDLEY_MODELS}, else {@code $XDG_DATA_HOME/medley/models}, else {@code ~/.local/share/medley/models}. */
    public static Path defaultDirectory() {
        String explicit = System.getenv("MEDLEY_MODELS");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String dataHome = System.getenv("XDG_DATA_HOME");
        Path base = dataHome != null && !dataHome.isBlank()
                ? Path.of(dataHome)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("medley").resolve("models");
    }
}
