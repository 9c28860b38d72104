package dev.medley.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Confines paths that requests name to the folders the server was given (--root). */
final class Roots {
    private Roots() {}

    /**
     * Returns the real path of {@code requested} (relative paths from the first root), with every symbolic
     * link followed, when it is a regular file inside one of {@code roots}.
     *
     * @throws IllegalArgumentException saying why not, without showing where the roots are
     */
    static Path resolve(List<Path> roots, String requested) {
        Path real = resolveAny(roots, requested);
        if (!Files.isRegularFile(real)) {
            throw new IllegalArgumentException("path is not a file: " + requested);
        }
        return real;
    }

    /**
     * Returns where a new folder named {@code requested} would be, when it would lie inside one of
     * {@code roots}: its deepest existing ancestor, links resolved, must be inside.
     */
    static Path target(List<Path> roots, String requested) {
        Path normal = lexical(roots, requested);
        Path existing = normal;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            Path real = existing == null ? null : existing.toRealPath();
            for (Path root : roots) {
                if (real != null && real.startsWith(root.toRealPath())) {
                    return real.resolve(existing.relativize(normal));
                }
            }
        } catch (IOException e) {
            // Unreadable: refused below.
        }
        throw new IllegalArgumentException("path is outside the server's roots: " + requested);
    }

    private static Path lexical(List<Path> roots, String requested) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("this server takes no paths: start it with --root DIR");
        }
        if (requested == null || requested.isEmpty() || requested.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path is empty or not a valid path");
        }
        Path candidate;
        try {
            Path given = Path.of(requested);
            candidate = given.isAbsolute() ? given : roots.getFirst().resolve(given);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("path is not a valid path");
        }
        Path normal = candidate.toAbsolutePath().normalize();
        if (roots.stream().noneMatch(root -> normal.startsWith(root.toAbsolutePath().normalize()))) {
            throw new IllegalArgumentException("path is outside the server's roots: " + requested);
        }
        return normal;
    }

    /** Returns the real path of a file or folder inside one of {@code roots}, as {@link #resolve} does. */
    static Path resolveAny(List<Path> roots, String requested) {
        Path normal = lexical(roots, requested);
        Path real;
        try {
            real = normal.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("no such file under the server's roots: " + requested);
        }
        for (Path root : roots) {
            Path realRoot;
            try {
                realRoot = root.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (real.startsWith(realRoot)) {
                return real;
            }
        }
        throw new IllegalArgumentException("path is outside the server's roots: " + requested);
    }
}
