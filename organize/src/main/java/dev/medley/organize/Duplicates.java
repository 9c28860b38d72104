package dev.medley.organize;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds files of a plan with the same content. Sizes are compared first and a file is hashed
 * only when another of its size has been seen, so a library without duplicates is read for its
 * sizes only; within one size, hashes are looked up, not compared one by one.
 */
final class Duplicates {
    // Per size: the first file seen (not hashed yet), or, once a second arrives, hash -> first file.
    private final Map<Long, Object> bySize = new HashMap<>();

    /** Returns the earlier file with the content of {@code file}, or null; remembers {@code file}. */
    String duplicateOf(Path file, long size) {
        Object seen = bySize.get(size);
        if (seen == null) {
            bySize.put(size, file);
            return null;
        }
        Map<String, Path> byHash;
        if (seen instanceof Path first) {
            byHash = new HashMap<>();
            String firstHash = hash(first);
            if (firstHash != null) {
                byHash.put(firstHash, first);
            }
            bySize.put(size, byHash);
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Path> known = (Map<String, Path>) seen;
            byHash = known;
        }
        String hash = hash(file);
        if (hash == null) {
            return null; // Unreadable now: applying will report it.
        }
        Path earlier = byHash.putIfAbsent(hash, file);
        return earlier == null ? null : earlier.toString();
    }

    /** Returns the content hash of a file, or null when it cannot be read. */
    String hash(Path file) {
        try {
            return ContentHash.of(file);
        } catch (IOException e) {
            return null;
        }
    }
}
