package dev.medley.media;

import dev.medley.catalog.PathKey;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Walks folder trees lazily and yields the media files in them, in a stable order (names sorted
 * within each folder, depth first).
 *
 * <p>Memory holds one folder's listing per level of depth, never the whole tree. Problems (an
 * unreadable folder, a file that vanished, a FIFO, socket or device where a file was expected) are
 * reported once each to the {@link Problems} sink and the walk goes on. Only regular files are ever
 * opened: opening a FIFO blocks until something writes to it, and a device may never end. Links are not followed unless {@link ScanOptions#followSymlinks()} says so, so a
 * scan never leaves the given trees by accident; when they are followed, loops are detected.
 */
public final class Scanner {
    private static final Set<String> PARTIAL_EXTENSIONS = Set.of("part", "crdownload", "!qb", "partial");

    /** Receives what a scan could not read, once per path. */
    @FunctionalInterface
    public interface Problems {
        void report(Path path, String problem);
    }

    private final ScanOptions options;
    private final Problems problems;
    private final List<Path> unreadableFolders = new ArrayList<>();
    private final AtomicLong skipped = new AtomicLong();

    public Scanner(ScanOptions options, Problems problems) {
        this.options = options;
        this.problems = problems;
    }

    /**
     * Returns the roots made absolute, with any root that lies inside another dropped, so that no
     * file is yielded twice.
     */
    public static List<Path> distinctRoots(List<Path> roots) {
        List<Path> absolute = roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().sorted().toList();
        List<Path> kept = new ArrayList<>();
        for (Path root : absolute) {
            if (kept.stream().noneMatch(root::startsWith)) {
                kept.add(root);
            }
        }
        return kept;
    }

    /** Returns the folders that could not be read during the walk so far. */
    public synchronized List<Path> unreadableFolders() {
        return List.copyOf(unreadableFolders);
    }

    /** Returns how many entries were passed over (not media, hidden, partial, links not followed). */
    public long skipped() {
        return skipped.get();
    }

    /**
     * Returns the media files below {@code roots}, read lazily as the iterator is advanced. A root
     * that is a file is yielded whatever its name. Call from one thread.
     */
    public Iterator<ScannedFile> walk(List<Path> roots) {
        return new Walk(distinctRoots(roots));
    }

    private final class Walk implements Iterator<ScannedFile> {
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Iterator<Path> roots;
        private ScannedFile next;

        Walk(List<Path> roots) {
            this.roots = roots.iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (!stack.isEmpty()) {
                    Frame top = stack.peek();
                    if (!top.entries.hasNext()) {
                        stack.pop();
                        continue;
                    }
                    visit(top.entries.next(), false);
                } else if (roots.hasNext()) {
                    visit(roots.next(), true);
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public ScannedFile next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ScannedFile file = next;
            next = null;
            return file;
        }

        private void visit(Path path, boolean isRoot) {
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (!isRoot && !options.includeHidden() && name.startsWith(".")) {
                skipped.incrementAndGet();
                return;
            }
            BasicFileAttributes attributes;
            boolean followed = false;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink()) {
                    if (!options.followSymlinks()) {
                        skipped.incrementAndGet();
                        return;
                    }
                    attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    followed = true;
                }
            } catch (NoSuchFileException e) {
                if (isRoot) {
                    problems.report(path, "no such file or directory");
                } else if (Files.isSymbolicLink(path)) {
                    problems.report(path, "broken link");
                }
                return; // Vanished between listing and reading: nothing to scan.
            } catch (IOException e) {
                problems.report(path, describe(e));
                return;
            }
            if (attributes.isDirectory()) {
                enter(path, attributes.fileKey());
            } else if (attributes.isRegularFile()) {
                takeFile(path, name, attributes, isRoot);
            } else {
                problems.report(path, "not a regular file: " + specialKind(path, followed));
            }
        }

        private void enter(Path directory, Object fileKey) {
            if (fileKey != null && stack.stream().anyMatch(f -> fileKey.equals(f.fileKey))) {
                problems.report(directory, "link loop: this folder contains itself; not entered again");
                return;
            }
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
                for (Path entry : listing) {
                    entries.add(entry);
                }
            } catch (IOException | UncheckedIOException e) {
                IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                synchronized (Scanner.this) {
                    unreadableFolders.add(directory);
                }
                problems.report(directory, "cannot read folder: " + describe(cause));
                return;
            }
            entries.sort(null);
            stack.push(new Frame(entries.iterator(), fileKey));
        }

        private void takeFile(Path file, String name, BasicFileAttributes attributes, boolean isRoot) {
            String extension = MediaSniffer.extension(name);
            String judgedName = name;
            if (!isRoot && PARTIAL_EXTENSIONS.contains(extension)) {
                if (!options.includePartial()) {
                    skipped.incrementAndGet();
                    return;
                }
                judgedName = name.substring(0, name.length() - extension.length() - 1); // film.mkv.part: a film
            }
            if (!isRoot) {
                try {
                    if (!MediaSniffer.isMedia(file, judgedName)) {
                        skipped.incrementAndGet();
                        return;
                    }
                } catch (IOException e) {
                    problems.report(file, "cannot read: " + describe(e));
                    return;
                }
            }
            long mtime = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            next = new ScannedFile(file, PathKey.of(file), attributes.size(), mtime);
        }
    }

    private record Frame(Iterator<Path> entries, Object fileKey) {}

    // What a path that is neither a folder nor a regular file is, from the type bits of its mode.
    static String specialKind(Path path, boolean followLinks) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode",
                    followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS});
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO";
                case 0140000 -> "a socket";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }

    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
