package dev.medley.organize;

import dev.medley.core.RawPaths;
import dev.medley.media.Scanner;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Walks source trees a folder at a time: a folder's files are handed over together, before its
 * subfolders are entered, so that sidecars can be matched with their media. Holds one listing of
 * subfolder names per level of depth, which is all its memory: it grows with the widest folder
 * ("Films/" with a folder per film), never with the library. Hidden entries are passed over; links are handed over as
 * entries but never followed; the library itself is never entered when it lies inside a source.
 *
 * <p>Names are escaped text ({@link RawPaths#name}), never {@code toString()}: a name that is not
 * UTF-8 keeps its bytes, so that its folder can be entered and two such names stay two.
 */
final class FolderWalk {
    /**
     * One entry of a folder, read without following links.
     *
     * @param name the entry's name as escaped text
     */
    record Entry(Path path, String name, long size, long mtimeNanos, boolean link, boolean regularFile) {}

    /**
     * One folder's entries.
     *
     * @param names the folder names, as escaped text, from the source root (its own name included) down to this
     *     folder
     */
    record Folder(Path path, List<String> names, List<Entry> entries) {}

    private final Path library;
    private final Scanner.Problems problems;

    FolderWalk(Path library, Scanner.Problems problems) {
        this.library = library;
        this.problems = problems;
    }

    void walk(Path source, Consumer<Folder> visitor) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            problems.report(source, e instanceof NoSuchFileException ? "no such file or directory" : why(e, source));
            return;
        }
        if (!attributes.isDirectory()) {
            Path parent = source.getParent();
            visitor.accept(new Folder(parent, names(parent, parent), List.of(entry(source, RawPaths.name(source), attributes))));
            return;
        }
        Deque<Level> stack = new ArrayDeque<>();
        stack.push(new Level(source, visit(source, source, visitor).iterator()));
        while (!stack.isEmpty()) {
            Level level = stack.peek();
            if (!level.subfolders().hasNext()) {
                stack.pop();
                continue;
            }
            Path next = RawPaths.resolve(level.folder(), level.subfolders().next());
            stack.push(new Level(next, visit(next, source, visitor).iterator()));
        }
    }

    /** A folder being walked and the names of its subfolders still to enter. */
    private record Level(Path folder, Iterator<String> subfolders) {}

    /** Hands over {@code folder}'s files and returns the names of its subfolders, in path order. */
    private List<String> visit(Path folder, Path root, Consumer<Folder> visitor) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
            for (Path child : listing) {
                children.add(child);
            }
        } catch (IOException | RuntimeException e) {
            problems.report(folder, "cannot read folder: " + why(e, folder));
            return List.of();
        }
        children.sort(null);
        List<Entry> entries = new ArrayList<>();
        List<String> subfolders = new ArrayList<>();
        for (Path child : children) {
            String name = RawPaths.name(child);
            if (name.startsWith(".") || child.equals(library)) {
                continue;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                continue; // Vanished since the listing.
            } catch (IOException e) {
                problems.report(child, "cannot read: " + why(e, child));
                continue;
            }
            if (attributes.isDirectory()) {
                subfolders.add(name);
            } else {
                entries.add(entry(child, name, attributes));
            }
        }
        if (!entries.isEmpty()) {
            visitor.accept(new Folder(folder, names(root, folder), entries));
        }
        return subfolders;
    }

    // The JDK's message for a refused read is the path alone, as lossy text; the path is reported beside it.
    private static String why(Exception e, Path path) {
        return e instanceof AccessDeniedException ? "permission denied" : Transfers.describe(e, path);
    }

    private static Entry entry(Path path, String name, BasicFileAttributes attributes) {
        return new Entry(path, name, attributes.size(),
                attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.isSymbolicLink(),
                attributes.isRegularFile());
    }

    private static List<String> names(Path root, Path folder) {
        List<String> names = new ArrayList<>();
        if (root.getFileName() != null) {
            names.add(RawPaths.name(root));
        }
        for (Path part : root.relativize(folder)) {
            String name = RawPaths.text(part);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
