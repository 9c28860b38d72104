package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.PlanInfo;
import dev.medley.catalog.Plans;
import dev.medley.core.ConsoleProgress;
import dev.medley.core.RawPaths;
import dev.medley.media.Prober;
import dev.medley.media.ScanOptions;
import dev.medley.metadata.Identify;
import dev.medley.organize.Applier;
import dev.medley.organize.Mode;
import dev.medley.organize.OnConflict;
import dev.medley.organize.Planner;
import dev.medley.organize.Templates;
import dev.medley.pipeline.PipelineOptions;
import dev.medley.pipeline.PipelineReport;
import dev.medley.pipeline.Pipelines;
import dev.medley.pipeline.PlanApply;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "organize",
        aliases = "organise",
        description = {
            "Files media into a clean library by naming templates.",
            "Without --apply it is a dry run: it prints the plan (from -> to, why; what stays and why) and stores it in the catalog. --apply "
                    + "then carries out exactly that plan, every operation journaled, so an interruption at any "
                    + "moment loses and duplicates nothing; `medley undo --last` reverts it.",
            "",
            "Default templates (change them with --templates FILE, lines of `key = template`):",
            "  episode   = {show}/Season {season:00}/{show} - S{season:00}E{episode:00} - {episodeTitle}",
            "  daily     = {show}/Season {date:yyyy}/{show} - {date} - {episodeTitle}",
            "  anime     = {show}/{show} - {absolute:000} - {episodeTitle}",
            "  movie     = {title} ({year})/{title} ({year})",
            "  music     = {albumArtist}/{album} ({year})/{disc}-{track:00} {title}",
            "  podcast   = {show}/{show} - {episode:000} - {episodeTitle}",
            "  lecture   = {course}/{course} - {episode:00} - {episodeTitle}",
            "  audiobook = {author}/{book}/{book} - {part:00} - {episodeTitle}",
            "  other     = (none: such files stay where they are)",
            "Episodes known by their air date are filed as daily, those numbered across seasons as anime.",
            "Fields: show, season, episode, episodeTitle (of an episode, lecture or chapter), absolute, date, title, "
                    + "year (a film's, an album's, or the year a show is known by), edition, part, artist, albumArtist, "
                    + "album, track, disc, course, book, author, screenSize, source, videoCodec, audioCodec, "
                    + "releaseGroup, language, extra, originalName.",
            "Formats: {track:00} pads with zeros; {title:title} gives capitals to a name written all in lower case "
                    + "(--title-case does it for every name); {date:yyyy} writes a date by a pattern of y, M and d. "
                    + "Empty fields vanish with their brackets and separators.",
            "Extras go to Featurettes/, Trailers/, Behind The Scenes/, ... beside their film; samples stay.",
            "Subtitles, .nfo, posters, covers, .lrc, .cue and transcripts travel with their media."
        },
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley organize ~/Downloads --to /media/library   review the plan",
            "  medley organize --apply                           carry out the newest plan not yet applied",
            "  medley organize ~/Downloads --to /media/library --apply --yes   no review",
            "  medley organize /mnt/old --to /media/library --mode hardlink --fallback copy",
            "  medley undo --last",
            "",
            "With --json, each line of stdout is a JSON object whose \"type\" says what it is:",
            "  plan-item   a decision: plan, seq, action, role, source, target, reason, conflict, size, what",
            "  apply-item  an operation done: plan, seq, action, role, source, target, reason, conflict, size, "
                    + "status, detail"
        })
final class OrganizeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "SRC", arity = "0..*", description = "Folders (walked recursively) or files to organise.")
    List<Path> sources = List.of();

    @Option(names = "--to", paramLabel = "LIBRARY", description = "The library root that files are filed into.")
    Path library;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "move",
            description = "move, copy, hardlink, symlink or reflink (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--fallback", paramLabel = "copy",
            description = "Where a hard link or reflink is impossible, copy instead (each such file is reported). "
                    + "Without it, such a file is an error.")
    String fallback;

    @Mixin NamingOptionsMixin naming;

    @Option(names = "--on-conflict", paramLabel = "POLICY", defaultValue = "skip",
            description = "When a target name is taken: skip (leave the file), rename (\"Title (2)\"), "
                    + "or keep-both (rename, even identical content). Default: ${DEFAULT-VALUE}.")
    String onConflict;

    @Option(names = "--apply", description = "Carry out a plan: with SRC and --to, the one just reviewed for them; alone, "
            + "the newest plan, unless it was applied (an interrupted apply is resumed); or --plan ID.")
    boolean apply;

    @Option(names = {"-y", "--yes"}, description = "With --apply: plan now and apply without a separate review.")
    boolean yes;

    @Option(names = "--plan", paramLabel = "ID", description = "With --apply: the plan to carry out, applied before or not "
            + "(see `medley history`).")
    Long planId;

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        try (Catalog catalog = common.openCatalog()) {
            PlanToApply choice = new PlanToApply(catalog, commandLine, common.err(), common.quiet || common.json);
            if (apply && (sources.isEmpty() || planId != null)) {
                if (!sources.isEmpty() || library != null) {
                    throw new CommandLine.ParameterException(commandLine, "--plan ID takes no SRC or --to: the plan has them");
                }
                long plan = planId != null ? choice.named(planId) : choice.newest();
                return applyPlan(catalog, plan, common, commandLine.getOut(), common.err(), true);
            }
            Planner.Options options = options(commandLine);
            if (apply && !yes) {
                PlanInfo reviewed = reviewedPlan(catalog, options).orElseThrow(() -> new CommandLine.ParameterException(
                        commandLine, "no reviewed plan for these sources and settings; run the same command without"
                                + " --apply to review the plan first, or add --yes to plan and apply in one go"));
                return applyPlan(catalog, choice.reviewed(reviewed), common, commandLine.getOut(), common.err(), true);
            }
            Planner.Summary plan = plan(catalog, options, naming.identify(), common, commandLine.getOut(), common.err());
            if (apply) {
                return Math.max(applyPlan(catalog, plan.runId(), common, commandLine.getOut(), common.err(), false),
                        problems(plan));
            }
            if (!common.json && !common.quiet) {
                common.err().println("Review the plan, then carry it out with:  medley organize --apply"
                        + (common.catalog != null ? " --catalog " + common.catalog : "")
                        + "   (undo later with: medley undo --last)");
            }
            return problems(plan);
        }
    }

    private Planner.Options options(CommandLine commandLine) throws IOException {
        if (sources.isEmpty() || library == null) {
            throw new CommandLine.ParameterException(commandLine, "give the folders to organise and --to LIBRARY");
        }
        for (Path source : sources) {
            if (!Files.exists(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new CommandLine.ParameterException(commandLine, "no such file or folder: " + RawPaths.display(source));
            }
        }
        if (fallback != null && !fallback.equals("copy")) {
            throw new CommandLine.ParameterException(commandLine, "--fallback takes only `copy`");
        }
        Mode parsedMode;
        OnConflict policy;
        try {
            parsedMode = Mode.of(mode);
            policy = OnConflict.of(onConflict);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "unknown --mode or --on-conflict value: "
                    + mode + ", " + onConflict + " (see --help)");
        }
        Templates templates = naming.templates(commandLine);
        try {
            // The library may not exist yet: a dry run creates nothing, applying makes its folders.
            return new Planner.Options(library, sources, parsedMode, fallback != null, policy, templates);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--to: " + e.getMessage());
        }
    }

    private static int problems(Planner.Summary plan) {
        return plan.problems() > 0 ? 1 : 0;
    }

    /**
     * Plans: runs the standard pipeline up to the plan (probe and identify what the catalog lacks,
     * then file each folder), printing each decision. Shared with {@code medley bench organize}.
     */
    static Planner.Summary plan(Catalog catalog, Planner.Options options, Identify identify, CommonOptions common,
            PrintWriter out, PrintStream err) {
        PipelineOptions pipeline = new PipelineOptions("organize", options.sources(), common.workers(),
                ScanOptions.DEFAULT, Prober.inProcess(Duration.ofSeconds(30)), false, identify, null, options, false);
        ConsoleProgress progress = ConsoleProgress.create(err, common.progressMode(), "plan", -1);
        OrganizeOutput output = new OrganizeOutput(out, common.json, options.library(), options.sources(),
                options.mode().key());
        PipelineReport report;
        try {
            report = Pipelines.standard(catalog, pipeline).run(new PipelineDisplay(progress, err, output, true));
        } finally {
            progress.finish();
        }
        out.flush();
        report(report.plan(), options, common, err);
        return report.plan();
    }

    private static void report(Planner.Summary plan, Planner.Options options, CommonOptions common, PrintStream err) {
        if (common.json) {
            err.println("{\"plan\":" + plan.runId() + ",\"planned\":" + plan.planned() + ",\"skipped\":" + plan.skipped()
                    + ",\"duplicates\":" + plan.duplicates() + ",\"conflicts\":" + plan.conflicts() + ",\"bytes\":"
                    + plan.bytes() + ",\"problems\":" + plan.problems() + "}");
        } else if (!common.quiet || plan.problems() > 0) {
            err.printf("plan %d: %d files to %s into %s (%s), %d left where they are; duplicates: %d, conflicts: %d%s%n",
                    plan.runId(), plan.planned(), options.mode().key(), RawPaths.display(options.library()),
                    Applier.megabytes(plan.bytes()),
                    plan.skipped(), plan.duplicates(), plan.conflicts(),
                    plan.problems() > 0 ? "; " + plan.problems() + " paths could not be read (listed above)" : "");
        }
        err.flush();
    }

    /**
     * Applies plan {@code planRun} as a new run, printing each outcome, or when the plan was just
     * printed ({@code listDone} false) only failures and notes. Shared with {@code medley process}.
     */
    static int applyPlan(Catalog catalog, long planRun, CommonOptions common, PrintWriter out, PrintStream err,
            boolean listDone) {
        PlanInfo plan;
        long acting;
        try (Plans plans = catalog.plans()) {
            plan = plans.find(planRun).orElseThrow(() -> CommandException.badUsage(
                    "there is no plan " + planRun + "; `medley history` lists the runs"));
            acting = plans.counts(planRun)[0];
        }
        ConsoleProgress progress = ConsoleProgress.create(err, common.progressMode(), "apply", acting);
        OrganizeOutput output = new OrganizeOutput(out, common.json, PathKey.toPath(plan.library()),
                plan.sources().stream().map(PathKey::toPath).toList(), plan.mode());
        Applier.Summary summary;
        try {
            summary = PlanApply.apply(catalog, planRun, common.applyWorkers(), result -> {
                if (listDone || result.status() == Applier.Status.FAILED || result.detail() != null || common.json) {
                    output.applied(planRun, result);
                }
                if (result.status() != Applier.Status.SKIPPED) {
                    progress.step(result.status() == Applier.Status.FAILED);
                }
            });
        } finally {
            progress.finish();
            out.flush();
        }
        long runId = summary.runId();
        if (common.json) {
            err.println("{\"apply\":" + runId + ",\"plan\":" + planRun + ",\"done\":" + summary.done() + ",\"failed\":"
                    + summary.failed() + ",\"alreadyDone\":" + summary.alreadyDone() + "}");
        } else if (!common.quiet || summary.failed() > 0) {
            err.printf("apply %d of plan %d: %d done, %d failed%s. Undo with: medley undo %d%n", runId, planRun,
                    summary.done(), summary.failed(),
                    summary.alreadyDone() > 0 ? ", " + summary.alreadyDone() + " done by an earlier apply" : "", runId);
        }
        err.flush();
        return summary.exitCode();
    }

    // The newest plan, if it was made for exactly these sources and settings.
    private static java.util.Optional<PlanInfo> reviewedPlan(Catalog catalog, Planner.Options options) {
        try (Plans plans = catalog.plans()) {
            return plans.latest().filter(plan -> plan.library().equals(PathKey.of(options.library()))
                    && plan.mode().equals(options.mode().key())
                    && Objects.equals(plan.fallback(), options.fallbackCopy() ? "copy" : null)
                    && plan.onConflict().equals(options.onConflict().key())
                    && plan.sources().equals(options.sources().stream().map(PathKey::of).toList()));
        }
    }
}
