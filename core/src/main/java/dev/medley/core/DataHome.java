package dev.medley.core;

import java.nio.file.Path;

/** Where Medley keeps its data on this machine: the catalog, models, crash reports. */
public final class DataHome {
    private DataHome() {}

    /**
     * Returns {@code $override} when it is set, else {@code $XDG_DATA_HOME/medley/name}, else
     * {@code ~/.local/share/medley/name}.
     */
    public static Path resolve(String override, String name) {
        String explicit = System.getenv(override);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String dataHome = System.getenv("XDG_DATA_HOME");
        Path base = dataHome != null && !dataHome.isBlank()
                ? Path.of(dataHome)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("medley").resolve(name);
    }
}
