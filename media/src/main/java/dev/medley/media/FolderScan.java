package dev.medley.media;

import dev.medley.catalog.PathKey;
import dev.medley.core.RawPaths;
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
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Walks source trees a folder at a time, lazily: a folder's files are handed over together, with
 * which of them are media, before its subfolders are entered. A folder is the unit because
 * sidecars travel with media of the same folder; one listing serves both the media stages and
 * the planner, so each folder is read once.
 *
 * <p>Memory holds one listing of subfolder names per level of depth: it grows with the widest
 * folder, never with the library. Hidden entries are passed over unless {@link ScanOptions} says
 * otherwise; links are handed over as entries but never followed; the {@code excluded} folder (a
 * library inside a source) is never entered. Names are escaped text ({@link RawPaths#name}), so a
 * name that is not UTF-8 keeps its bytes.
 */
public final class FolderScan {
    private static final Set<String> PARTIAL = Set.of("part", "crdownload", "!qb", "partial");

    /**
     * One entry of a folder, read without following links.
     *
     * @param name the entry's name as escaped text
     * @param media whether it is a media file for the stages: a regular file, not a partial download, that
     *     {@link MediaSniffer} takes for media
     */
    public record Entry(Path path, String name, long size, long mtimeNanos, boolean link, boolean regularFile,
            boolean media) {
        /** Returns the entry as a scanned file, keyed for the catalog. */
        public ScannedFile scanned() {
            return new ScannedFile(path, PathKey.of(path), size, mtimeNanos);
        }

        /** Returns the extension, lower case, or "" when there is none. */
        public String extension() {
            return MediaSniffer.extension(name);
        }
    }

    /**
     * One folder's entries.
     *
     * @param root the source the folder was found under (a source that is a file: that file)
     * @param names the folder names, as escaped text, from the source root (its own name included) down to this
     *     folder
     */
    public record Folder(Path path, Path root, List<String> names, List<Entry> entries) {
        /** Returns how many of its entries are media. */
        public int mediaCount() {
            int count = 0;
            for (Entry entry : entries) {
                count += entry.media() ? 1 : 0;
            }
            return count;
        }
    }

    private final ScanOptions options;
    private final Path excluded;
    private final Scanner.Problems problems;
    private final List<Path> unreadable = new ArrayList<>();

    /**
     * @param excluded a folder never entered (the library, when it lies inside a source), or null
     */
    public FolderScan(ScanOptions options, Path excluded, Scanner.Problems problems) {
        this.options = options;
        this.excluded = excluded;
        this.problems = problems;
    }

    /** Returns the folders that could not be read so far. */
    public synchronized List<Path> unreadableFolders() {
        return List.copyOf(unreadable);
    }

    /** Returns the folders below {@code roots} that hold entries, read as the iterator advances. Call from one thread. */
    public Iterator<Folder> walk(List<Path> roots) {
        return new Walk(Scanner.distinctRoots(roots));
    }

    /** A folder being walked and the names of its subfolders still to enter. */
    private record Level(Path folder, Path root, Iterator<String> subfolders) {}

    private final class Walk implements Iterator<Folder> {
        private final Iterator<Path> roots;
        private final Deque<Level> stack = new ArrayDeque<>();
        private Folder next;

        Walk(List<Path> roots) {
            this.roots = roots.iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (!stack.isEmpty()) {
                    Level level = stack.peek();
                    if (!level.subfolders().hasNext()) {
                        stack.pop();
                        continue;
                    }
                    enter(RawPaths.resolve(level.folder(), level.subfolders().next()), level.root());
                } else if (roots.hasNext()) {
                    start(roots.next());
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Folder next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Folder folder = next;
            next = null;
            return folder;
        }

        private void start(Path source) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                problems.report(source, e instanceof NoSuchFileException ? "no such file or directory" : why(e, source));
                return;
            }
            if (attributes.isDirectory()) {
                enter(source, source);
                return;
            }
            Path parent = source.getParent();
            next = new Folder(parent, source, names(parent, parent),
                    List.of(entry(source, RawPaths.name(source), attributes)));
        }

        /** Reads {@code folder}: its files become the next folder handed over, its subfolders a new level. */
        private void enter(Path folder, Path root) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
                for (Path child : listing) {
                    children.add(child);
                }
            } catch (IOException | RuntimeException e) {
                synchronized (FolderScan.this) {
                    unreadable.add(folder);
                }
                problems.report(folder, "cannot read folder: " + why(e, folder));
                return;
            }
            children.sort(null);
            List<Entry> entries = new ArrayList<>();
            List<String> subfolders = new ArrayList<>();
            for (Path child : children) {
                String name = RawPaths.name(child);
                if (name.startsWith(".") && !options.includeHidden() || child.equals(excluded)) {
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
            stack.push(new Level(folder, root, subfolders.iterator()));
            if (!entries.isEmpty()) {
                next = new Folder(folder, root, names(root, folder), entries);
            }
        }

        private Entry entry(Path path, String name, BasicFileAttributes attributes) {
            boolean media = false;
            if (attributes.isRegularFile() && (options.includePartial() || !PARTIAL.contains(MediaSniffer.extension(name)))) {
                try {
                    media = MediaSniffer.isMedia(path);
                } catch (IOException e) {
                    media = false; // Unreadable: the planner leaves it where it is, as not media.
                }
            }
            return new Entry(path, name, attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    attributes.isSymbolicLink(), attributes.isRegularFile(), media);
        }
    }

    // The JDK's message for a refused read is the path alone, as lossy text; the path is reported beside it.
    private static String why(Exception e, Path path) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        if (message != null && message.indexOf('\uFFFD') >= 0) {
            message = message.replace(path.toString(), RawPaths.display(path));
        }
        return message == null ? e.getClass().getSimpleName() : message;
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
