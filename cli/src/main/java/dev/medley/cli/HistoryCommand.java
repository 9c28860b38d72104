package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.RunRecord;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "history", aliases = "runs",
        description = {"Lists recent runs recorded in the catalog, newest first.",
            "Scans, probes, transcriptions, organise plans (`organize`), applies and undos. Plan ids go to "
                    + "`medley organize --apply --plan ID`, apply ids to `medley undo ID`. Runs killed midway show as interrupted; "
                    + "any command recovers them."},
        footerHeading = "%nExamples:%n", footer = {"  medley history", "  medley history --limit 100 --json"})
final class HistoryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Catalog catalog = common.openCatalog()) {
            for (RunRecord run : catalog.runs(limit)) {
                if (common.json) {
                    java.util.Map<String, Object> line = new java.util.LinkedHashMap<>();
                    line.put("id", run.id());
                    line.put("command", run.command());
                    line.put("arguments", run.arguments());
                    line.put("status", run.status().name().toLowerCase(Locale.ROOT));
                    line.put("startedAt", run.startedAt().toString());
                    line.put("endedAt", run.endedAt() == null ? null : run.endedAt().toString());
                    line.put("total", run.total());
                    line.put("ok", run.ok());
                    line.put("failed", run.failed());
                    line.put("skipped", run.skipped());
                    out.println(Jobs.JSON.writeValueAsString(line));
                } else {
                    out.printf(Locale.ROOT, "%5d  %-11s %-6s %s  total %d, ok %d, failed %d, skipped %d  %s%n",
                            run.id(), run.status().name().toLowerCase(Locale.ROOT), run.command(), run.startedAt(),
                            run.total(), run.ok(), run.failed(), run.skipped(), run.arguments());
                }
            }
        }
        out.flush();
        return 0;
    }
}
