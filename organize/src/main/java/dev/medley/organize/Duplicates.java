package dev.medley.organize;

import dev.medley.catalog.PathKey;
import dev.medley.catalog.Plans;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Finds files of a plan with the same content. Sizes are compared first and a file is hashed
 * only when another of its size has been seen, so a library without duplicates is read for its
 * sizes only. What has been seen is kept in the plan's planning state in the catalog, indexed by
 * size and hash, so memory does not grow with the library and a lookup costs the same at any size.
 */
final class Duplicates {
    /**
     * A file with the same content as an earlier one of the plan.
     *
     * @param earlier the {@link PathKey} of the earlier file
     * @param hash their content hash
     */
    record Duplicate(String earlier, String hash) {}

    private final Plans plans;
    private final long runId;

    Duplicates(Plans plans, long runId) {
        this.plans = plans;
        this.runId = runId;
    }

    /** Returns the earlier file with the content of {@code file}, or null; remembers {@code file}. */
    Duplicate duplicateOf(Path file, long size) {
        Plans.Content first = plans.firstOfSize(runId, size).orElse(null);
        if (first == null) {
            plans.addContent(runId, size, PathKey.of(file), null);
            return null;
        }
        if (first.hash() == null) {
            String firstHash = hash(PathKey.toPath(first.source()));
            if (firstHash != null) {
                plans.setContentHash(first.id(), firstHash);
            }
        }
        String hash = hash(file);
        if (hash == null) {
            return null; // Unreadable now: applying will report it.
        }
        Plans.Content earlier = plans.firstWithContent(runId, size, hash).orElse(null);
        if (earlier != null) {
            return new Duplicate(earlier.source(), hash);
        }
        plans.addContent(runId, size, PathKey.of(file), hash);
        return null;
    }

    /** Returns the content hash of a file, or null when it cannot be read. */
    private static String hash(Path file) {
        try {
            return ContentHash.of(file);
        } catch (IOException e) {
            return null;
        }
    }
}
