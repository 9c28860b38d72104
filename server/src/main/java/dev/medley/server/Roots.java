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
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("this server takes no paths: start it with --root DIR");
        }
        if (requested.isEmpty() || requested.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path is empty or not a valid path");
        }
        Path candidate;
        try {
            Path given = Path.of(requested);
            candidate = given.isAbsolute() ? given : roots.getFirst().resolve(given);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("path is not a valid path");
        }
        // Lexically first, before the file system is touched: what lies outside is not even looked at.
        Path normal = candidate.toAbsolutePath().normalize();
        if (roots.stream().noneMatch(root -> normal.startsWith(root.toAbsolutePath().normalize()))) {
            throw new IllegalArgumentException("path is outside the server's roots: " + requested);
        }
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
                if (!Files.isRegularFile(real)) {
                    throw new IllegalArgumentException("path is not a file: " + requested);
                }
                return real;
            }
        }
        throw new IllegalArgumentException("path is outside the server's roots: " + requested);
    }
}
