package dev.medley.organize;

import dev.medley.catalog.Journal;
import dev.medley.catalog.Journal.Entry;
import dev.medley.catalog.Journal.State;
import dev.medley.catalog.PathKey;
import dev.medley.core.RawPaths;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/*
 * Every operation follows the journal's rule: record the intent, act, record the end. The acts
 * are ordered so that at each instant at least one whole copy of the file exists under a name
 * the journal knows (source, temporary file or target), and the source is deleted only once the
 * target is complete and in place. Recovery (finish) reads the journal entry and the files and
 * completes or reverses the operation; it is idempotent, so a crash during recovery is recovered
 * the next time.
 */

/** Carries out journaled file operations, and finishes those a crash interrupted. */
final class Transfers {
    private final Journal journal;

    Transfers(Journal journal) {
        this.journal = journal;
    }

    /** Returns the temporary name a copy into {@code target}'s folder uses for operation {@code (run, seq)}. */
    static Path temporary(Path target, long run, long seq) {
        return target.resolveSibling(".medley-" + run + "-" + seq + ".part");
    }

    /**
     * Carries out {@code intent} (in state STARTED): records it, acts, records the end. Returns a
     * note for the user, or null.
     *
     * @throws IOException if the operation failed; it is then recorded as failed, and the source is as it was
     */
    String run(Entry intent) throws IOException {
        journal.begin(intent);
        Path source = PathKey.toPath(intent.source());
        Path target = PathKey.toPath(intent.target());
        Path temp = intent.temp() == null ? null : PathKey.toPath(intent.temp());
        try {
            String note = act(intent, source, target, temp);
            journal.advance(intent.runId(), intent.seq(), State.DONE, null, note);
            return note;
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            journal.advance(intent.runId(), intent.seq(), State.FAILED, null, describe(e, source, target, temp));
            throw e;
        }
    }

    private String act(Entry intent, Path source, Path target, Path temp) throws IOException {
        switch (intent.action()) {
            case "move" -> {
                if (temp == null) {
                    FileOps.renameNoReplace(source, target);
                    FileOps.syncFolder(target.getParent());
                    return null;
                }
                copyInto(intent, FileOps.copyVerified(source, temp), temp, target);
                Files.delete(source);
                return null;
            }
            case "copy" -> copyInto(intent, FileOps.copyVerified(source, temp), temp, target);
            case "reflink" -> copyInto(intent, FileOps.reflinkVerified(source, temp), temp, target);
            case "hardlink" -> Files.createLink(target, source);
            case "symlink" -> Files.createSymbolicLink(target, source);
            case "remove" -> Files.delete(target);
            default -> throw new IllegalArgumentException("unknown action " + intent.action());
        }
        return null;
    }

    private void copyInto(Entry intent, String hash, Path temp, Path target) throws IOException {
        journal.advance(intent.runId(), intent.seq(), State.COPIED, hash, null);
        FileOps.renameNoReplace(temp, target);
        FileOps.syncFolder(target.getParent());
    }

    /**
     * Finishes or reverses an operation that a crash left open, judging by the files, and records
     * the outcome. Returns the state it ended in.
     */
    State finish(Entry open) throws IOException {
        Path source = PathKey.toPath(open.source());
        Path target = PathKey.toPath(open.target());
        Path temp = open.temp() == null ? null : PathKey.toPath(open.temp());
        State state;
        String detail;
        boolean targetThere = exists(target);
        boolean sourceThere = exists(source);
        switch (open.action()) {
            case "move" -> {
                if (targetThere && sourceThere) {
                    if (Files.isSameFile(source, target) || sameContent(target, open.hash(), source)) {
                        Files.delete(source); // Target complete and in place: the move only lacked its last step.
                        state = State.DONE;
                        detail = "finished after an interruption";
                    } else {
                        state = State.FAILED;
                        detail = "interrupted; the target name now holds another file, both left as they are";
                    }
                } else if (targetThere) {
                    state = State.DONE;
                    detail = "finished after an interruption";
                } else if (sourceThere) {
                    state = State.ROLLED_BACK;
                    detail = "interrupted before it took effect; the file is still at its source";
                } else if (temp != null && open.state() == State.COPIED && exists(temp)
                        && ContentHash.of(temp).equals(open.hash())) {
                    FileOps.renameNoReplace(temp, target); // Only the verified copy is left: put it in place.
                    state = State.DONE;
                    detail = "finished from its verified copy after an interruption";
                } else {
                    state = State.FAILED;
                    detail = "interrupted, and the file is at neither place; look for it by hand";
                }
            }
            case "copy", "reflink" -> {
                if (targetThere && sourceThere && sameContent(target, open.hash(), source)) {
                    state = State.DONE;
                    detail = "finished after an interruption";
                } else if (targetThere) {
                    state = State.FAILED;
                    detail = "interrupted; the target name holds another file, left as it is";
                } else {
                    state = State.ROLLED_BACK;
                    detail = "interrupted before it took effect";
                }
            }
            case "hardlink" -> {
                boolean linked = targetThere && sourceThere && Files.isSameFile(source, target);
                state = linked ? State.DONE : State.ROLLED_BACK;
                detail = linked ? "finished after an interruption" : "interrupted before it took effect";
            }
            case "symlink" -> {
                boolean linked = Files.isSymbolicLink(target) && Files.readSymbolicLink(target).equals(source);
                state = linked ? State.DONE : State.ROLLED_BACK;
                detail = linked ? "finished after an interruption" : "interrupted before it took effect";
            }
            case "remove" -> {
                state = targetThere ? State.ROLLED_BACK : State.DONE;
                detail = targetThere ? "interrupted before it took effect" : "finished after an interruption";
            }
            default -> throw new IllegalStateException("unknown action " + open.action() + " in the journal");
        }
        if (temp != null) {
            Files.deleteIfExists(temp);
        }
        journal.advance(open.runId(), open.seq(), state, null, detail);
        return state;
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean sameContent(Path target, String knownHash, Path source) throws IOException {
        String expected = knownHash != null ? knownHash : ContentHash.of(source);
        return ContentHash.of(target).equals(expected);
    }

    /**
     * Returns what went wrong, for people and the journal, with {@code involved} paths (and their
     * folders) shown as {@link RawPaths#display} shows them where the exception named them lossily.
     */
    static String describe(Exception e, Path... involved) {
        String message = escapePaths(e.getMessage(), involved);
        if (e instanceof FileAlreadyExistsException) {
            return "the target exists now: " + message + "; left as it is";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file: " + message;
        }
        if (message != null && message.contains("No space left on device")) {
            return "the disk is full: " + message + "; the source is untouched";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    // The JDK names paths in its messages with toString(), which turns bytes that are not UTF-8 into U+FFFD.
    private static String escapePaths(String message, Path... paths) {
        for (Path path : paths) {
            for (Path p = path; p != null && message != null && message.indexOf('\uFFFD') >= 0; p = p.getParent()) {
                String lossy = p.toString();
                if (lossy.indexOf('\uFFFD') >= 0) {
                    message = message.replace(lossy, RawPaths.display(p));
                }
            }
        }
        return message;
    }
}
