package dev.medley.organize;

import dev.medley.core.RawPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The file-system steps the organiser is built from. None of them ever replaces an existing file:
 * every name is taken with a link (which fails when the name exists) or an exclusive create.
 */
final class FileOps {
    private FileOps() {}

    /** Returns the device of {@code path}, or of its nearest existing ancestor when it does not exist yet. */
    static Object device(Path path) throws IOException {
        Path existing = existingAncestor(path);
        try {
            return Files.getAttribute(existing, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.getFileStore(existing).name(); // Not a Unix file system: the store tells devices apart.
        }
    }

    /**
     * Returns {@code path} made absolute, with its longest existing part replaced by its real path
     * (links resolved) and the rest, which does not exist yet, appended as it is.
     */
    static Path realPathOfNearest(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = existingAncestor(absolute);
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute; // Unreadable on the way: applying will meet the problem and report it.
        }
    }

    /** Returns {@code path}, or the nearest of its ancestors that exists. */
    static Path existingAncestor(Path path) {
        Path current = path.toAbsolutePath();
        while (current != null && !Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
            current = current.getParent();
        }
        return current == null ? path.getRoot() : current;
    }

    /** Returns whether {@code a} and {@code b} lie on the same device. */
    static boolean sameDevice(Path a, Path b) throws IOException {
        return device(a).equals(device(b));
    }

    /**
     * Creates {@code folder} and its missing parents below {@code root}, refusing to pass through a
     * link, so that nothing is ever written outside the library through a symlink planted in it.
     * Returns the folders it created, outermost first.
     */
    static List<Path> createFolders(Path root, Path folder) throws IOException {
        if (!folder.startsWith(root)) {
            throw new IOException(RawPaths.display(folder) + " lies outside the library " + RawPaths.display(root));
        }
        List<Path> created = new ArrayList<>();
        Path current = root;
        for (Path part : root.relativize(folder)) {
            current = current.resolve(part);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                try {
                    Files.createDirectory(current);
                    created.add(current);
                } catch (FileAlreadyExistsException raced) {
                    // Made by another worker meanwhile: check it like any existing folder.
                    attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    requireFolder(current, attributes);
                }
                continue;
            }
            requireFolder(current, attributes);
        }
        return created;
    }

    private static void requireFolder(Path path, BasicFileAttributes attributes) throws IOException {
        if (attributes.isSymbolicLink()) {
            throw new IOException(RawPaths.display(path) + " is a link; the organiser does not follow links inside the library");
        }
        if (!attributes.isDirectory()) {
            throw new IOException(RawPaths.display(path) + " is a file where the library needs a folder");
        }
    }

    /**
     * Puts {@code from} at {@code to} on the same device, atomically and never over an existing
     * file: a hard link, then the old name removed. Where the file system has no hard links, a
     * rename after checking that {@code to} is free.
     *
     * @throws FileAlreadyExistsException if {@code to} exists
     */
    static void renameNoReplace(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(RawPaths.display(to));
            }
            Files.move(from, to); // Without REPLACE_EXISTING: fails rather than replaces.
            return;
        }
        Files.delete(from);
    }

    /**
     * Copies {@code source} to the new file {@code temp}, forces it to disk, gives it the source's
     * modification time, reads it back and checks its hash against the source's. Returns the hash.
     *
     * @throws IOException if the copy fails or does not match; {@code temp} is then removed
     */
    static String copyVerified(Path source, Path temp) throws IOException {
        ContentHash sourceHash = new ContentHash();
        byte[] buffer = new byte[ContentHash.BUFFER];
        FileTime modified = Files.getLastModifiedTime(source);
        try {
            try (InputStream in = Files.newInputStream(source);
                    FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    sourceHash.update(buffer, 0, read);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }
                out.force(true);
            }
            Files.setLastModifiedTime(temp, modified);
            return verify(temp, sourceHash.hex());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Clones {@code source} to the new file {@code temp} with {@code cp --reflink=always}, which
     * fails rather than copies where the file system cannot share blocks, then checks the clone's
     * hash. Returns it.
     */
    static String reflinkVerified(Path source, Path temp) throws IOException {
        if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(RawPaths.display(temp));
        }
        Process cp = new ProcessBuilder(cloneCommand(source, temp)).redirectErrorStream(true).start();
        String output;
        try (InputStream in = cp.getInputStream()) {
            output = new String(in.readAllBytes()).trim();
        }
        try {
            if (!cp.waitFor(10, TimeUnit.MINUTES) || cp.exitValue() != 0) {
                Files.deleteIfExists(temp);
                throw new IOException("reflink not possible here"
                        + (output.isEmpty() ? "" : " (" + output.replaceFirst("^cp: ", "") + ")"));
            }
        } catch (InterruptedException e) {
            cp.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while cloning " + RawPaths.display(source), e);
        }
        try {
            return verify(temp, ContentHash.of(source));
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static List<String> cloneCommand(Path source, Path temp) {
        if (!RawPaths.isLossy(source) && !RawPaths.isLossy(temp)) {
            return List.of("cp", "--reflink=always", "--preserve=timestamps", "--no-clobber", "--",
                    source.toString(), temp.toString());
        }
        // A process's arguments are text, which cannot carry bytes that are not UTF-8: the shell gets
        // each path as octal escapes, and its printf turns them back into the very bytes ("x" keeps a
        // trailing newline from $(...)).
        return List.of("sh", "-c", "s=$(printf '%bx' \"$1\"); t=$(printf '%bx' \"$2\"); "
                + "exec cp --reflink=always --preserve=timestamps --no-clobber -- \"${s%x}\" \"${t%x}\"",
                "sh", octalEscaped(source), octalEscaped(temp));
    }

    // Every byte but letters, digits and "/._-" as \0NNN, which printf's %b reads back as that byte.
    private static String octalEscaped(Path path) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : RawPaths.bytes(path)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "/._-".indexOf(c) >= 0) {
                escaped.append((char) c);
            } else {
                escaped.append(String.format("\\0%03o", c)); // Three digits: a digit may follow.
            }
        }
        return escaped.toString();
    }

    private static String verify(Path copy, String expected) throws IOException {
        String actual = ContentHash.of(copy);
        if (!actual.equals(expected)) {
            throw new IOException("the copy at " + RawPaths.display(copy) + " does not match its source (hash " + actual
                    + " against " + expected + "); the source is untouched");
        }
        return actual;
    }

    /** Forces a folder's entries to disk, so that a rename in it survives a power cut. */
    static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot sync a folder; the rename is still atomic, only less durable.
        }
    }

    /** Removes empty folders from {@code folder} up to, not including, {@code stop}. */
    static void pruneEmptyFolders(Path folder, Path stop) {
        for (Path current = folder; current != null && !current.equals(stop) && current.startsWith(stop);
                current = current.getParent()) {
            try {
                Files.delete(current);
            } catch (IOException e) {
                return; // Not empty, or not ours to remove.
            }
        }
    }
}
