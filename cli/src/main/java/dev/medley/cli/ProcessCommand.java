package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.llm.LlmStats;
import dev.medley.core.ConsoleProgress;
import dev.medley.core.RawPaths;
import dev.medley.core.RetryPolicy;
import dev.medley.media.Prober;
import dev.medley.media.ScanOptions;
import dev.medley.organize.Mode;
import dev.medley.organize.OnConflict;
import dev.medley.organize.Planner;
import dev.medley.organize.Templates;
import dev.medley.pipeline.PipelineOptions;
import dev.medley.pipeline.PipelineReport;
import dev.medley.pipeline.Pipelines;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
    @Mixin ClusterOptions cluster;

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

    @Mixin LlmOptions llm;

    private final LlmStats llmStats = new LlmStats();

    @Option(names = "--engine-workers", paramLabel = "N",
            description = "With --transcribe: recognisers sharing the speech model (default: as many as the "
                    + "processors allow). --workers is the number of files in flight.")
    Integer engineWorkers;

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
        Planner.Options plan;
        try {
            // The library may not exist yet: without --apply nothing is created, with it applying makes its folders.
            plan = new Planner.Options(library, sources, parsedMode, false, OnConflict.SKIP, templates);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--to: " + e.getMessage());
        }
        PrintWriter out = commandLine.getOut();
        PrintStream err = common.err();
        if (cluster.requested()) {
            if (transcribe || llm.enabled()) {
                throw CommandException.badUsage("process --cluster probes, plans and applies; transcribe on the cluster"
                        + " with medley transcribe --cluster first, and ask the model without --cluster");
            }
            try {
                ClusterRun.probeAll(commandLine, common, cluster, plan.sources());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Medley.EXIT_CANNOT_RUN;
            }
        }
        boolean applyHere = apply && !cluster.requested();
        try (Catalog catalog = common.openCatalog();
                TranscribeJob transcribing = transcribe ? transcriber(catalog) : null) {
            PipelineOptions options = new PipelineOptions("process", plan.sources(), common.workers(), ScanOptions.DEFAULT,
                    Prober.inProcess(Duration.ofSeconds(30)), false, naming.identify(), transcribing, plan, applyHere,
                    common.applyWorkers());
            if (llm.enabled() && llm.batchApi) {
                throw CommandException.badUsage("process asks the model directly; --llm-batch-api is for identify");
            }
            if (llm.enabled()) {
                options = options.withRefine(llm.refiner(catalog, llmStats));
            }
            OrganizeOutput output = new OrganizeOutput(out, common.json, plan.library(), plan.sources(),
                    plan.mode().key());
            ConsoleProgress progress = ConsoleProgress.create(err, common.progressMode(), "process", -1);
            PipelineReport report;
            try {
                report = Pipelines.standard(catalog, options).run(new PipelineDisplay(progress, err, output, common.json));
            } catch (EngineUnavailable unavailable) {
                out.flush();
                throw TranscribeCommand.setUpError(unavailable);
            } finally {
                progress.finish();
            }
            if (cluster.requested() && apply && report.plan() != null) {
                // Planned once, here; applied by one member, journaled in the shared catalog.
                out.flush();
                ClusterRun.Applied applied = ClusterRun.applyOnCluster(commandLine, common, cluster,
                        report.plan().runId(), plan.library().toString(), common.applyWorkers());
                printReport(report, out, plan.library(), applied.runId());
                return Math.max(report.exitCode(), applied.exitCode());
            }
            printReport(report, out, plan.library(), null);
            return report.exitCode();
        }
    }

    private TranscribeJob transcriber(Catalog catalog) {
        EngineOptions defaults = EngineOptions.defaults(EngineKind.SPHINX);
        Strategy strategy = Strategy.choose(EngineKind.SPHINX, "cpu", engineWorkers);
        EngineOptions engine = new EngineOptions(EngineKind.SPHINX, null, "en", 1, strategy.device(), strategy.workers(),
                defaults.modelsDir(), null, null, defaults.remoteModel(), dev.medley.core.RateLimiter.UNLIMITED,
                RetryPolicy.DEFAULT, defaults.requestTimeout());
        return new TranscribeJob(catalog, engine, new TranscribeJob.Options(EnumSet.of(OutputFormat.TXT, OutputFormat.SRT),
                null, false, true, ScanOptions.DEFAULT, common.workers(),
                new Transcriber.Batching(4, 1, Duration.ofMillis(50)), null));
    }

    // Keys in a fixed order, so that one run's report reads like the next one's.
    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        map.put(k3, v3);
        return map;
    }

    /** The report's JSON: {@code files, probe, identify, transcribe, plan, apply, failures, seconds, exitCode}. */
    private Map<String, Object> reportJson(PipelineReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "report");
        json.put("files", report.files());
        PipelineReport.StageCounts probe = report.stages().get("probe");
        json.put("probe", ordered("probed", probe.done(), "fromCatalog", probe.alreadyDone(), "failed", probe.failed()));
        PipelineReport.StageCounts identify = report.stages().get("identify");
        Map<String, Object> kinds = new LinkedHashMap<>(report.kinds());
        json.put("identify", kinds);
        json.put("identifyFromCatalog", identify.alreadyDone());
        if (report.stages().containsKey("refine")) {
            Map<String, Object> refine = new LinkedHashMap<>(llmStats.snapshot().toMap());
            PipelineReport.StageCounts r = report.stages().get("refine");
            refine.put("sent", r.done() + r.alreadyDone() + r.failed());
            refine.put("notSent", r.passed());
            json.put("llm", refine);
        }
        if (report.stages().containsKey("transcribe")) {
            PipelineReport.StageCounts t = report.stages().get("transcribe");
            json.put("transcribe", ordered("transcribed", t.done(), "current", t.alreadyDone(), "failed", t.failed()));
        }
        json.put("analyseSeconds", report.analyseSeconds());
        Planner.Summary plan = report.plan();
        Map<String, Object> planJson = new LinkedHashMap<>();
        planJson.put("id", plan.runId());
        planJson.put("planned", plan.planned());
        planJson.put("skipped", plan.skipped());
        planJson.put("duplicates", plan.duplicates());
        planJson.put("conflicts", plan.conflicts());
        planJson.put("bytes", plan.bytes());
        json.put("plan", planJson);
        if (report.apply() != null) {
            json.put("apply", report.apply().runId());
        }
        json.put("failures", report.failures().stream()
                .map(f -> new Failure(f.path(), f.stage(), f.error())).toList());
        json.put("seconds", report.seconds());
        json.put("exitCode", report.exitCode());
        return json;
    }

    // clusterApply: the apply run a member carried out, when the plan was applied on the cluster.
    private void printReport(PipelineReport report, PrintWriter out, Path root, Long clusterApply) throws IOException {
        Long applyRun = report.apply() != null ? Long.valueOf(report.apply().runId()) : clusterApply;
        if (common.json) {
            Map<String, Object> json = reportJson(report);
            if (applyRun != null) {
                json.put("apply", applyRun);
            }
            out.println(Jobs.JSON.writeValueAsString(json));
            out.flush();
            return;
        }
        Map<String, Long> kinds = report.kinds();
        PipelineReport.StageCounts probe = report.stages().get("probe");
        PipelineReport.StageCounts identify = report.stages().get("identify");
        Planner.Summary plan = report.plan();
        out.println();
        out.println("Report");
        out.printf("  scanned      %d media files%n", report.files());
        out.printf("  probed       %d new, %d from the catalog, %d failed%n", probe.done(), probe.alreadyDone(),
                probe.failed());
        out.printf("  identified   %d episodes, %d films, %d tracks, %d podcasts, %d lectures, %d audiobooks, %d other"
                + " (%d from the catalog)%n", kinds.get("episode"), kinds.get("movie"), kinds.get("music"),
                kinds.get("podcast"), kinds.get("lecture"), kinds.get("audiobook"), kinds.get("other"),
                identify.alreadyDone());
        if (report.stages().containsKey("refine")) {
            PipelineReport.StageCounts r = report.stages().get("refine");
            out.printf("  asked llm    %d unsure names (%d sure ones not sent); %s%n", r.done() + r.alreadyDone() + r.failed(),
                    r.passed(), LlmOptions.summary(llmStats.snapshot()).substring("llm: ".length()));
        }
        if (report.stages().containsKey("transcribe")) {
            PipelineReport.StageCounts t = report.stages().get("transcribe");
            out.printf("  transcribed  %d, %d already done, %d failed%n", t.done(), t.alreadyDone(), t.failed());
        }
        out.printf("  planned      %d files (with sidecars) into %s, %d left where they are (duplicates: %d, conflicts: %d)"
                + " - plan %d%n", plan.planned(), RawPaths.display(root), plan.skipped(), plan.duplicates(), plan.conflicts(),
                plan.runId());
        if (applyRun != null) {
            out.printf("  applied      run %d; undo it with: medley undo %d%n", applyRun, applyRun);
        } else {
            out.printf("  not applied  review the plan above, then: medley organize --apply --plan %d%n", plan.runId());
        }
        if (!report.failures().isEmpty()) {
            out.printf("  failed       %d:%n", report.failures().size());
            report.failures().forEach(f -> out.println("    " + new Failure(f.path(), f.stage(), f.error()).toText()));
        }
        out.printf("  took         %.1f s%n", report.seconds());
        out.flush();
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }
}
