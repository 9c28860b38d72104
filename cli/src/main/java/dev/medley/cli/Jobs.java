package dev.medley.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.catalog.Catalog;
import dev.medley.core.BatchListener;
import dev.medley.core.ConsoleProgress;
import dev.medley.core.ItemResult;
import dev.medley.core.RawPaths;
import dev.medley.core.RunStats;
import dev.medley.media.LibraryJob;
import dev.medley.media.Prober;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs a {@link LibraryJob} for a command: progress, problems, statistics and the exit code. */
final class Jobs {
    static final ObjectMapper JSON = new ObjectMapper();

    private Jobs() {}

    static int run(CommandLine commandLine, CommonOptions common, ScanOptionsMixin scan, Prober prober, boolean force,
            Consumer<ItemResult<LibraryJob.Item, LibraryJob.Outcome>> printer) {
        List<Path> paths = scan.checkedPaths(commandLine);
        String command = commandLine.getCommandName();
        PrintWriter out = commandLine.getOut();
        PrintStream err = CommandStreams.err(commandLine);
        try (Catalog catalog = common.openCatalog()) {
            ConsoleProgress progress = ConsoleProgress.create(err, common.progressMode(), command, -1);
            BatchListener listener = progress;
            LibraryJob job = new LibraryJob(catalog, new LibraryJob.Options(prober, force, scan.options(),
                    common.workers(), listener));
            LibraryJob.Summary summary = job.run(command, String.join(" ", paths.stream().map(Path::toString).toList()),
                    paths, (path, problem) -> err.println("medley: " + RawPaths.display(path) + ": " + problem), printer);
            out.flush();
            report(common, summary, err);
            return summary.exitCode();
        }
    }

    private static void report(CommonOptions common, LibraryJob.Summary summary, PrintStream err) {
        RunStats stats = summary.stats();
        Map<String, Object> json = new LinkedHashMap<>(stats.toMap());
        json.put("fromCatalog", summary.fromCatalog());
        json.put("missing", summary.missing());
        json.put("unreadable", summary.problems());
        json.put("run", summary.runId());
        try {
            String line = JSON.writeValueAsString(json);
            if (common.statsFile != null) {
                Files.writeString(common.statsFile, line + System.lineSeparator());
            }
            if (common.json) {
                err.println(line);
            } else if (!common.quiet || stats.failed() > 0 || summary.problems() > 0) {
                err.println(stats.toText(summary.fromCatalog() > 0 ? summary.fromCatalog() + " from the catalog" : null));
                if (summary.missing() > 0) {
                    err.println(summary.missing() + " files known to the catalog are gone (marked missing)");
                }
                if (summary.problems() > 0) {
                    err.println(summary.problems() + " paths could not be read (listed above)");
                }
            }
        } catch (IOException e) {
            err.println("medley: cannot write statistics to " + common.statsFile + ": " + e.getMessage());
        }
        err.flush();
    }
}
