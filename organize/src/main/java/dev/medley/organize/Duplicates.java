package dev.medley.organize;

import dev.medley.catalog.PathKey;
import dev.medley.catalog.Plans;
import dev.medley.core.RawPaths;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Finds files of a plan with the same content as an earlier file of the plan or a file already in
 * the library, under whatever name. Sizes are compared first and a file is hashed only when another
 * of its size has been seen, so a library without duplicates is read for its sizes only: the
 * library is walked once for the sizes of its files, and none of them is read unless a planned
 * file has its size. What has been seen is kept in the plan's planning state in the catalog,
 * indexed by size and hash, so memory does not grow with the library and a lookup costs the same
 * at any size.
 */
final class Duplicates {
    /** Stands in the planning state for the hash of a file that could not be read, so it is not tried again. */
    private static final String UNREADABLE = "unreadable";
    /** How many files of one size are hashed between two looks at the planning state. */
    private static final int HASHED_AT_ONCE = 64;

    /**
     * A file with the same content as an earlier one of the plan or one in the library.
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

    /**
     * Records the size of every regular file already in {@code library}, but for hidden ones and
     * those under a source (which the plan meets as its own files).
     */
    void rememberLibrary(Path library, List<Path> sources) {
        if (!Files.isDirectory(library, LinkOption.NOFOLLOW_LINKS) || sources.contains(library)) {
            return; // Not there yet, or planned as a source: its files are the plan's own.
        }
        try {
            Files.walkFileTree(library, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                    boolean hidden = !folder.equals(library) && RawPaths.name(folder).startsWith(".");
                    return hidden || sources.contains(folder) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && attributes.size() > 0 && !RawPaths.name(file).startsWith(".")
                            && !sources.contains(file)) {
                        plans.addContent(runId, attributes.size(), PathKey.of(file), null);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // Unreadable: nothing of it can be a duplicate's original.
                }
            });
        } catch (IOException e) {
            // The walk reports per entry; a failure here means the library went away: nothing to compare with.
        }
    }

    /** Returns the earlier file with the content of {@code file}, or null; remembers {@code file}. */
    Duplicate duplicateOf(Path file, long size) {
        if (plans.firstOfSize(runId, size).isEmpty()) {
            plans.addContent(runId, size, PathKey.of(file), null);
            return null;
        }
        // Files of this size seen before and not yet hashed: the plan's first, and any in the library.
        for (List<Plans.Content> batch = plans.unhashedOfSize(runId, size, HASHED_AT_ONCE); !batch.isEmpty();
                batch = plans.unhashedOfSize(runId, size, HASHED_AT_ONCE)) {
            for (Plans.Content seen : batch) {
                String seenHash = hash(PathKey.toPath(seen.source()));
                plans.setContentHash(seen.id(), seenHash == null ? UNREADABLE : seenHash);
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
