package dev.medley.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;

/**
 * Writes a transcript's files next to its media ({@code talk.mp3} → {@code talk.srt}) or, with an
 * output folder, mirroring the media's place below its root.
 *
 * <p>Each file is written to a temporary name in its folder, then renamed into place, so a reader
 * (or a crash) never sees half a file. A file already there is replaced only when an earlier run
 * wrote it, or recorded that it was about to, for this same media; any other file of that name is
 * the user's and is left alone.
 */
final class TranscriptFiles {
    private TranscriptFiles() {}

    /** Returns where the {@code format} file of {@code media} goes. */
    static Path target(Path media, Path root, Path outDir, OutputFormat format) {
        String name = media.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path folder = media.getParent();
        if (outDir != null) {
            Path relative = root.equals(media) ? Path.of("") : root.relativize(media.getParent());
            folder = outDir.resolve(relative.toString());
        }
        return folder.resolve(stem + "." + format.extension());
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
            if (Files.exists(target) && !ours.contains(target.toString())) {
                throw new FileAlreadyExistsException(target.toString(), null,
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

    static void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
