package dev.medley.organize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds files of a plan with the same content. Sizes are compared first and a file is hashed
 * only when another of its size has been seen, so a library without duplicates is read for its
 * sizes only.
 */
final class Duplicates {
    private final Map<Long, Object> bySize = new HashMap<>(); // a Path, or a List<Path> when sizes collide
    private final Map<Path, String> hashes = new HashMap<>();

    /** Returns the earlier file with the content of {@code file}, or null; remembers {@code file}. */
    String duplicateOf(Path file, long size) {
        Object seen = bySize.get(size);
        if (seen == null) {
            bySize.put(size, file);
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Path> same = seen instanceof Path single ? new ArrayList<>(List.of(single)) : (List<Path>) seen;
        String hash = hash(file);
        for (Path earlier : same) {
            if (hash != null && hash.equals(hash(earlier))) {
                return earlier.toString();
            }
        }
        same.add(file);
        bySize.put(size, same);
        return null;
    }

    /** Returns the content hash of a file seen here, computing it once; null when it cannot be read. */
    String hash(Path file) {
        return hashes.computeIfAbsent(file, f -> {
            try {
                return ContentHash.of(f);
            } catch (IOException | UncheckedIOException e) {
                return null;
            }
        });
    }
}
