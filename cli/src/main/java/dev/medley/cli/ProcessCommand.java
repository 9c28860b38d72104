package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.RunRecord;
import dev.medley.core.BatchRunner;
import dev.medley.core.ConsoleProgress;
import dev.medley.core.ItemResult;
import dev.medley.core.RawPaths;
import dev.medley.core.RetryPolicy;
import dev.medley.core.RunStats;
import dev.medley.core.SkipItem;
import dev.medley.media.LibraryJob;
import dev.medley.media.MediaProbe;
import dev.medley.media.ProbeFailed;
import dev.medley.media.ProbeJson;
import dev.medley.media.Prober;
import dev.medley.media.ScanOptions;
import dev.medley.media.ScannedFile;
import dev.medley.media.Scanner;
import dev.medley.metadata.Identify;
import dev.medley.metadata.MediaKind;
import dev.medley.organize.Mode;
import dev.medley.organize.OnConflict;
import dev.medley.organize.Planner;
import dev.medley.organize.Templates;
import dev.medley.speech.EngineKind;
import dev.medley.speech.EngineUnavailable;
import dev.medley.speech.EngineOptions;
import dev.medley.speech.OutputFormat;
import dev.medley.speech.Strategy;
import dev.medley.speech.TranscribeJob;
import dev.medley.speech.Transcriber;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "process",
        description = {
            "Runs the whole job over a library: scan -> probe -> identify -> (transcribe) -> plan -> (apply).",
            "Probing, identifying and transcribing overlap on one batch engine (a file is probed while "
                    + "another is transcribed); every step records its results in the catalog, so a rerun redoes "
                    + "nothing that is done. The plan is printed and stored as with `medley organize`; --apply "
                    + "carries it out at once. A report of every stage ends the run."
        },
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley process ~/Downloads --to /media/library   review what it would do",
            "  medley process ~/Downloads --to /media/library --apply",
            "  medley process ~/Lectures --to /media/lectures --transcribe --apply --json",
            "",
            "With --json, each line of stdout is a JSON object whose \"type\" says what it is:",
            "  plan-item   a decision: plan, seq, action, role, source, target, reason, conflict, size, what",
            "  apply-item  an operation done: plan, seq, action, role, source, target, reason, conflict, size, "
                    + "status, detail",
            "  report      the last line: files, probe, identify, transcribe, plan, apply, failures (each "
                    + "{path, stage, error}), seconds, exitCode"
        })
final class ProcessCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "SRC", arity = "1..*", description = "Folders (walked recursively) or files.")
    List<Path> sources;

    @Option(names = "--to", paramLabel = "LIBRARY", required = true, description = "The library root files are filed into.")
    Path library;

    @Option(names = "--transcribe", description = "Also transcribe speech (all but music: episodes, films, podcasts, "
            + "lectures and audiobooks, and music tagged as speech) "
            + "with the offline engine; "
            + "transcripts (txt, srt) are written beside each file and travel with it.")
    boolean transcribe;

    @Option(names = "--apply", description = "Carry out the plan at once (as `medley organize --apply --yes`).")
    boolean apply;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "move",
            description = "move, copy, hardlink, symlink or reflink (default: ${DEFAULT-VALUE}).")
    String mode;

    @Mixin NamingOptionsMixin naming;

    /** What each stage did, counted as files flow through; shown while running and in the report. */
    private static final class Counts {
        final AtomicLong scanned = new AtomicLong();
        final AtomicLong probed = new AtomicLong();
        final AtomicLong probeReused = new AtomicLong();
        final AtomicLong probeFailed = new AtomicLong();
        final Map<MediaKind, AtomicLong> kinds = new EnumMap<>(MediaKind.class);
        final AtomicLong transcribed = new AtomicLong();
        final AtomicLong transcriptCurrent = new AtomicLong();
        final AtomicLong transcribeFailed = new AtomicLong();
        final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());

        Counts() {
            for (MediaKind kind : MediaKind.values()) {
                kinds.put(kind, new AtomicLong());
            }
        }

        String note(boolean transcribing) {
            long identified = kinds.values().stream().mapToLong(AtomicLong::get).sum();
            return "probed " + (probed.get() + probeReused.get()) + " · identified " + identified
                    + (transcribing ? " · transcribed " + (transcribed.get() + transcriptCurrent.get()) : "");
        }
    }

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        for (Path source : sources) {
            if (!Files.exists(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new CommandLine.ParameterException(commandLine, "no such file or folder: " + RawPaths.display(source));
            }
        }
        Mode parsedMode;
        try {
            parsedMode = Mode.of(mode);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "unknown --mode " + mode + " (see --help)");
        }
        Templates templates = naming.templates(commandLine);
        Identify identify = naming.identify();
        Planner.Options options;
        try {
            // The library may not exist yet: without --apply nothing is created, with it applying makes its folders.
            options = new Planner.Options(library, sources, parsedMode, false, OnConflict.SKIP, templates);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--to: " + e.getMessage());
        }
        Path root = options.library();
        PrintWriter out = commandLine.getOut();
        PrintStream err = System.err;
        Map<String, Object> report = new LinkedHashMap<>();
        Counts counts = new Counts();
        long started = System.nanoTime();
        try (Catalog catalog = common.openCatalog()) {
            RunStats stats = analyse(catalog, options.sources(), identify, counts, err);
            report.put("files", counts.scanned.get());
            report.put("probe", Map.of("probed", counts.probed.get(), "fromCatalog", counts.probeReused.get(),
                    "failed", counts.probeFailed.get()));
            Map<String, Long> kinds = new LinkedHashMap<>();
            counts.kinds.forEach((kind, n) -> kinds.put(kind.key(), n.get()));
            report.put("identify", kinds);
            if (transcribe) {
                report.put("transcribe", Map.of("transcribed", counts.transcribed.get(), "current",
                        counts.transcriptCurrent.get(), "failed", counts.transcribeFailed.get()));
            }
            report.put("analyseSeconds", seconds(stats.wall().toNanos()));
            long planStarted = System.nanoTime();
            Planner.Summary plan = OrganizeCommand.planOnly(catalog, options, identify, common, out, err,
                    OrganizeCommand.probesFrom(catalog));
            Map<String, Object> planReport = new LinkedHashMap<>();
            planReport.put("id", plan.runId());
            planReport.put("planned", plan.planned());
            planReport.put("skipped", plan.skipped());
            planReport.put("duplicates", plan.duplicates());
            planReport.put("conflicts", plan.conflicts());
            planReport.put("bytes", plan.bytes());
            planReport.put("seconds", seconds(System.nanoTime() - planStarted));
            report.put("plan", planReport);
            int exitCode = counts.failures.isEmpty() && plan.problems() == 0 ? 0 : 1;
            if (apply) {
                exitCode = Math.max(exitCode, OrganizeCommand.applyPlan(catalog, plan.runId(), common, out, err, false));
                report.put("apply", catalog.runs(1).getFirst().id());
            }
            report.put("failures", List.copyOf(counts.failures));
            report.put("seconds", seconds(System.nanoTime() - started));
            report.put("exitCode", exitCode);
            printReport(report, out, plan, root);
            return exitCode;
        }
    }

    /** Scan, probe, identify and transcribe, overlapping on one batch engine; records all in the catalog. */
    private RunStats analyse(Catalog catalog, List<Path> roots, Identify identify, Counts counts, PrintStream err) {
        long runId = catalog.startRun("process", String.join(" ", roots.stream().map(RawPaths::display).toList()));
        ConsoleProgress progress = ConsoleProgress.create(err, common.progressMode(), "process", -1);
        Scanner scanner = new Scanner(ScanOptions.DEFAULT, (path, problem) -> {
            counts.failures.add(new Failure(RawPaths.display(path), "scan", problem));
            err.println("medley: " + RawPaths.display(path) + ": " + problem);
        });
        LibraryJob probing = new LibraryJob(catalog, new LibraryJob.Options(Prober.inProcess(Duration.ofSeconds(30)),
                false, ScanOptions.DEFAULT, common.workers(), progress));
        RunStats stats = null;
        try (CatalogWriter writer = catalog.writer(runId); TranscribeJob transcribing = transcribe ? transcriber(catalog) : null) {
            stats = BatchRunner.<ScannedFile, Boolean>builder("process")
                    .workers(common.workers())
                    .listener(progress)
                    .build()
                    .run(scanner.walk(roots), file -> {
                        counts.scanned.incrementAndGet();
                        String stage = "probe";
                        try {
                            MediaProbe probe = probe(probing, file, writer, counts);
                            stage = "identify";
                            // As the planner reads the name: escaped text, which keeps bytes that are not UTF-8,
                            // below the source it was found under.
                            MediaKind kind = identify.identify(RawPaths.text(file.path()),
                                    probe.tags() == null ? Map.of() : probe.tags(),
                                    new Identify.Context(RawPaths.text(rootOf(file.path(), roots)), probe.durationSeconds()))
                                    .name().kind();
                            counts.kinds.get(kind).incrementAndGet();
                            if (transcribing != null && speech(kind, probe) && probe.audioCodec() != null) {
                                stage = "transcribe";
                                transcribe(transcribing, file, roots, writer, counts);
                            }
                        } catch (Exception e) {
                            throw new StageFailed(stage, e);
                        }
                        progress.note(counts.note(transcribing != null));
                        return Boolean.TRUE;
                    }, result -> {
                        if (result instanceof ItemResult.Failed<ScannedFile, Boolean> failed) {
                            Throwable cause = failed.cause();
                            String stage = cause instanceof StageFailed inStage ? inStage.stage : "process";
                            if (cause instanceof StageFailed && cause.getCause() instanceof EngineUnavailable unavailable) {
                                throw TranscribeCommand.setUpError(unavailable);
                            }
                            counts.failures.add(new Failure(failed.item().display(), stage, failed.reason()));
                        }
                    });
            writer.flush();
            return stats;
        } finally {
            progress.finish();
            catalog.finishRun(runId, stats == null ? RunRecord.Status.FAILED : RunRecord.Status.COMPLETED,
                    stats == null ? new RunRecord.Counts(0, 0, 0, 0)
                            : new RunRecord.Counts(stats.total(), stats.ok(), stats.failed(), stats.skipped()));
        }
    }

    /** Carries the step a file failed in to the in-order results, where failures are recorded. */
    private static final class StageFailed extends Exception {
        final String stage;

        StageFailed(String stage, Exception cause) {
            super(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName(), cause);
            this.stage = stage;
        }
    }

    // Music is not speech, except what is taken for music but tagged as spoken.
    private static boolean speech(MediaKind kind, MediaProbe probe) {
        if (kind != MediaKind.MUSIC) {
            return true; // episodes, films, and the spoken kinds: podcasts, lectures, audiobooks
        }
        String genre = probe.tags() == null ? null : probe.tags().get("genre");
        return genre != null && SPOKEN.matcher(genre).find();
    }

    private static final java.util.regex.Pattern SPOKEN =
            java.util.regex.Pattern.compile("(?i)podcast|audiobook|audio book|speech|spoken|lecture|talk");

    private static MediaProbe probe(LibraryJob probing, ScannedFile file, CatalogWriter writer, Counts counts)
            throws IOException, ProbeFailed {
        LibraryJob.Item item = probing.lookUp(file);
        try {
            LibraryJob.Outcome outcome = probing.handle(item, writer);
            (outcome.fromCatalog() ? counts.probeReused : counts.probed).incrementAndGet();
            return ProbeJson.read(outcome.probeJson());
        } catch (ProbeFailed e) {
            counts.probeFailed.incrementAndGet();
            throw e;
        }
    }

    /** Returns the source a file was found under (the file itself when it was named alone). */
    private static Path rootOf(Path file, List<Path> roots) {
        return roots.stream().filter(file::startsWith).findFirst().orElse(file);
    }

    private static void transcribe(TranscribeJob transcribing, ScannedFile file, List<Path> roots, CatalogWriter writer,
            Counts counts) throws Exception {
        Path root = rootOf(file.path(), roots);
        try {
            transcribing.transcribe(transcribing.lookUp(file, root), writer);
            counts.transcribed.incrementAndGet();
        } catch (SkipItem current) {
            counts.transcriptCurrent.incrementAndGet();
        } catch (Exception e) {
            counts.transcribeFailed.incrementAndGet();
            throw e;
        }
    }

    private TranscribeJob transcriber(Catalog catalog) {
        EngineOptions defaults = EngineOptions.defaults(EngineKind.SPHINX);
        Strategy strategy = Strategy.choose(EngineKind.SPHINX, "cpu", null);
        EngineOptions engine = new EngineOptions(EngineKind.SPHINX, null, "en", 1, strategy.device(), strategy.workers(),
                defaults.modelsDir(), null, null, defaults.remoteModel(), dev.medley.core.RateLimiter.UNLIMITED,
                RetryPolicy.DEFAULT, defaults.requestTimeout());
        return new TranscribeJob(catalog, engine, new TranscribeJob.Options(EnumSet.of(OutputFormat.TXT, OutputFormat.SRT),
                null, false, true, ScanOptions.DEFAULT, strategy.workers() + 1,
                new Transcriber.Batching(4, 1, Duration.ofMillis(50)), null));
    }

    private void printReport(Map<String, Object> report, PrintWriter out, Planner.Summary plan, Path root)
            throws IOException {
        if (common.json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "report");
            line.putAll(report);
            out.println(Jobs.JSON.writeValueAsString(line));
            out.flush();
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Long> kinds = (Map<String, Long>) report.get("identify");
        @SuppressWarnings("unchecked")
        Map<String, Long> probe = (Map<String, Long>) report.get("probe");
        out.println();
        out.println("Report");
        out.printf("  scanned      %d media files%n", (Long) report.get("files"));
        out.printf("  probed       %d new, %d from the catalog, %d failed%n", probe.get("probed"), probe.get("fromCatalog"),
                probe.get("failed"));
        out.printf("  identified   %d episodes, %d films, %d tracks, %d podcasts, %d lectures, %d audiobooks, %d other%n",
                kinds.get("episode"), kinds.get("movie"), kinds.get("music"), kinds.get("podcast"), kinds.get("lecture"),
                kinds.get("audiobook"), kinds.get("other"));
        if (report.containsKey("transcribe")) {
            @SuppressWarnings("unchecked")
            Map<String, Long> t = (Map<String, Long>) report.get("transcribe");
            out.printf("  transcribed  %d, %d already done, %d failed%n", t.get("transcribed"), t.get("current"), t.get("failed"));
        }
        out.printf("  planned      %d files (with sidecars) into %s, %d left where they are (duplicates: %d, conflicts: %d)"
                + " - plan %d%n", plan.planned(), RawPaths.display(root), plan.skipped(), plan.duplicates(), plan.conflicts(),
                plan.runId());
        if (report.containsKey("apply")) {
            out.printf("  applied      run %d; undo it with: medley undo %d%n", (Long) report.get("apply"), (Long) report.get("apply"));
        } else {
            out.printf("  not applied  review the plan above, then: medley organize --apply --plan %d%n", plan.runId());
        }
        @SuppressWarnings("unchecked")
        List<Failure> failures = (List<Failure>) report.get("failures");
        if (!failures.isEmpty()) {
            out.printf("  failed       %d:%n", failures.size());
            failures.forEach(failure -> out.println("    " + failure.toText()));
        }
        out.printf("  took         %.1f s%n", (Double) report.get("seconds"));
        out.flush();
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }
}
