package dev.medley.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a folder the submitter names is on this machine: {@code --path-map /mnt/nas=/data} reads a
 * file the submitter listed as {@code /mnt/nas/a.mp3} at {@code /data/a.mp3}. The catalog keeps the
 * submitter's path, so every member records a file under one key.
 */
public record PathMap(Path from, Path to) {
    public PathMap {
        if (!from.isAbsolute() || !to.isAbsolute()) {
            throw new IllegalArgumentException("a path map joins two absolute folders: FROM=TO");
        }
        from = from.normalize();
        to = to.normalize();
    }

    /** Reads {@code FROM=TO}. */
    public static PathMap parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new IllegalArgumentException("a path map is FROM=TO, such as /mnt/nas=/data; got " + text);
        }
        return new PathMap(Path.of(text.substring(0, equals)), Path.of(text.substring(equals + 1)));
    }

    /** Returns where {@code path} is on this machine under the first map that covers it, else {@code path}. */
    public static Path local(Path path, List<PathMap> maps) {
        for (PathMap map : maps) {
            Optional<Path> mapped = map.apply(path);
            if (mapped.isPresent()) {
                return mapped.get();
            }
        }
        return path;
    }

    /** Returns {@code path} under {@code to}, if it is under {@code from}; a path that climbs out with {@code ..} is not. */
    public Optional<Path> apply(Path path) {
        Path normal = path.normalize();
        if (!normal.startsWith(from)) {
            return Optional.empty();
        }
        return Optional.of(to.resolve(from.relativize(normal)));
    }

    @Override
    public String toString() {
        return from + "=" + to;
    }
}
