package dev.medley.cli;

import dev.medley.core.ItemResult;
import dev.medley.media.LibraryJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "scan",
        description = {
            "Finds the media files below the given folders and records them in the catalog.",
            "New and changed files get a quick content fingerprint, files that are gone are marked missing. "
                    + "Hidden files, partial downloads and links out of the folders are passed over unless asked for."
        },
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley scan ~/Music ~/Videos",
            "  medley scan /media --json | jq -r 'select(.change != \"unchanged\") | .path'"
        })
final class ScanCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ScanOptionsMixin scan;
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return Jobs.run(spec.commandLine(), common, scan, null, false, result -> print(out, result));
    }

    private void print(PrintWriter out, ItemResult<LibraryJob.Item, LibraryJob.Outcome> result) {
        if (!common.json) {
            if (result instanceof ItemResult.Failed<LibraryJob.Item, LibraryJob.Outcome> failed) {
                out.println("FAIL  " + failed.item().file().display() + ": " + failed.reason());
            }
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("path", result.item().file().display());
        line.put("sizeBytes", result.item().file().size());
        line.put("change", result.item().change());
        line.put("ok", !(result instanceof ItemResult.Failed));
        line.put("error", result instanceof ItemResult.Failed<?, ?> failed ? failed.reason() : null);
        try {
            out.println(Jobs.JSON.writeValueAsString(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
