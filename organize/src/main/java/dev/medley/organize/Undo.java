package dev.medley.organize;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.Journal;
import dev.medley.catalog.Journal.Entry;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.PlanInfo;
import dev.medley.catalog.Plans;
import dev.medley.core.RawPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reverts an apply run by replaying its journal backwards: moved files go back, copies and links
 * are removed. Each reversal is journaled like any operation, so an interrupted undo is recovered
 * too. A file changed since it was organised (size or modification time), or whose original place
 * is taken again, is left alone and reported: undo never destroys the only copy of anything.
 */
public final class Undo {
    /** The outcome of reverting one operation. */
    public record Result(Entry operation, Applier.Status status, String detail) {}

    /** Counts of an undo run. */
    public record Summary(long runId, long restored, long refused) {
        /** Returns 0 when everything was reverted, else 1. */
        public int exitCode() {
            return refused == 0 ? 0 : 1;
        }
    }

    private final Catalog catalog;

    public Undo(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Reverts apply run {@code applyRun} as run {@code undoRun}, passing each outcome to {@code sink}. */
    public Summary undo(long applyRun, long undoRun, Consumer<Result> sink) {
        try (Journal journal = catalog.journal(); Plans plans = catalog.plans()) {
            List<Entry> done = new ArrayList<>();
            journal.entriesReversed(applyRun, entry -> {
                if (entry.state() == Journal.State.DONE && !entry.action().equals("remove")) {
                    done.add(entry);
                }
            });
            Transfers transfers = new Transfers(journal);
            Map<Long, Path> libraries = new HashMap<>();
            long seq = 0;
            long restored = 0;
            long refused = 0;
            for (Entry operation : done) {
                Path library = libraries.computeIfAbsent(operation.planRun(),
                        plan -> plans.find(plan).map(PlanInfo::library).map(PathKey::toPath).orElse(null));
                Result result;
                try {
                    result = revert(operation, undoRun, seq++, transfers, journal);
                } catch (IOException | RuntimeException e) {
                    result = new Result(operation, Applier.Status.FAILED, Transfers.describe(e,
                            PathKey.toPath(operation.source()), PathKey.toPath(operation.target())));
                }
                if (result.status() == Applier.Status.DONE) {
                    restored++;
                    if (library != null) {
                        FileOps.pruneEmptyFolders(PathKey.toPath(operation.target()).getParent(), library);
                    }
                } else {
                    refused++;
                }
                sink.accept(result);
            }
            return new Summary(undoRun, restored, refused);
        }
    }

    private Result revert(Entry operation, long undoRun, long seq, Transfers transfers, Journal journal)
            throws IOException {
        Path source = PathKey.toPath(operation.source());
        Path target = PathKey.toPath(operation.target());
        String refusal = refusal(operation, source, target);
        if (refusal != null) {
            return new Result(operation, Applier.Status.FAILED, refusal);
        }
        Entry reversal;
        if (operation.action().equals("move")) {
            Files.createDirectories(source.getParent());
            boolean sameDevice = FileOps.sameDevice(target, source.getParent());
            String temp = sameDevice ? null : PathKey.of(Transfers.temporary(source, undoRun, seq));
            reversal = new Entry(undoRun, seq, operation.planRun(), operation.planSeq(), "move", operation.target(),
                    operation.source(), temp, operation.size(), operation.mtimeNanos(), operation.hash(),
                    Journal.State.STARTED, null);
        } else {
            reversal = new Entry(undoRun, seq, operation.planRun(), operation.planSeq(), "remove", operation.source(),
                    operation.target(), null, operation.size(), operation.mtimeNanos(), operation.hash(),
                    Journal.State.STARTED, null);
        }
        transfers.run(reversal);
        journal.markUndone(operation.planRun(), operation.planSeq(), undoRun);
        return new Result(operation, Applier.Status.DONE, null);
    }

    /** Returns why {@code operation} must not be reverted, or null when it may. */
    private static String refusal(Entry operation, Path source, Path target) throws IOException {
        boolean sourceThere = Files.exists(source, LinkOption.NOFOLLOW_LINKS);
        String from = RawPaths.display(source);
        String to = RawPaths.display(target);
        switch (operation.action()) {
            case "symlink" -> {
                if (!Files.isSymbolicLink(target) || !Files.readSymbolicLink(target).equals(source)) {
                    return "the link " + to + " was changed or removed since; left as it is";
                }
                return null;
            }
            case "hardlink" -> {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    return "the link " + to + " is gone; nothing to undo";
                }
                if (!sourceThere) {
                    return "the original " + from + " is gone, so " + to + " is the only name left; kept";
                }
                return Files.isSameFile(source, target) ? null : "the link " + to + " was replaced since; left as it is";
            }
            default -> {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    return "the file is gone from " + to + "; nothing to undo";
                }
                if (changed(operation, target)) {
                    return "the file " + to + " changed since it was organised; left as it is";
                }
                if (operation.action().equals("move") && sourceThere) {
                    return "a file is at the original place " + from + " again; " + to + " left as it is";
                }
                if (!operation.action().equals("move") && !sourceThere) {
                    return "the original " + from + " is gone, so the copy " + to + " is the only one left; kept";
                }
                return null;
            }
        }
    }

    private static boolean changed(Entry operation, Path file) throws IOException {
        if (Files.size(file) != operation.size()) {
            return true;
        }
        long mtime = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
        if (mtime == operation.mtimeNanos()) {
            return false;
        }
        // Touched but maybe not changed: the content decides, where the apply recorded it.
        return operation.hash() == null || !ContentHash.of(file).equals(operation.hash());
    }
}
