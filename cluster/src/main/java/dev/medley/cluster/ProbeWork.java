package dev.medley.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.RecordedRun;
import dev.medley.catalog.RunRecord;
import dev.medley.core.RawPaths;
import dev.medley.media.LibraryJob;
import dev.medley.media.MediaProbe;
import dev.medley.media.ProbeFailed;
import dev.medley.media.ProbeJson;
import dev.medley.media.Prober;
import dev.medley.media.ScanOptions;
import dev.medley.media.ScannedFile;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code medley probe} on a member: each file probed as the single-machine command probes it (once:
 * a probe the catalog holds for the file as it is is used as it is), recorded under the submitter's
 * path, its line the same {@code --json} line. A file this member cannot see is refused, for another
 * member to take.
 *
 * <p>Spec: {@code {"prober": "ffmpeg", "timeoutMs": 30000, "force": false, "workers": 4}}.
 */
public final class ProbeWork implements WorkKind {
    public static final String NAME = "probe";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Returns the spec of a probe job. */
    public static String spec(String prober, long timeoutMs, boolean force) {
        return JSON.createObjectNode().put("prober", prober).put("timeoutMs", timeoutMs).put("force", force).toString();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Worker open(String spec, MemberResources resources) throws Exception {
        JsonNode options = JSON.readTree(spec);
        Prober prober = Prober.named(options.path("prober").asText("ffmpeg"),
                java.time.Duration.ofMillis(options.path("timeoutMs").asLong(30_000)));
        int workers = Math.max(1, options.path("workers").asInt(Runtime.getRuntime().availableProcessors()));
        LibraryJob job = new LibraryJob(resources.catalog(), new LibraryJob.Options(prober,
                options.path("force").asBoolean(false), ScanOptions.DEFAULT, workers, null));
        RecordedRun run = RecordedRun.start(resources.catalog(), "probe", "(cluster member " + resources.memberName() + ")");
        CatalogWriter writer = resources.catalog().writer(run.id());
        ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("probe-", 0).daemon().factory());
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        return new Worker() {
            @Override
            public CompletableFuture<List<ItemOutcome>> process(List<Item> items) {
                // Recorded before the files count as done: a member killed now redoes them.
                return FileWork.each(items, pool, this::probe, writer::flush);
            }

            private ItemOutcome probe(Item item) {
                ScannedFile file;
                try {
                    file = FileWork.scanned(item, resources.memberName());
                } catch (FileWork.Unreadable e) {
                    return ItemOutcome.refused(e.getMessage());
                }
                try {
                    LibraryJob.Outcome outcome = job.handle(job.lookUp(file), writer);
                    ok.incrementAndGet();
                    return ItemOutcome.done(outcome.probeJson());
                } catch (ProbeFailed e) {
                    failed.incrementAndGet();
                    return ItemOutcome.failed(e.probeJson());
                } catch (IOException | RuntimeException e) {
                    failed.incrementAndGet();
                    return ItemOutcome.failed(ProbeJson.write(MediaProbe.failure(RawPaths.display(item.local()),
                            file.size(), e.getMessage() == null ? e.toString() : e.getMessage(), prober.name())));
                }
            }

            @Override
            public void close() {
                pool.shutdown();
                writer.close();
                run.completed(new RunRecord.Counts(ok.get() + failed.get(), ok.get(), failed.get(), 0));
                run.close();
            }
        };
    }
}
