package dev.medley.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.catalog.Catalog;
import dev.medley.catalog.PlanItem;
import dev.medley.core.Priority;
import dev.medley.media.Prober;
import dev.medley.media.ScanOptions;
import dev.medley.organize.Applier;
import dev.medley.organize.Mode;
import dev.medley.organize.OnConflict;
import dev.medley.organize.Planner;
import dev.medley.organize.Templates;
import dev.medley.metadata.Identify;
import dev.medley.pipeline.MediaFile;
import dev.medley.pipeline.Pipeline;
import dev.medley.pipeline.PipelineListener;
import dev.medley.pipeline.PipelineOptions;
import dev.medley.pipeline.PipelineReport;
import dev.medley.pipeline.PlanApply;
import dev.medley.pipeline.Pipelines;
import dev.medley.speech.OutputFormat;
import dev.medley.speech.TranscribeJob;
import dev.medley.speech.Transcriber;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Library jobs over HTTP: probe, identify, transcribe or plan the files under the server's roots, and
 * apply a plan once approved. Each job is a pipeline run recorded in the catalog as the command line's
 * runs are, so {@code medley history} and {@code medley undo} see them. Jobs run one at a time, in the
 * order asked; transcriptions share the server's model, their windows queued behind interactive requests.
 */
public final class LibraryJobs implements AutoCloseable {
    /** What a job can do. */
    enum Kind { PROBE, IDENTIFY, TRANSCRIBE, PLAN, APPLY }

    /** Where a job is in its life. */
    enum Status { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    private static final int KEPT_FAILURES = 100;
    private static final int KEPT_JOBS = 200;

    private final Catalog catalog;
    private final List<Path> roots;
    private final Transcriber transcriber;
    private final int workers;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("medley-job")
            .daemon(true).factory());
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param transcriber the server's model, or null: transcribe jobs are then refused
     * @param workers files in flight within a job
     */
    public LibraryJobs(Catalog catalog, List<Path> roots, Transcriber transcriber, int workers) {
        this.catalog = catalog;
        this.roots = List.copyOf(roots);
        this.transcriber = transcriber;
        this.workers = Math.max(1, workers);
    }

    Catalog catalog() {
        return catalog;
    }

    /** A job's request, as sent: paths relative to the first root or absolute inside one. */
    record Request(Kind kind, List<String> paths, String to, String mode, List<String> formats, Long plan) {}

    /** Starts (queues) a job. @throws IllegalArgumentException saying what is wrong with the request */
    Job submit(Request request) {
        List<Path> sources = new ArrayList<>();
        Planner.Options plan = null;
        long planRun = 0;
        Set<OutputFormat> formats = EnumSet.of(OutputFormat.TXT, OutputFormat.JSON, OutputFormat.SRT, OutputFormat.VTT);
        if (request.kind() == Kind.APPLY) {
            if (request.plan() == null) {
                throw new IllegalArgumentException("apply needs the plan: the run id of a plan job");
            }
            planRun = request.plan();
        } else {
            if (request.paths() == null || request.paths().isEmpty()) {
                throw new IllegalArgumentException("send paths: files or folders under the server's roots");
            }
            for (String path : request.paths()) {
                sources.add(Roots.resolveAny(roots, path));
            }
        }
        if (request.kind() == Kind.PLAN) {
            if (request.to() == null) {
                throw new IllegalArgumentException("a plan needs 'to': the library folder, under the server's roots");
            }
            Path library = Roots.target(roots, request.to());
            Mode mode;
            try {
                mode = Mode.of(request.mode() == null ? "copy" : request.mode());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown mode '" + request.mode() + "': move, copy, hardlink, "
                        + "symlink or reflink");
            }
            plan = new Planner.Options(library, sources, mode, false, OnConflict.SKIP, Templates.DEFAULT);
        }
        if (request.kind() == Kind.TRANSCRIBE) {
            if (transcriber == null) {
                throw new IllegalArgumentException("this server has no speech model for transcribe jobs");
            }
            if (request.formats() != null && !request.formats().isEmpty()) {
                formats = EnumSet.noneOf(OutputFormat.class);
                for (String format : request.formats()) {
                    formats.add(OutputFormat.parse(format));
                }
            }
        }
        Job job;
        synchronized (jobs) {
            job = new Job("job_" + ids.incrementAndGet(), request.kind(), request.paths() == null ? List.of()
                    : request.paths());
            jobs.put(job.id, job);
            if (jobs.size() > KEPT_JOBS) {
                jobs.values().stream().filter(Job::finished).findFirst().ifPresent(old -> jobs.remove(old.id));
            }
        }
        Planner.Options planned = plan;
        long applying = planRun;
        Set<OutputFormat> outputs = formats;
        job.future = runner.submit(() -> run(job, sources, planned, applying, outputs));
        return job;
    }

    Job get(String id) {
        synchronized (jobs) {
            return jobs.get(id);
        }
    }

    List<Job> list() {
        synchronized (jobs) {
            return List.copyOf(jobs.values());
        }
    }

    /** Cancels a queued job at once, a running one at its next file; the run stays resumable. */
    boolean cancel(String id) {
        Job job = get(id);
        if (job == null) {
            return false;
        }
        job.cancelRequested = true;
        synchronized (job) {
            if (job.status == Status.QUEUED) {
                job.finish(Status.CANCELLED, "cancelled before it started");
            }
        }
        return true;
    }

    private void run(Job job, List<Path> sources, Planner.Options plan, long planRun, Set<OutputFormat> formats) {
        synchronized (job) {
            if (job.status != Status.QUEUED) {
                return;
            }
            job.status = Status.RUNNING;
            job.changed();
        }
        try {
            if (job.kind == Kind.APPLY) {
                Applier.Summary summary = PlanApply.apply(catalog, planRun, 1, result -> job.applied(result));
                job.runId = summary.runId();
                job.finish(summary.failed() == 0 ? Status.DONE : Status.FAILED, summary.failed() == 0 ? null
                        : summary.failed() + " operations failed");
                return;
            }
            TranscribeJob transcribing = job.kind == Kind.TRANSCRIBE ? new TranscribeJob(catalog, transcriber,
                    Priority.BULK, new TranscribeJob.Options(formats, null, false, true, ScanOptions.DEFAULT, workers,
                            Transcriber.Batching.DEFAULT, null)) : null;
            try {
                Identify identify = Identify.DEFAULT;
                PipelineOptions options = new PipelineOptions(job.kind.name().toLowerCase(java.util.Locale.ROOT) + " (serve)",
                        sources, workers, ScanOptions.DEFAULT, Prober.inProcess(Duration.ofSeconds(30)), false, identify,
                        transcribing, plan, false);
                Pipeline pipeline = job.kind == Kind.PROBE ? Pipelines.probeOnly(catalog, options)
                        : Pipelines.standard(catalog, options);
                PipelineReport report = pipeline.run(job.listener());
                job.finish(Status.DONE, report.exitCode() == 0 ? null : "some files failed; see failures");
            } finally {
                if (transcribing != null) {
                    transcribing.close();
                }
            }
        } catch (CancellationException e) {
            job.finish(Status.CANCELLED, "cancelled; run it again to go on where it stopped");
        } catch (RuntimeException e) {
            job.finish(job.cancelRequested ? Status.CANCELLED : Status.FAILED,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    @Override
    public void close() {
        for (Job job : list()) {
            job.cancelRequested = true;
        }
        runner.shutdown();
        try {
            runner.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One job and what it has done so far; read by request threads while its run writes it. */
    static final class Job {
        final String id;
        final Kind kind;
        final List<String> paths;
        final Instant created = Instant.now();
        volatile boolean cancelRequested;
        java.util.concurrent.Future<?> future;
        private Status status = Status.QUEUED;
        private long runId;
        private long files;
        private long failed;
        private String note = "";
        private String error;
        private Instant finished;
        private long version;
        private Planner.Summary planSummary;
        private long applied;
        private final List<ObjectNode> failures = new ArrayList<>();

        Job(String id, Kind kind, List<String> paths) {
            this.id = id;
            this.kind = kind;
            this.paths = List.copyOf(paths);
        }

        synchronized boolean finished() {
            return finished != null;
        }

        synchronized long version() {
            return version;
        }

        /** Waits until the job changes past {@code seen}, or {@code millis} pass; returns the version now. */
        synchronized long awaitChange(long seen, long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (version == seen && finished == null) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                wait(left);
            }
            return version;
        }

        private void changed() {
            version++;
            notifyAll();
        }

        synchronized void finish(Status end, String why) {
            if (finished != null) {
                return;
            }
            status = end;
            error = why;
            finished = Instant.now();
            changed();
        }

        synchronized void applied(Applier.Result result) {
            applied++;
            files++;
            if (result.status() == Applier.Status.FAILED) {
                failed++;
                failure(result.item().source(), "apply", result.detail());
            }
            changed();
        }

        private void failure(String path, String stage, String reason) {
            if (failures.size() < KEPT_FAILURES) {
                failures.add(MedleyServer.JSON.createObjectNode().put("path", path).put("stage", stage)
                        .put("reason", reason));
            }
        }

        PipelineListener listener() {
            return new PipelineListener() {
                private void check() {
                    if (cancelRequested) {
                        throw new CancellationException("cancelled");
                    }
                }

                @Override
                public void runStarted(long id) {
                    synchronized (Job.this) {
                        runId = id;
                        changed();
                    }
                }

                @Override
                public void stageFailed(String stage, MediaFile file, String reason) {
                    synchronized (Job.this) {
                        failure(dev.medley.core.RawPaths.display(file.path()), stage, reason);
                    }
                }

                @Override
                public void fileFinished(MediaFile file, Progress progress) {
                    synchronized (Job.this) {
                        files = progress.files();
                        failed = progress.failed();
                        note = progress.note();
                        changed();
                    }
                    check();
                }

                @Override
                public void planFinished(Planner.Summary plan) {
                    synchronized (Job.this) {
                        planSummary = plan;
                        changed();
                    }
                }
            };
        }

        /** Returns the job as the API shows it. */
        synchronized ObjectNode json() {
            ObjectNode node = MedleyServer.JSON.createObjectNode();
            node.put("id", id);
            node.put("object", "job");
            node.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
            node.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
            ArrayNode given = node.putArray("paths");
            paths.forEach(given::add);
            if (runId > 0) {
                node.put("run_id", runId);
            } else {
                node.putNull("run_id");
            }
            node.put("files", files);
            node.put("failed", failed);
            node.put("note", note);
            node.put("created_at", created.getEpochSecond());
            if (finished != null) {
                node.put("finished_at", finished.getEpochSecond());
            }
            if (error != null) {
                node.put("error", error);
            }
            if (planSummary != null) {
                node.putObject("plan").put("run_id", planSummary.runId()).put("planned", planSummary.planned())
                        .put("skipped", planSummary.skipped()).put("duplicates", planSummary.duplicates())
                        .put("conflicts", planSummary.conflicts()).put("bytes", planSummary.bytes());
            }
            if (kind == Kind.APPLY) {
                node.put("applied", applied);
            }
            node.putArray("failures").addAll(failures);
            return node;
        }
    }

    /** Returns the first {@code limit} operations of a plan run, for review. */
    ArrayNode planItems(long planRun, int limit) {
        ArrayNode items = MedleyServer.JSON.createArrayNode();
        int[] count = {0};
        try (dev.medley.catalog.Plans plans = catalog.plans()) {
            plans.items(planRun, item -> {
                if (count[0]++ < limit) {
                    items.add(item(item));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot read plan " + planRun + ": " + e.getMessage(), e);
        }
        return items;
    }

    private static ObjectNode item(PlanItem item) {
        ObjectNode node = MedleyServer.JSON.createObjectNode();
        node.put("seq", item.seq()).put("role", item.role()).put("source", item.source()).put("target", item.target())
                .put("skipped", item.skipped()).put("size", item.size());
        if (item.reason() != null) {
            node.put("reason", item.reason());
        }
        if (item.conflict() != null) {
            node.put("conflict", item.conflict());
        }
        return node;
    }
}
