package dev.medley.media;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.KnownFile;
import dev.medley.catalog.RecordedRun;
import dev.medley.catalog.RunRecord;
import dev.medley.core.BatchListener;
import dev.medley.core.BatchRunner;
import dev.medley.core.ItemResult;
import dev.medley.core.RunStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Scans folder trees into the catalog and, unless it only scans, probes every new or changed
 * media file in them, as one recorded run.
 *
 * <p>The flow: the {@link Scanner} yields files lazily; each is looked up in the catalog; the
 * batch runner handles them in parallel (fingerprint and probe what is new or changed, note the
 * rest as seen); results come back in input order. Files the run did not see are then marked
 * missing. Every change goes through a group-committing {@link CatalogWriter}, so a run killed at
 * any point resumes where the catalog says it was: nothing committed is done again.
 */
public final class LibraryJob {

    /**
     * What the job needs.
     *
     * @param prober the prober, or null to scan only
     * @param force probe even files whose probe is current
     * @param workers files handled at once
     */
    public record Options(Prober prober, boolean force, ScanOptions scan, int workers, BatchListener listener) {}

    /** A file found by the scan, with what the catalog knew of it before this run. */
    public record Item(ScannedFile file, KnownFile known) {
        /** Returns whether the catalog knew this file with its current size and modification time. */
        public boolean unchanged() {
            return known != null && !known.missing() && known.unchanged(file.size(), file.mtimeNanos());
        }

        /** Returns {@code new}, {@code changed} or {@code unchanged}. */
        public String change() {
            return known == null ? "new" : unchanged() ? "unchanged" : "changed";
        }
    }

    /**
     * A file handled: its probe as JSON (null when only scanning), and whether that probe is the one
     * the catalog already held, the file being unchanged since.
     *
     * @param probed the probe made in this run, or null (from the catalog, or only scanning)
     */
    public record Outcome(Item item, String probeJson, boolean fromCatalog, MediaProbe probed) {
        /** Returns the probe: the one made in this run as it is, else read from its JSON; null when only scanning. */
        public MediaProbe probe() {
            return probed != null ? probed : probeJson == null ? null : ProbeJson.read(probeJson);
        }
    }

    /**
     * How a run ended.
     *
     * @param fromCatalog files whose good probe was current in the catalog: counted ok, not probed again
     * @param problems paths that could not be handled at all (unreadable, not a regular file)
     */
    public record Summary(long runId, RunStats stats, long fromCatalog, int missing, long problems) {
        /** Returns 0 when every file was handled and every folder read, else 1. */
        public int exitCode() {
            return stats.failed() > 0 || problems > 0 ? 1 : 0;
        }
    }

    private final Catalog catalog;
    private final Options options;
    private final Probing probing;

    public LibraryJob(Catalog catalog, Options options) {
        this.catalog = catalog;
        this.options = options;
        this.probing = options.prober() == null ? null : new Probing(options.prober(), options.force());
    }

    /**
     * Runs over {@code roots}, handing each file's result to {@code output} in scan order and each
     * unreadable path to {@code problems}, and returns the summary.
     */
    public Summary run(String command, String arguments, List<Path> roots, Scanner.Problems problems,
            Consumer<? super ItemResult<Item, Outcome>> output) {
        List<Path> distinct = Scanner.distinctRoots(roots);
        AtomicLong problemCount = new AtomicLong();
        AtomicLong fromCatalog = new AtomicLong();
        Scanner scanner = new Scanner(options.scan(), (path, problem) -> {
            problemCount.incrementAndGet();
            problems.report(path, problem);
        });
        try (RecordedRun run = RecordedRun.start(catalog, command, arguments);
                CatalogWriter writer = catalog.writer(run.id())) {
            Iterator<Item> items = lookedUp(scanner.walk(distinct));
            BatchRunner.Builder<Item, Outcome> runner = BatchRunner.<Item, Outcome>builder(stageName())
                    .workers(options.workers())
                    .listener(options.listener());
            if (options.prober() != null) {
                // The prober keeps its own deadline; this one only catches a native call that ignores it.
                runner.timeout(options.prober().timeout().plus(Duration.ofSeconds(10)));
            }
            RunStats stats = runner.build().run(items, item -> handle(item, writer), result -> {
                if (result instanceof ItemResult.Ok<Item, Outcome> ok && ok.value().fromCatalog()) {
                    fromCatalog.incrementAndGet();
                }
                output.accept(result);
            });
            writer.flush();
            int missing = catalog.markMissing(run.id(), distinct, scanner.unreadableFolders());
            run.completed(RunRecord.Counts.of(stats));
            return new Summary(run.id(), stats, fromCatalog.get(), missing, problemCount.get());
        }
    }

    private String stageName() {
        return options.prober() == null ? "scan" : "probe";
    }

    private Iterator<Item> lookedUp(Iterator<ScannedFile> files) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public Item next() {
                return lookUp(files.next());
            }
        };
    }

    /** Returns {@code file} with what the catalog knows of it: the start of {@link #handle}. */
    public Item lookUp(ScannedFile file) {
        return new Item(file, catalog.lookup(file.key()).orElse(null));
    }

    /**
     * Probes one file unless the catalog's probe is current, recording the result through
     * {@code writer}; for pipelines that run this step beside others. A current probe that
     * succeeded is the outcome as it is, marked {@link Outcome#fromCatalog()}.
     *
     * @throws ProbeFailed if the file cannot be read as media (now or, unchanged, before)
     */
    public Outcome handle(Item item, CatalogWriter writer) throws IOException, ProbeFailed {
        ScannedFile file = item.file();
        if (probing == null) {
            writer.upsertFile(file.state(needsFingerprint(item) ? Fingerprint.of(file.path(), file.size()) : null));
            return new Outcome(item, null, false, null);
        }
        Probing.Probed probed = probing.probe(file, item.known(), writer);
        String json = probed.record().resultJson();
        if (!probed.ok()) {
            throw new ProbeFailed(probed.error(), json);
        }
        return new Outcome(item, json, probed.fromCatalog(), probed.fresh());
    }

    private static boolean needsFingerprint(Item item) {
        return !item.unchanged() || item.known().fingerprint() == null;
    }
}
