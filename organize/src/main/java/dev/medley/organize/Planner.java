package dev.medley.organize;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.PlanInfo;
import dev.medley.catalog.PlanItem;
import dev.medley.catalog.Plans;
import dev.medley.core.RawPaths;
import dev.medley.media.MediaProbe;
import dev.medley.media.FolderScan;
import dev.medley.media.ScanOptions;
import dev.medley.media.Scanner;
import dev.medley.metadata.Identify;
import dev.medley.metadata.MediaName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/*
 * Planning streams: folders are read one at a time (a folder is the unit because sidecars travel
 * with media of the same folder), and each decision is written to the catalog as it is made and
 * passed on. What the whole plan must answer (which target names are taken: TargetNames; which
 * sizes and contents were seen, in the plan or already in the library: Duplicates) is looked up in
 * the plan's planning state in the catalog, not held, so memory stays the same however large the
 * library.
 */

/**
 * Makes an organise plan: for every file under the sources, where it goes in the library and
 * why, or why it stays. Stores the plan in the catalog, where {@link Applier} picks it up.
 */
public final class Planner {
    private static final Pattern SEASON_FOLDER =
            Pattern.compile("(?i)(season|series|staffel|saison|temporada)[ ._-]*\\d{1,4}|specials?");
    private static final Set<String> PARTIAL = Set.of("part", "crdownload", "!qb", "partial");

    /**
     * What to plan.
     *
     * @param library the library root; it need not exist yet, since planning creates nothing
     * @param sources the folders (or files) to organise
     * @param fallbackCopy whether hard links and reflinks may fall back to copies, each reported
     */
    public record Options(
            Path library, List<Path> sources, Mode mode, boolean fallbackCopy, OnConflict onConflict,
            Templates templates) {
        /**
         * Makes the paths absolute, and the part of the library root that exists real (links resolved).
         *
         * @throws IllegalArgumentException if something other than a folder stands where the library root or one of
         *     its folders must be
         */
        public Options {
            library = FileOps.realPathOfNearest(library);
            Path existing = FileOps.existingAncestor(library);
            if (!Files.isDirectory(existing)) {
                throw new IllegalArgumentException("the library must be a folder, and " + existing + " is not one");
            }
            sources = Scanner.distinctRoots(sources);
        }
    }

    /** Supplies a media file's probe: from the catalog when current, else by probing it now. */
    @FunctionalInterface
    public interface Probes {
        MediaProbe probe(Path file, long size, long mtimeNanos);
    }

    /**
     * What the stages before planning found out about one media file.
     *
     * @param name what the file was identified as
     * @param playable whether probing found it playable
     * @param error why it is not playable, or null
     */
    public record Facts(MediaName name, boolean playable, String error, Proposal proposal) {
        public Facts(MediaName name, boolean playable, String error) {
            this(name, playable, error, null);
        }
    }

    /**
     * Where a media file would go by its own name, before the plan weighs it against the others:
     * whether it is an extra, and the name its template gives it. Made by {@link #propose}.
     */
    public static final class Proposal {
        final Extras.Extra extra;
        final Naming naming;

        private Proposal(Extras.Extra extra, Naming naming) {
            this.extra = extra;
            this.naming = naming;
        }
    }

    /**
     * Returns where {@code entry} of {@code folder}, identified as {@code name}, would go. It reads
     * nothing but its arguments, so the stages before planning can make it on their own threads and
     * hand it over in {@link Facts}, leaving the plan's one thread the decisions that need the others.
     */
    public Proposal propose(FolderScan.Folder folder, FolderScan.Entry entry, MediaName name) {
        List<String> folders = folder.names();
        Extras.Extra extra = Extras.classify(folders, entry.name(), name);
        if (extra.kind() == ExtraKind.SAMPLE) {
            return new Proposal(extra, null);
        }
        String stem = stem(entry.name());
        Naming naming = extra.kind() != ExtraKind.NONE
                ? Naming.extra(options.templates(), folders, extra, stem, SEASON_FOLDER)
                : Naming.main(options.templates(), name, stem);
        return new Proposal(extra, naming);
    }

    /** Supplies the facts of each media entry of a folder being planned. */
    @FunctionalInterface
    public interface FactsOf {
        Facts of(FolderScan.Entry entry);
    }

    /**
     * One decision of the plan.
     *
     * @param what what the file was taken for: episode, movie, music, extra, sidecar, or other
     */
    public record Planned(PlanItem item, String what) {}

    /** Counts of a plan. */
    public record Summary(
            long runId, long planned, long skipped, long duplicates, long conflicts, long bytes, long problems) {}

    private final Catalog catalog;
    private final Options options;

    public Planner(Catalog catalog, Options options) {
        this.catalog = catalog;
        this.options = options;
    }

    /** Returns what is planned. */
    public Options options() {
        return options;
    }

    /**
     * Plans on its own: walks the sources, probing and identifying each media file as it goes, records the plan as
     * made by run {@code runId}, and passes each decision to {@code sink} in plan order and each unreadable path to
     * {@code problems}. A pipeline that has probed and identified the files already plans with {@link #open}.
     */
    public Summary plan(long runId, Probes probes, Identify identify, Consumer<Planned> sink, Scanner.Problems problems) {
        long[] unreadable = new long[1];
        FolderScan scan = new FolderScan(ScanOptions.DEFAULT, options.library(), (path, problem) -> {
            unreadable[0]++;
            problems.report(path, problem);
        });
        try (Session session = open(runId, sink)) {
            for (Iterator<FolderScan.Folder> folders = scan.walk(options.sources()); folders.hasNext(); ) {
                FolderScan.Folder folder = folders.next();
                String root = RawPaths.text(folder.root());
                session.folder(folder, entry -> {
                    MediaProbe probe = probes.probe(entry.path(), entry.size(), entry.mtimeNanos());
                    MediaName name = identify.identify(RawPaths.text(entry.path()),
                            probe.tags() == null ? Map.of() : probe.tags(),
                            new Identify.Context(root, probe.durationSeconds())).name();
                    return new Facts(name, probe.ok(), probe.error());
                });
            }
            return session.finish(unreadable[0]);
        }
    }

    /**
     * Starts a plan made by run {@code runId}: folders are then planned one at a time, in the order a
     * {@link FolderScan} hands them over, each decision passed to {@code sink} as it is made.
     */
    public Session open(long runId, Consumer<Planned> sink) {
        Plans plans = catalog.plans();
        try {
            plans.create(new PlanInfo(runId, PathKey.of(options.library()), options.mode().key(),
                    options.fallbackCopy() ? "copy" : null, options.onConflict().key(),
                    options.sources().stream().map(PathKey::of).toList(), Instant.now()));
            Session session = new Session(runId, plans, sink);
            session.sameContent.rememberLibrary(options.library(), options.sources());
            plans.flush(); // Nothing held open while the stages before planning work.
            return session;
        } catch (RuntimeException e) {
            plans.close();
            throw e;
        }
    }

    /**
     * Where one media file of a folder goes.
     *
     * @param target its target, or null when it stays
     * @param extra whether it is an extra rather than the folder's main content
     */
    private record Placed(Path target, boolean extra) {
        /** Ranks the files a folder's own artwork may follow: main content that moves, then an extra that moves. */
        int rank() {
            return target == null ? 0 : extra ? 1 : 2;
        }
    }

    /** One plan being made, a folder at a time. Close it when done; {@link #finish} first for the summary. */
    public final class Session implements AutoCloseable {
        final long runId;
        final Plans plans;
        final Consumer<Planned> sink;
        final TargetNames names;
        final Duplicates sameContent;
        long seq;
        long planned;
        long skipped;
        long duplicates;
        long conflicts;
        long bytes;

        private Session(long runId, Plans plans, Consumer<Planned> sink) {
            this.runId = runId;
            this.plans = plans;
            this.sink = sink;
            this.names = new TargetNames(options.library(), plans, runId);
            this.sameContent = new Duplicates(plans, runId);
        }

        /** Plans the files of {@code folder}, with the facts of its media entries from {@code facts}. */
        public void folder(FolderScan.Folder folder, FactsOf facts) {
            List<String> media = new ArrayList<>();
            List<String> others = new ArrayList<>();
            Map<String, FolderScan.Entry> byName = new HashMap<>();
            for (FolderScan.Entry entry : folder.entries()) {
                byName.put(entry.name(), entry);
                String why = passOver(entry);
                if (why != null) {
                    skip(entry.path(), entry.size(), "other", why, null, null);
                } else if (entry.media()) {
                    media.add(entry.name());
                } else {
                    others.add(entry.name());
                }
            }
            Sidecars.Match match = Sidecars.match(media, others);
            // Artwork and NFOs of the whole folder go where its main content goes, not with a sample,
            // an extra or a duplicate that happens to sort first ("Film-sample.mkv" < "Film.mkv").
            List<Sidecars.Sidecar> folderLevel = new ArrayList<>();
            FolderScan.Entry home = null;
            Placed homePlaced = null;
            for (String name : media) {
                FolderScan.Entry entry = byName.get(name);
                Placed placed = media(folder, entry, facts.of(entry));
                for (Sidecars.Sidecar sidecar : match.byMedia().getOrDefault(name, List.of())) {
                    if (sidecar.folderLevel()) {
                        folderLevel.add(sidecar);
                    } else {
                        sidecar(byName.get(sidecar.name()), sidecar, entry, placed.target());
                    }
                }
                if (home == null || placed.rank() > homePlaced.rank()) {
                    home = entry;
                    homePlaced = placed;
                }
            }
            for (Sidecars.Sidecar sidecar : folderLevel) {
                sidecar(byName.get(sidecar.name()), sidecar, home, homePlaced.target());
            }
            for (String name : match.unmatched()) {
                FolderScan.Entry entry = byName.get(name);
                skip(entry.path(), entry.size(), "other", "not media, and no media file here has its name", null, null);
            }
        }

        /**
         * Commits what has been planned so far. Call it before waiting on the stages before planning:
         * they write to the catalog meanwhile, and a plan's transaction left open while they work (a
         * long transcription) would keep them waiting. Between two calls, writes are committed in
         * batches of their own.
         */
        public void commit() {
            plans.flush();
        }

        /** Ends the plan: forgets its planning state and returns its counts, with {@code unreadable} paths. */
        public Summary finish(long unreadable) {
            plans.forgetPlanningState(runId);
            return new Summary(runId, planned, skipped, duplicates, conflicts, bytes, unreadable);
        }

        @Override
        public void close() {
            plans.close();
        }

        private String passOver(FolderScan.Entry entry) {
            if (entry.link()) {
                return "a link; links are not followed";
            }
            if (!entry.regularFile()) {
                return "not a regular file";
            }
            if (PARTIAL.contains(extension(entry.name()))) {
                return "a partial download";
            }
            return null;
        }

        /** Plans one media file; returns where it goes. */
        private Placed media(FolderScan.Folder folder, FolderScan.Entry entry, Facts facts) {
            Path path = entry.path();
            MediaName name = facts.name();
            Proposal proposal = facts.proposal() != null ? facts.proposal() : propose(folder, entry, name);
            Extras.Extra extra = proposal.extra;
            if (extra.kind() == ExtraKind.SAMPLE) {
                return stay(path, entry.size(), "sample", "a sample clip", null, null);
            }
            if (!facts.playable()) {
                return stay(path, entry.size(), name.kind().key(), "not playable: " + facts.error(), null, null);
            }
            String extension = extension(entry.name());
            Naming naming = proposal.naming;
            String role = extra.kind() != ExtraKind.NONE ? "extra" : "media";
            String what = extra.kind() != ExtraKind.NONE ? "extra" : name.kind().key();
            Duplicates.Duplicate duplicate = sameContent.duplicateOf(path, entry.size());
            String duplicateOf = duplicate == null ? null : duplicate.earlier();
            if (duplicate != null && options.onConflict() != OnConflict.KEEP_BOTH) {
                duplicates++;
                return stay(path, entry.size(), what, "duplicate of " + PathKey.display(duplicateOf), "duplicate",
                        duplicate.hash());
            }
            if (naming.problem() != null) {
                return stay(path, entry.size(), what, naming.problem(), null, null);
            }
            TargetNames.Claim claim = names.claim(naming.relative(), extension.isEmpty() ? "" : "." + extension,
                    path, options.onConflict());
            // Counted as the line will read: "duplicate of" a file of the plan or of the library, else a conflict.
            if (duplicateOf != null || claim.obstacle() == TargetNames.Obstacle.DUPLICATE) {
                duplicates++;
            } else if (claim.obstacle() != null) {
                conflicts++;
            }
            if (claim.target() == null) {
                return stay(path, entry.size(), what, claim.why(), claim.obstacle().code, null);
            }
            String conflict = duplicateOf != null ? "duplicate of " + PathKey.display(duplicateOf) : claim.conflict();
            return new Placed(add(path, claim.target(), entry.size(), role, what, naming.reason(), conflict),
                    extra.kind() != ExtraKind.NONE);
        }

        private Placed stay(Path source, long size, String what, String why, String conflict, String hash) {
            return new Placed(skip(source, size, what, why, conflict, hash), false);
        }

        private void sidecar(FolderScan.Entry entry, Sidecars.Sidecar sidecar, FolderScan.Entry media, Path mediaTarget) {
            if (mediaTarget == null) {
                skip(entry.path(), entry.size(), "sidecar", "stays with " + media.name() + ", which stays", null, null);
                return;
            }
            String name = sidecar.folderLevel()
                    ? SafeNames.segment(sidecar.name())
                    : SafeNames.capBytes(stem(RawPaths.name(mediaTarget)) + sidecar.suffix(), 255);
            Path relative = options.library().relativize(RawPaths.resolve(mediaTarget.getParent(), name));
            TargetNames.Claim claim = names.claimExact(relative, entry.path());
            if (claim.target() == null) {
                conflicts++;
                skip(entry.path(), entry.size(), "sidecar", claim.why(), claim.obstacle().code, null);
                return;
            }
            add(entry.path(), claim.target(), entry.size(), "sidecar", "sidecar", "goes with " + media.name(), null);
        }

        private Path add(Path source, Path target, long size, String role, String what, String reason, String conflict) {
            if (source.equals(target)) {
                skip(source, size, what, "already in place", null, null);
                return target;
            }
            PlanItem item = new PlanItem(seq++, role, PathKey.of(source), PathKey.of(target), false, forPeople(reason),
                    forPeople(conflict), size, null);
            plans.add(runId, item);
            planned++;
            bytes += size;
            sink.accept(new Planned(item, what));
            return target;
        }

        private Path skip(Path source, long size, String what, String why, String conflict, String hash) {
            PlanItem item = new PlanItem(seq++, what.equals("sidecar") ? "sidecar" : "media", PathKey.of(source), null,
                    true, forPeople(why), conflict, size, hash);
            plans.add(runId, item);
            skipped++;
            sink.accept(new Planned(item, what));
            return null;
        }
    }

    /**
     * Returns a reason for people and the catalog: names in it (of files, folders, titles taken from
     * them) are escaped text, whose bytes that are not UTF-8 are shown as {@code \xNN}.
     */
    private static String forPeople(String text) {
        return text == null ? null : RawPaths.display(text);
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
