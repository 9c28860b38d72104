package dev.medley.organize;

import dev.medley.media.MediaProbe;
import java.util.List;
import java.util.Map;

/** Probes for tests where the probe is not under test: every file plays, tags come from the test. */
final class PlayableProbes {
    private PlayableProbes() {}

    static Planner.Probes withTags(Map<String, String> tags) {
        return (file, size, mtime) -> new MediaProbe(file.toString(), true, null, "matroska,webm", 60.0, size, null,
                "h264", 320, 240, 25.0, "aac", 48000, 2, tags, true, List.of(), "test", null);
    }
}
