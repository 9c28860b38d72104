package dev.medley.pipeline;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.RecordedRun;
import dev.medley.catalog.RunRecord;
import dev.medley.core.BatchRunner;
import dev.medley.core.ItemResult;
import dev.medley.core.RawPaths;
import dev.medley.media.FolderScan;
import dev.medley.media.Scanner;
import dev.medley.metadata.MediaKind;
import dev.medley.organize.Applier;
import dev.medley.organize.Planner;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The flow over a library, as one recorded run: a {@link FolderScan} lists each folder once; its
 * media files go through the {@link Stage}s, several files at a time on the batch engine, and come
 * back in scan order; when the last file of a folder is back, the planner files that folder with
 * what the stages found; after the scan, the plan is applied when asked.
 *
 * <p>Memory holds the files in flight and the folders they belong to, never the library. Every
 * stage records its results in the catalog as it goes, so a run stopped at any point redoes
 * nothing committed when it runs again. Build one with {@link Pipelines#standard}.
 */
public final class Pipeline {
    private final Catalog catalog;
    private final PipelineOptions options;
    private final List<Stage> stages;

    Pipeline(Catalog catalog, PipelineOptions options, List<Stage> stages) {
        this.catalog = catalog;
        this.options = options;
        this.stages = List.copyOf(stages);
    }

    /** Returns the names of the file stages, in order. */
    public List<String> stageNames() {
        return stages.stream().map(Stage::name).toList();
    }

    /**
     * Runs the pipeline, telling {@code listener} what happens, and returns what each stage did.
     *
     * @throws RuntimeException a fault that is not a file's: the catalog failing, the speech engine
     *     not opening, a bug; the run is recorded as failed and can simply be run again
     */
    public PipelineReport run(PipelineListener listener) {
        long started = System.nanoTime();
        List<Path> sources = Scanner.distinctRoots(options.sources());
        Tally tally = new Tally();
        Planner planner = options.plan() == null ? null : new Planner(catalog, options.plan());
        FolderScan scan = new FolderScan(options.scan(), planner == null ? null : options.plan().library(),
                (path, problem) -> {
                    tally.problems++;
                    tally.failures.add(new PipelineReport.Failure(RawPaths.display(path), "scan", problem));
                    listener.problem(path, problem);
                });
        long runId;
        Planner.Summary plan = null;
        int missing;
        long analysed;
        try (RecordedRun run = RecordedRun.start(catalog, options.command(), arguments(sources));
                CatalogWriter writer = catalog.writer(run.id())) {
            runId = run.id();
            listener.runStarted(runId);
            try (Planner.Session planning = planner == null ? null : planner.open(runId, listener::planned)) {
                Folders folders = new Folders(scan.walk(sources), planning);
                BatchRunner.Builder<Pending, Flow> engine = BatchRunner.<Pending, Flow>builder(options.command())
                        .workers(options.filesInFlight());
                if (planning != null) {
                    engine.beforeWaiting(planning::commit);
                }
                try {
                    engine.build()
                        .run(folders, pending -> flow(pending, writer, planner), result -> {
                            Flow flow = switch (result) {
                                case ItemResult.Ok<Pending, Flow> ok -> ok.value();
                                case ItemResult.Failed<Pending, Flow> failed -> throw fault(failed.cause());
                                case ItemResult.Skipped<Pending, Flow> skipped ->
                                        throw new IllegalStateException("a file was skipped: " + skipped.reason());
                            };
                            tally.count(flow, listener);
                            folders.finished(flow);
                        });
                } finally {
                    stages.forEach(Stage::finish);
                }
                folders.finishAll();
                analysed = System.nanoTime();
                if (planning != null) {
                    planning.commit(); // Before waiting on the writer, which may need the lock the plan holds.
                }
                writer.flush();
                if (planning != null) {
                    plan = planning.finish(tally.problems);
                    listener.planFinished(plan);
                }
                missing = catalog.markMissing(runId, sources, scan.unreadableFolders());
            }
            run.completed(new RunRecord.Counts(tally.files, tally.files - tally.failedFiles, tally.failedFiles, 0));
        }
        Applier.Summary applied = options.apply() ? PlanApply.apply(catalog, runId, options.applyPerDevice(), listener::applied) : null;
        PipelineReport report = new PipelineReport(runId, tally.files, Collections.unmodifiableMap(tally.stages),
                tally.kinds(), List.copyOf(tally.failures), missing, plan, applied, seconds(analysed - started),
                seconds(System.nanoTime() - started));
        listener.runFinished(report);
        return report;
    }

    /** A file handed out by the scan, with its folder. */
    private record Pending(MediaFile file, FolderScan.Folder folder) {}

    /**
     * One file through every stage: the record as the last stage left it, each stage's result, and
     * where the file would go when a plan is made (null otherwise).
     */
    private record Flow(MediaFile file, List<Step> steps, Planner.Proposal proposal) {
        /** Returns the first failure's reason, or null. */
        String failure() {
            for (Step step : steps) {
                if (step.result() instanceof StageResult.Failed failed) {
                    return failed.reason();
                }
            }
            return null;
        }
    }

    private record Step(String stage, StageResult result) {}

    // What the file makes go wrong fails the file; a fault of Medley's or of its surroundings stops the run.
    private Flow flow(Pending pending, CatalogWriter writer, Planner planner) {
        List<Step> steps = new ArrayList<>(stages.size());
        MediaFile scanned = pending.file();
        // Looked up here, on the worker, not where the scan hands files out: the planner's thread is the busier.
        MediaFile current = scanned.withKnown(catalog.lookup(scanned.scanned().key()).orElse(null));
        for (Stage stage : stages) {
            StageResult result;
            try {
                result = stage.run(current, writer);
            } catch (UncheckedIOException e) {
                result = new StageResult.Failed(current, reason(e.getCause()));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                result = new StageResult.Failed(current, reason(e));
            }
            steps.add(new Step(stage.name(), result));
            current = result.file();
        }
        // What needs only this file is worked out here, in parallel; the planner's one thread decides the rest.
        Planner.Proposal proposal = planner == null || current.identity() == null
                ? null : planner.propose(pending.folder(), current.entry(), current.identity().name());
        return new Flow(current, steps, proposal);
    }

    private static RuntimeException fault(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    static String reason(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static String arguments(List<Path> sources) {
        return String.join(" ", sources.stream().map(RawPaths::display).toList());
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    /** Counts as files come back, in order, on the calling thread. */
    private final class Tally {
        final Map<String, PipelineReport.StageCounts> stages = new LinkedHashMap<>();
        final Map<MediaKind, Long> kinds = new java.util.EnumMap<>(MediaKind.class);
        final List<PipelineReport.Failure> failures = new ArrayList<>();
        long files;
        long failedFiles;
        long problems;

        Tally() {
            for (Stage stage : Pipeline.this.stages) {
                stages.put(stage.name(), new PipelineReport.StageCounts(0, 0, 0, 0));
            }
        }

        void count(Flow flow, PipelineListener listener) {
            files++;
            MediaFile file = flow.file();
            boolean failed = false;
            for (Step step : flow.steps()) {
                PipelineReport.StageCounts c = stages.get(step.stage());
                switch (step.result()) {
                    case StageResult.Done done -> {
                        stages.put(step.stage(), new PipelineReport.StageCounts(c.done() + 1, c.alreadyDone(), c.passed(), c.failed()));
                        listener.stageDone(step.stage(), done.file());
                    }
                    case StageResult.AlreadyDone already -> {
                        stages.put(step.stage(), new PipelineReport.StageCounts(c.done(), c.alreadyDone() + 1, c.passed(), c.failed()));
                        listener.stageSkipped(step.stage(), already.file(), already.why());
                    }
                    case StageResult.Passed passed -> {
                        stages.put(step.stage(), new PipelineReport.StageCounts(c.done(), c.alreadyDone(), c.passed() + 1, c.failed()));
                        listener.stageSkipped(step.stage(), passed.file(), passed.why());
                    }
                    case StageResult.Failed failure -> {
                        stages.put(step.stage(), new PipelineReport.StageCounts(c.done(), c.alreadyDone(), c.passed(), c.failed() + 1));
                        failures.add(new PipelineReport.Failure(file.display(), step.stage(), failure.reason()));
                        listener.stageFailed(step.stage(), failure.file(), failure.reason());
                        failed = true;
                    }
                }
            }
            if (failed) {
                failedFiles++;
            }
            if (file.identity() != null) {
                kinds.merge(file.identity().name().kind(), 1L, Long::sum);
            }
            listener.fileFinished(file, new PipelineListener.Progress(files, failedFiles, note()));
        }

        String note() {
            StringBuilder note = new StringBuilder();
            stages.forEach((stage, c) -> {
                long handled = c.done() + c.alreadyDone();
                note.append(note.isEmpty() ? "" : " · ").append(pastTense(stage)).append(' ').append(handled);
            });
            return note.toString();
        }

        Map<String, Long> kinds() {
            Map<String, Long> byKey = new LinkedHashMap<>();
            for (MediaKind kind : MediaKind.values()) {
                byKey.put(kind.key(), kinds.getOrDefault(kind, 0L));
            }
            return byKey;
        }
    }

    private static String pastTense(String stage) {
        return switch (stage) {
            case "probe" -> "probed";
            case "identify" -> "identified";
            case "refine" -> "refined";
            case "transcribe" -> "transcribed";
            default -> stage;
        };
    }

    /**
     * The scan's media files, one folder after another; and the folders handed out whose files are
     * not all back yet. A folder is planned when its last file is back, folders in scan order.
     * Called on the run's calling thread only (the batch engine pulls and answers there).
     */
    private final class Folders implements Iterator<Pending> {
        private final Iterator<FolderScan.Folder> walk;
        private final Planner.Session planning;
        private final ArrayDeque<Open> open = new ArrayDeque<>();
        private Iterator<FolderScan.Entry> entries = Collections.emptyIterator();
        private FolderScan.Folder folder;
        private Pending next;

        Folders(Iterator<FolderScan.Folder> walk, Planner.Session planning) {
            this.walk = walk;
            this.planning = planning;
        }

        /** A folder handed out, with its files back so far and how many are still out. */
        private static final class Open {
            final FolderScan.Folder folder;
            final Map<String, Flow> back = new HashMap<>();
            int out;

            Open(FolderScan.Folder folder) {
                this.folder = folder;
                this.out = folder.mediaCount();
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (entries.hasNext()) {
                    FolderScan.Entry entry = entries.next();
                    if (entry.media()) {
                        next = new Pending(MediaFile.scanned(entry, folder.root(), null), folder);
                    }
                } else if (walk.hasNext()) {
                    folder = walk.next();
                    open.add(new Open(folder));
                    entries = folder.entries().iterator();
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Pending next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Pending file = next;
            next = null;
            return file;
        }

        /** Takes a file back; plans every folder at the head whose files are all back. */
        void finished(Flow flow) {
            planReady();
            Open head = open.peek();
            if (head == null || head.out == 0) {
                throw new IllegalStateException("a file came back for no folder: " + flow.file().display());
            }
            head.back.put(flow.file().entry().name(), flow);
            head.out--;
            planReady();
        }

        /** Plans the folders left: those at the end of the scan with no media. */
        void finishAll() {
            planReady();
            if (!open.isEmpty()) {
                throw new IllegalStateException("files of " + RawPaths.display(open.peek().folder.path()) + " never came back");
            }
        }

        private void planReady() {
            while (!open.isEmpty() && open.peek().out == 0) {
                Open done = open.poll();
                if (planning != null) {
                    planning.folder(done.folder, entry -> facts(done.back.get(entry.name())));
                }
            }
        }

        private Planner.Facts facts(Flow flow) {
            MediaFile file = flow.file();
            if (file.identity() == null) {
                throw new IllegalStateException("planning needs the identify stage: " + file.display());
            }
            String error = file.probe() != null ? file.probe().error() : flow.failure();
            return new Planner.Facts(file.identity().name(), file.playable(), error, flow.proposal());
        }
    }
}
