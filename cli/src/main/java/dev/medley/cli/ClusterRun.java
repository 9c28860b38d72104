package dev.medley.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.catalog.Catalog;
import dev.medley.catalog.Catalogs;
import dev.medley.catalog.WorkQueue;
import dev.medley.cluster.ClusterClient;
import dev.medley.cluster.ApplyWork;
import dev.medley.cluster.ClusterSettings;
import dev.medley.cluster.ProbeWork;
import dev.medley.media.ScanOptions;
import dev.medley.media.ScannedFile;
import dev.medley.media.Scanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import dev.medley.core.ConsoleProgress;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.BiConsumer;
import picocli.CommandLine;

/**
 * A command run on a cluster: this process lists the files into a job, starts it, and follows it,
 * printing each file's line as the single-machine command would and the statistics at the end; the
 * members do the work. Killed, it leaves the job running: {@code medley cluster attach JOB} follows
 * it again.
 */
final class ClusterRun {
    private static final Duration POLL = Duration.ofMillis(200);
    static final int DEFAULT_BATCH = 8;

    /**
     * Returns how many files a member holds at once for batches of {@code batch}: Jet keeps up to four
     * batches of a member in flight, and a fifth forming, so that each is full when its turn comes.
     */
    static int inFlight(int batch) {
        return batch * 5;
    }

    private ClusterRun() {}

    /** Lists {@code files} into a job of {@code kind}, runs it on the cluster and follows it; returns the exit code. */
    static int submit(CommandLine commandLine, CommonOptions common, ClusterOptions options, String kind, String spec,
            Iterator<String> files, BiConsumer<PrintWriter, WorkQueue.Outcome> printer) throws InterruptedException {
        if (common.catalog == null) {
            throw CommandException.badUsage("--cluster needs the cluster's shared catalog: --catalog postgresql://USER@HOST/DATABASE");
        }
        ClusterSettings settings = options.clientSettings(common.catalog);
        PrintStream err = common.err();
        try (Catalog catalog = Catalogs.open(common.catalog);
                ClusterClient client = connect(settings, catalog, options)) {
            ClusterClient.Submission job = client.submit(kind, spec, files, null, DEFAULT_BATCH, inFlight(DEFAULT_BATCH));
            if (!common.json && !common.quiet) {
                err.println("medley: job " + job.name() + ": " + job.files() + " files on cluster " + settings.name()
                        + "; if this command stops, the job goes on: medley cluster attach " + job.name());
            }
            return follow(commandLine, common, client, job.jobId(), printer);
        }
    }

    /** Returns the catalog keys of {@code files}, as they are walked: a job's listing, never held whole. */
    static Iterator<String> keys(Iterator<ScannedFile> files) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public String next() {
                return files.next().key();
            }
        };
    }

    static ClusterClient connect(ClusterSettings settings, Catalog catalog, ClusterOptions options) {
        try {
            return ClusterClient.connect(settings, catalog, options.connectTimeout());
        } catch (IllegalStateException e) {
            throw CommandException.cannotRun(e.getMessage(), e);
        }
    }

    /** Follows job {@code jobId} to its end, printing each file's line once; returns the exit code. */
    static int follow(CommandLine commandLine, CommonOptions common, ClusterClient client, long jobId,
            BiConsumer<PrintWriter, WorkQueue.Outcome> printer) throws InterruptedException {
        PrintWriter out = commandLine.getOut();
        PrintStream err = common.err();
        long started = System.nanoTime();
        WorkQueue.Job first = client.job(jobId).orElseThrow();
        ConsoleProgress progress = ConsoleProgress.create(err, common.progressMode(), first.kind() + " (cluster)",
                first.total());
        long[] shown = {first.done() + first.failed()};
        WorkQueue.Job end;
        try {
            end = client.follow(jobId, outcome -> {
                printer.accept(out, outcome);
                progress.step(!outcome.ok());
            }, job -> {
                out.flush();
                shown[0] = job.done() + job.failed();
            }, POLL);
        } catch (IllegalStateException e) {
            progress.finish();
            throw CommandException.cannotRun(e.getMessage(), e);
        } finally {
            out.flush();
        }
        progress.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        ObjectNode stats = Jobs.JSON.createObjectNode()
                .put("stage", end.kind()).put("total", end.total()).put("ok", end.done()).put("failed", end.failed())
                .put("skipped", 0).put("wallSeconds", Math.round(seconds * 1000) / 1000.0)
                .put("itemsPerSecond", Math.round(end.total() / Math.max(seconds, 1e-9) * 10) / 10.0)
                .put("job", end.name()).put("takenOver", end.takenOver());
        if (common.json) {
            err.println(stats);
        } else if (!common.quiet || end.failed() > 0) {
            err.println(String.format(Locale.ROOT, "%d files: %d ok, %d failed in %.1f s (%.1f files/s) on the cluster;"
                    + " %d taken over from members that left", end.total(), end.done(), end.failed(), seconds,
                    end.total() / Math.max(seconds, 1e-9), end.takenOver()));
        }
        err.flush();
        return end.failed() > 0 ? 1 : 0;
    }

    /**
     * Has the members probe every media file below {@code sources} into the shared catalog, showing
     * progress only: the pipeline that plans afterwards finds each probe current. Files that fail are
     * reported by that pipeline, as on one machine.
     */
    static void probeAll(CommandLine commandLine, CommonOptions common, ClusterOptions options, List<Path> sources)
            throws InterruptedException {
        if (common.catalog == null) {
            throw CommandException.badUsage("--cluster needs the cluster's shared catalog: --catalog postgresql://USER@HOST/DATABASE");
        }
        ClusterSettings settings = options.clientSettings(common.catalog);
        PrintStream err = common.err();
        Iterator<ScannedFile> files = new Scanner(ScanOptions.DEFAULT, (path, problem) -> {
            // The pipeline's own scan reports unreadable paths; saying it twice helps no one.
        }).walk(Scanner.distinctRoots(sources));
        Iterator<String> keys = keys(files);
        try (Catalog catalog = Catalogs.open(common.catalog);
                ClusterClient client = connect(settings, catalog, options)) {
            ClusterClient.Submission job = client.submit(ProbeWork.NAME, ProbeWork.spec("ffmpeg", 30_000, false), keys,
                    null, DEFAULT_BATCH, inFlight(DEFAULT_BATCH));
            ConsoleProgress progress = ConsoleProgress.create(err, common.progressMode(), "probe (cluster)", job.files());
            try {
                client.follow(job.jobId(), outcome -> progress.step(!outcome.ok()), ignored -> {}, POLL);
            } catch (IllegalStateException e) {
                throw CommandException.cannotRun(e.getMessage(), e);
            } finally {
                progress.finish();
            }
        }
    }

    /** How an apply on the cluster ended: its run (to undo it by), or null when it did not start, and the exit code. */
    record Applied(Long runId, int exitCode) {}

    /**
     * Has one member apply plan {@code planRun}, journaled in the shared catalog, and prints what it did:
     * a line for people, or with {@code --json} the member's {@code apply} line.
     */
    static Applied applyOnCluster(CommandLine commandLine, CommonOptions common, ClusterOptions options, long planRun,
            String library, int perDevice) throws IOException {
        ClusterSettings settings = options.clientSettings(common.catalog);
        PrintWriter out = commandLine.getOut();
        try (Catalog catalog = Catalogs.open(common.catalog);
                ClusterClient client = connect(settings, catalog, options)) {
            ClusterClient.Submission job = client.submit(ApplyWork.NAME, ApplyWork.spec(planRun, perDevice),
                    List.of(ApplyWork.item(library)).iterator(), null, 1, 1);
            List<WorkQueue.Outcome> outcomes = new java.util.ArrayList<>();
            client.follow(job.jobId(), outcomes::add, ignored -> {}, POLL);
            if (outcomes.isEmpty()) {
                throw CommandException.cannotRun("the cluster's apply of plan " + planRun + " ended without a result", null);
            }
            WorkQueue.Outcome outcome = outcomes.getFirst();
            com.fasterxml.jackson.databind.JsonNode line = Jobs.JSON.readTree(outcome.outcome());
            if (common.json) {
                out.println(outcome.outcome());
            } else if (line.has("error")) {
                out.println("medley: plan " + planRun + " was not applied: " + line.get("error").asText());
            } else {
                out.printf(Locale.ROOT, "applied on member %s: %d done, %d failed, %d skipped, %d done before%n",
                        line.get("member").asText(), line.get("done").asLong(), line.get("failed").asLong(),
                        line.get("skipped").asLong(), line.get("alreadyDone").asLong());
                for (com.fasterxml.jackson.databind.JsonNode failure : line.path("failures")) {
                    out.println("FAIL  " + failure.get("source").asText() + ": " + failure.get("error").asText());
                }
            }
            out.flush();
            Long runId = line.has("run") ? line.get("run").asLong() : null;
            return new Applied(runId, outcome.ok() ? 0 : runId == null ? Medley.EXIT_CANNOT_RUN : 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Applied(null, Medley.EXIT_CANNOT_RUN);
        }
    }
}
