package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.RecordedRun;
import dev.medley.catalog.RunRecord;
import dev.medley.organize.Undo;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "undo",
        description = {
            "Reverts an applied organise run by replaying its journal backwards.",
            "Moved files go back to where they were, copies and links are removed, and folders the run left empty are pruned. "
                    + "A file changed since (size or modification time), or whose old place is taken again, is "
                    + "left alone and reported; undo never removes the only copy of anything."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  medley undo --last", "  medley undo 42 --json", "  medley history        lists the apply runs", "",
            "With --json, each line of stdout is a JSON object of \"type\" undo-item: plan, seq, action, source, "
                    + "target, status (undone or refused), detail."})
final class UndoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "RUN_ID", arity = "0..1", description = "The apply run to revert (see `medley history`).")
    Long runId;

    @Option(names = "--last", description = "Revert the newest apply run.")
    boolean last;

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        if ((runId == null) == !last) {
            throw new CommandLine.ParameterException(commandLine, "give RUN_ID or --last");
        }
        PrintWriter out = commandLine.getOut();
        PrintStream err = CommandStreams.err(spec.commandLine());
        try (Catalog catalog = common.openCatalog()) {
            long applyRun = runId != null ? checked(catalog, runId, commandLine) : latestApply(catalog, commandLine);
            Undo.Summary summary;
            long undoRun;
            try (RecordedRun run = RecordedRun.start(catalog, "undo", String.valueOf(applyRun))) {
                undoRun = run.id();
                OrganizeOutput output = new OrganizeOutput(out, common.json, null, List.of(), "move");
                summary = new Undo(catalog).undo(applyRun, undoRun, output::undone);
                out.flush();
                run.finish(summary.refused() > 0 ? RunRecord.Status.FAILED : RunRecord.Status.COMPLETED,
                        new RunRecord.Counts(summary.restored() + summary.refused(), summary.restored(),
                                summary.refused(), 0));
            }
            if (common.json) {
                err.println("{\"undo\":" + undoRun + ",\"apply\":" + applyRun + ",\"undone\":" + summary.restored()
                        + ",\"refused\":" + summary.refused() + "}");
            } else {
                err.printf("undo %d of apply %d: %d operations reverted, %d refused%s%n", undoRun, applyRun,
                        summary.restored(), summary.refused(),
                        summary.restored() + summary.refused() == 0 ? " (nothing left to revert)" : "");
                otherApplies(catalog, applyRun).forEach(other -> err.printf(
                        "its plan was also applied by run %d (an apply cut short, then resumed); undo it too with:"
                                + " medley undo %d%n", other, other));
            }
            return summary.exitCode();
        }
    }

    // The other apply runs of the plan that run applyRun carried out, older ones: a plan applied in parts.
    private static List<Long> otherApplies(Catalog catalog, long applyRun) {
        String arguments = catalog.run(applyRun).map(RunRecord::arguments).orElse("");
        if (!arguments.startsWith("--plan ")) {
            return List.of();
        }
        long plan;
        try {
            plan = Long.parseLong(arguments.substring("--plan ".length()).strip());
        } catch (NumberFormatException e) {
            return List.of();
        }
        return catalog.applies(plan).stream().map(RunRecord::id).filter(id -> id < applyRun).toList();
    }

    private static long checked(Catalog catalog, long id, CommandLine commandLine) {
        RunRecord run = catalog.run(id).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                "there is no run " + id + "; `medley history` lists them"));
        if (!run.command().equals("apply")) {
            throw new CommandLine.ParameterException(commandLine, "run " + id + " is a " + run.command()
                    + " run, not an apply; `medley history` lists the apply runs");
        }
        return id;
    }

    private static long latestApply(Catalog catalog, CommandLine commandLine) {
        return catalog.runs(Integer.MAX_VALUE).stream().filter(run -> run.command().equals("apply")).findFirst()
                .map(RunRecord::id).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                        "no apply run to undo; `medley history` lists the runs"));
    }
}
