package dev.medley.media;

import dev.medley.core.RawPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file about to be probed, checked on the Java side first: a file that is gone, empty or
 * unreadable gets its failed probe here and never reaches FFmpeg.
 *
 * @param refusal the failed probe to report, or null when the file may be probed
 */
record ProbeTarget(Path absolute, long size, MediaProbe refusal) {

    static ProbeTarget of(Path file, String prober) {
        Path absolute = file.toAbsolutePath();
        String path = RawPaths.display(absolute);
        long size;
        try {
            size = Files.size(absolute);
        } catch (IOException e) {
            return new ProbeTarget(absolute, 0, MediaProbe.failure(path, 0, "cannot read: " + Scanner.describe(e), prober));
        }
        if (size == 0) {
            return new ProbeTarget(absolute, 0, MediaProbe.failure(path, 0, "empty file (0 bytes)", prober));
        }
        if (!Files.isReadable(absolute)) {
            return new ProbeTarget(absolute, size, MediaProbe.failure(path, size, "cannot read: permission denied", prober));
        }
        return new ProbeTarget(absolute, size, null);
    }

    /** Returns the path as text, as probes report it: bytes that are not UTF-8 as {@code \xNN}. */
    String path() {
        return RawPaths.display(absolute);
    }
}
