package dev.medley.speech;

import dev.medley.core.RawPaths;
import dev.medley.media.MediaSniffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a transcript's files next to its media ({@code talk.mp3} → {@code talk.srt}) or, with an
 * output folder, mirroring the media's place below its root.
 *
 * <p>Names never collide: when other media files in the folder share the media's stem
 * ({@code talk.flac}, {@code talk.m4a}), the media's extension is kept ({@code talk.flac.srt}), so
 * each media file has transcripts of its own whichever is transcribed first.
 *
 * <p>Each file is written to a temporary name in its folder, flushed to the disk and checked for
 * its full length, then renamed into place, so a reader (or a crash, or a full disk) never sees half
 * a file; a file that could not be written in full is removed and reported with its path. Files are
 * created with the user's umask. A file already there is replaced only when an earlier run wrote
 * it, or recorded that it was about to, for this same media; any other file of that name is the
 * user's and is left alone.
 */
final class TranscriptFiles {
    private TranscriptFiles() {}

    /** Returns where the {@code format} file of {@code media} goes. */
    static Path target(Path media, Path root, Path outDir, OutputFormat format) {
        return target(media, root, outDir, format, new SharedStems());
    }

    /** Returns where the {@code format} file of {@code media} goes, judging shared stems with {@code stems}. */
    static Path target(Path media, Path root, Path outDir, OutputFormat format, SharedStems stems) {
        String name = RawPaths.name(media);
        String base = stems.isShared(media) ? name : stem(name);
        Path folder = media.getParent();
        if (outDir != null) {
            Path relative = root.equals(media) ? Path.of("") : root.relativize(media.getParent());
            folder = outDir.resolve(relative);
        }
        return RawPaths.resolve(folder, base + "." + format.extension());
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Tells whether another media file in the same folder has a media file's stem (compared without
     * case, as some file systems compare names): stem-named transcripts would then collide. Each
     * folder is listed once and only its shared stems are kept, for the last few folders asked
     * about: files arrive folder by folder, and a folder of 100,000 files is not listed 100,000 times.
     */
    static final class SharedStems {
        private static final int FOLDERS_KEPT = 8;
        private final Map<Path, Set<String>> byFolder = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Set<String>> eldest) {
                return size() > FOLDERS_KEPT;
            }
        };

        boolean isShared(Path media) {
            Path folder = media.getParent();
            if (folder == null) {
                return false;
            }
            Set<String> shared;
            synchronized (byFolder) {
                shared = byFolder.get(folder);
            }
            if (shared == null) {
                shared = list(folder);
                synchronized (byFolder) {
                    byFolder.put(folder, shared);
                }
            }
            return shared.contains(stem(RawPaths.name(media)).toLowerCase(Locale.ROOT));
        }

        private static Set<String> list(Path folder) {
            Set<String> seen = new HashSet<>();
            Set<String> shared = new HashSet<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    String name = RawPaths.name(entry);
                    if (MediaSniffer.hasMediaExtension(name) && !seen.add(stem(name).toLowerCase(Locale.ROOT))) {
                        shared.add(stem(name).toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException e) {
                // An unlistable folder: the media file itself was readable, so keep plain names.
            }
            return Set.copyOf(shared);
        }
    }

    /** Returns the targets that all exist. */
    static boolean allExist(Collection<Path> targets) {
        return targets.stream().allMatch(Files::isRegularFile);
    }

    /**
     * Checks that every target may be written: it does not exist, or an earlier run wrote it for
     * this same media.
     *
     * @param ours files earlier runs wrote (or began to write) for this media
     * @throws FileAlreadyExistsException when a target exists and is not ours
     */
    static void checkFree(Collection<Path> targets, Collection<String> ours) throws FileAlreadyExistsException {
        for (Path target : targets) {
            if (Files.exists(target) && !ours.contains(RawPaths.text(target))) {
                throw new FileAlreadyExistsException(RawPaths.display(target), null,
                        "exists and was not written by medley; move it, or write elsewhere with --out DIR");
            }
        }
    }

    /** Writes {@code transcript} in every format, each to its target (in the same order). */
    static void write(Transcript transcript, List<OutputFormat> formats, List<Path> targets) throws IOException {
        for (int i = 0; i < formats.size(); i++) {
            writeAtomically(targets.get(i), formats.get(i).render(transcript));
        }
    }

    /**
     * Writes {@code content} to {@code target} whole or not at all.
     *
     * @throws IOException naming {@code target}, when it could not be written in full
     */
    static void writeAtomically(Path target, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Path folder = target.getParent();
        Path temporary = RawPaths.resolve(folder, "." + RawPaths.name(target) + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.createDirectories(folder);
            // No file attributes: the file gets the user's umask, as files people write do.
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // A full disk may refuse the data only when it is flushed: flush before the rename.
                channel.force(true);
                if (channel.size() != bytes.length) {
                    throw new IOException("only " + channel.size() + " of " + bytes.length + " bytes were written");
                }
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + RawPaths.display(target) + ": " + reason(e), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
