package dev.medley.speech;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.KnownFile;
import dev.medley.catalog.RecordedRun;
import dev.medley.catalog.RunRecord;
import dev.medley.catalog.TranscriptRecord;
import dev.medley.core.BatchListener;
import dev.medley.core.BatchRunner;
import dev.medley.core.ItemResult;
import dev.medley.core.RunStats;
import dev.medley.core.SkipItem;
import dev.medley.core.RawPaths;
import dev.medley.media.Fingerprint;
import dev.medley.media.ScanOptions;
import dev.medley.media.ScannedFile;
import dev.medley.media.Scanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Transcribes every media file below some folders, as one recorded run.
 *
 * <p>The flow: the {@link Scanner} yields files; each is looked up in the catalog, and skipped when
 * its transcript is current and its output files exist. The others run on the batch runner, a
 * few files at a time: each is decoded and cut into windows of speech, and the windows of all
 * files meet in one {@link MicroBatcher} in front of the engine, which holds the one model. Each
 * file's outputs are written atomically and its status committed to the catalog as soon as it is
 * done, so a run killed at any point resumes with the files it had not finished.
 */
public final class TranscribeJob implements AutoCloseable {

    /**
     * What the job needs.
     *
     * @param files files decoded at once (windows from all of them share the engine's batches)
     * @param batch how windows are grouped for the engine
     * @param progress hears how far into each file recognition has got
     */
    public record Options(Set<OutputFormat> formats, Path outDir, boolean force, boolean vad, ScanOptions scan,
            int files, Transcriber.Batching batch, BatchListener listener, TranscriptionProgress progress) {
        /** Options that report no position within files. */
        public Options(Set<OutputFormat> formats, Path outDir, boolean force, boolean vad, ScanOptions scan, int files,
                Transcriber.Batching batch, BatchListener listener) {
            this(formats, outDir, force, vad, scan, files, batch, listener, TranscriptionProgress.NONE);
        }
    }

    /** A file to transcribe, the root it was found under, and what the catalog knew of it. */
    public record Item(ScannedFile file, Path root, KnownFile known, TranscriptRecord previous) {}

    /** A transcribed file and the files written. */
    public record Outcome(Item item, Transcript transcript, List<Path> outputs) {}

    /** How a run ended. */
    public record Summary(long runId, RunStats stats, double audioSeconds, long problems) {
        /** Returns 0 when every file was transcribed, skipped or had no audio, else 1. */
        public int exitCode() {
            return stats.failed() > 0 || problems > 0 ? 1 : 0;
        }

        /** Returns audio seconds transcribed per second of wall time. */
        public double realTimeFactor() {
            double wall = stats.wall().toNanos() / 1e9;
            return wall > 0 ? audioSeconds / wall : 0;
        }
    }

    private final Catalog catalog;
    private final java.util.concurrent.Callable<SpeechEngine> engineOpener;
    private final Options options;
    private final Object engineLock = new Object();
    private final TranscriptFiles.SharedStems stems = new TranscriptFiles.SharedStems();
    private Transcriber transcriber;
    private EngineUnavailable openFailure;
    private final Transcriber shared;
    private final dev.medley.core.Priority priority;

    public TranscribeJob(Catalog catalog, EngineOptions engineOptions, Options options) {
        this(catalog, () -> SpeechEngine.open(engineOptions), options);
    }

    TranscribeJob(Catalog catalog, java.util.concurrent.Callable<SpeechEngine> engineOpener, Options options) {
        this.catalog = catalog;
        this.engineOpener = engineOpener;
        this.options = options;
        this.shared = null;
        this.priority = dev.medley.core.Priority.BULK;
    }

    /**
     * Returns a job that transcribes with a transcriber it shares (a server's one model), its windows queued at
     * {@code priority}; closing the job leaves the transcriber open.
     */
    public TranscribeJob(Catalog catalog, Transcriber shared, dev.medley.core.Priority priority, Options options) {
        this.catalog = catalog;
        this.engineOpener = () -> {
            throw new IllegalStateException("a job on a shared transcriber opens no engine");
        };
        this.options = options;
        this.shared = shared;
        this.priority = priority;
    }

    /**
     * Runs over {@code roots}; results reach {@code output} in scan order.
     *
     * @throws EngineUnavailable when the engine, needed for a file, cannot be opened; the run ends there
     */
    public Summary run(String arguments, List<Path> roots, Scanner.Problems problems,
            Consumer<? super ItemResult<Item, Outcome>> output) {
        List<Path> distinct = Scanner.distinctRoots(roots);
        AtomicLong problemCount = new AtomicLong();
        AtomicLong audioMillis = new AtomicLong();
        Scanner scanner = new Scanner(options.scan(), (path, problem) -> {
            problemCount.incrementAndGet();
            problems.report(path, problem);
        });
        try (RecordedRun run = RecordedRun.start(catalog, "transcribe", arguments);
                CatalogWriter writer = catalog.writer(run.id())) {
            Iterator<Item> items = lookedUp(scanner.walk(distinct), distinct);
            RunStats stats = BatchRunner.<Item, Outcome>builder("transcribe")
                    .workers(Math.max(1, options.files()))
                    .listener(options.listener())
                    .build()
                    .run(items, item -> {
                        Outcome outcome = transcribe(item, writer);
                        audioMillis.addAndGet(Math.round(outcome.transcript().audioSeconds() * 1000));
                        return outcome;
                    }, result -> {
                        // Not this file's failure but the run's: stop here rather than fail every file alike.
                        if (result instanceof ItemResult.Failed<Item, Outcome> failed
                                && failed.cause() instanceof EngineUnavailable unavailable) {
                            throw unavailable;
                        }
                        output.accept(result);
                    });
            writer.flush();
            run.completed(RunRecord.Counts.of(stats));
            return new Summary(run.id(), stats, audioMillis.get() / 1000.0, problemCount.get());
        } finally {
            closeEngine();
        }
    }

    private Iterator<Item> lookedUp(Iterator<ScannedFile> files, List<Path> roots) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public Item next() {
                ScannedFile file = files.next();
                Path root = roots.stream().filter(r -> file.path().startsWith(r)).findFirst().orElse(file.path());
                return lookUp(file, root);
            }
        };
    }

    /** Returns {@code file}, found under {@code root}, with what the catalog knows of it. */
    public Item lookUp(ScannedFile file, Path root) {
        return new Item(file, root, catalog.lookup(file.key()).orElse(null), catalog.transcript(file.key()).orElse(null));
    }

    /**
     * Transcribes one file unless its transcript is current, writing the outputs and recording
     * the result through {@code writer}; for pipelines that run this step beside others. The
     * engine loads on the first call and is shared by all; {@link #close} releases it.
     *
     * @throws SkipItem if the transcript is current, or the file has no audio
     * @throws EngineUnavailable if the engine could not be opened (now or on an earlier call)
     */
    public Outcome transcribe(Item item, CatalogWriter writer) throws Exception {
        ScannedFile file = item.file();
        List<OutputFormat> formats = List.copyOf(options.formats());
        List<Path> targets = formats.stream()
                .map(format -> TranscriptFiles.target(file.path(), item.root(), options.outDir(), format, stems))
                .toList();
        TranscriptRecord previous = item.previous();
        if (!options.force() && previous != null && previous.ok() && previous.isCurrent(file.size(), file.mtimeNanos())
                && TranscriptFiles.allExist(targets)) {
            throw new SkipItem("transcript is current");
        }
        boolean unchanged = item.known() != null && item.known().unchanged(file.size(), file.mtimeNanos());
        writer.upsertFile(file.state(unchanged ? null : Fingerprint.of(file.path(), file.size())));
        Transcriber opened = transcriber();
        Transcript transcript;
        try {
            transcript = opened.transcribe(AudioSource.of(file.path()), options.vad(),
                    options.progress() == null ? TranscriptionProgress.NONE : options.progress(), priority);
        } catch (NoAudioStream e) {
            throw new SkipItem("no audio stream");
        } catch (Exception e) {
            String reason = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                    ? e.getCause().getMessage() : e.getMessage();
            // The files earlier runs wrote stay known as ours, to be replaced when this one succeeds.
            writer.saveTranscript(new TranscriptRecord(file.key(), file.size(), file.mtimeNanos(), false, reason,
                    opened.engineName(), opened.model(), previous == null ? List.of() : previous.outputs(), 0, 0));
            throw e;
        }
        TranscriptFiles.checkFree(targets, previous == null ? List.of() : previous.outputs());
        List<String> names = targets.stream().map(RawPaths::text).toList();
        // Write-ahead: the catalog names these files as this media's before any is written, so a run
        // killed between writing them and recording the transcript replaces them when it resumes,
        // instead of taking them for the user's.
        writer.saveTranscript(new TranscriptRecord(file.key(), file.size(), file.mtimeNanos(), false,
                "interrupted while writing the transcript files", transcript.engine(), transcript.model(), names, 0, 0));
        writer.flush();
        try {
            TranscriptFiles.write(transcript, formats, targets);
        } catch (IOException e) {
            writer.saveTranscript(new TranscriptRecord(file.key(), file.size(), file.mtimeNanos(), false,
                    "cannot write the transcript files: " + e.getMessage(), transcript.engine(), transcript.model(),
                    names, 0, 0));
            throw e;
        }
        writer.saveTranscript(new TranscriptRecord(file.key(), file.size(), file.mtimeNanos(), true, null,
                transcript.engine(), transcript.model(), names, transcript.audioSeconds(), transcript.processingSeconds()));
        return new Outcome(item, transcript, targets);
    }

    // The engine loads on first need: a rerun with nothing to do never pays for the model.
    private Transcriber transcriber() throws Exception {
        if (shared != null) {
            return shared;
        }
        synchronized (engineLock) {
            // An engine that failed to open fails every file the same way, without trying again.
            if (openFailure != null) {
                throw openFailure;
            }
            if (transcriber == null) {
                try {
                    transcriber = Transcriber.over(engineOpener.call(), options.batch());
                } catch (Exception e) {
                    openFailure = new EngineUnavailable(e);
                    throw openFailure;
                }
            }
            return transcriber;
        }
    }

    /** Releases the engine, if one was loaded. */
    @Override
    public void close() {
        closeEngine();
    }

    private void closeEngine() {
        synchronized (engineLock) {
            if (transcriber != null) {
                transcriber.close();
                transcriber = null;
            }
        }
    }
}
