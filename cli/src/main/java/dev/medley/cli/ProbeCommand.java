package dev.medley.cli;

import dev.medley.cluster.ProbeWork;
import dev.medley.core.ItemResult;
import dev.medley.core.RawPaths;
import dev.medley.media.ScannedFile;
import dev.medley.media.Scanner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import dev.medley.media.LibraryJob;
import dev.medley.media.MediaProbe;
import dev.medley.media.ProbeFailed;
import dev.medley.media.ProbeJson;
import dev.medley.media.Prober;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "probe",
        description = {
            "Reads every media file once: container, duration, codecs, resolution, sample rate, tags, and whether it plays.",
            "Files probed before and unchanged since (same size and modification time) are answered from the catalog."
        },
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley probe ~/Music                   a line per file, summary on stderr",
            "  medley probe /media --json > p.jsonl   JSON Lines: one object per file",
            "  medley probe /media --force            probe again even what is unchanged",
            "  medley probe /media --prober ffprobe   ffprobe per file: the slow baseline",
            "  medley probe /nas --cluster studio --members 10.0.0.11 \\",
            "      --catalog postgresql://medley@db/medley   on a cluster (medley worker)"
        })
final class ProbeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ScanOptionsMixin scan;
    @Mixin CommonOptions common;
    @Mixin ClusterOptions cluster;

    @Option(names = "--prober", paramLabel = "NAME", defaultValue = "ffmpeg",
            description = "ffmpeg (in-process, default) or ffprobe (one ffprobe command per file).")
    String prober;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on a file after this long (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--force", description = "Probe every file, even those whose probe is current.")
    boolean force;

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        if (timeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(commandLine, "--timeout must be positive");
        }
        Prober chosen;
        try {
            chosen = Prober.named(prober, Duration.ofMillis((long) (timeoutSeconds * 1000)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        if (cluster.requested()) {
            return onCluster(commandLine);
        }
        PrintWriter out = commandLine.getOut();
        return Jobs.run(commandLine, common, scan, chosen, force, result -> print(out, result));
    }

    // The members probe; this process lists the files and prints each probe's line as it comes back.
    private int onCluster(CommandLine commandLine) {
        List<Path> paths = scan.checkedPaths(commandLine);
        PrintStream err = common.err();
        Scanner scanner = new Scanner(scan.options(),
                (path, problem) -> err.println("medley: " + RawPaths.display(path) + ": " + problem));
        Iterator<ScannedFile> files = scanner.walk(Scanner.distinctRoots(paths));
        Iterator<String> keys = ClusterRun.keys(files);
        try {
            return ClusterRun.submit(commandLine, common, cluster, ProbeWork.NAME,
                    ProbeWork.spec(prober, (long) (timeoutSeconds * 1000), force), keys, (out, outcome) ->
                            out.println(common.json ? outcome.outcome() : humanLine(ProbeJson.read(outcome.outcome()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Medley.EXIT_CANNOT_RUN;
        }
    }

    private void print(PrintWriter out, ItemResult<LibraryJob.Item, LibraryJob.Outcome> result) {
        String json = switch (result) {
            case ItemResult.Ok<LibraryJob.Item, LibraryJob.Outcome> ok -> ok.value().probeJson();
            case ItemResult.Skipped<LibraryJob.Item, LibraryJob.Outcome> skipped ->
                    skipped.item().known().probe().resultJson();
            case ItemResult.Failed<LibraryJob.Item, LibraryJob.Outcome> failed ->
                    failed.cause() instanceof ProbeFailed probeFailed
                            ? probeFailed.probeJson()
                            : ProbeJson.write(MediaProbe.failure(failed.item().file().display(),
                                    failed.item().file().size(), failed.reason(), prober));
        };
        if (common.json) {
            out.println(json);
        } else if (result instanceof ItemResult.Ok<LibraryJob.Item, LibraryJob.Outcome> ok) {
            out.println(humanLine(ok.value().probe())); // a probe of this run is not read back from its JSON
        } else {
            out.println(humanLine(ProbeJson.read(json)));
        }
    }

    static String humanLine(MediaProbe probe) {
        if (!probe.ok()) {
            return "FAIL  " + probe.path() + ": " + probe.error();
        }
        StringBuilder what = new StringBuilder();
        if (probe.videoCodec() != null) {
            what.append(probe.videoCodec()).append(' ').append(probe.width()).append('x').append(probe.height());
        }
        if (probe.audioCodec() != null) {
            if (!what.isEmpty()) {
                what.append(" + ");
            }
            what.append(probe.audioCodec()).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f kHz", probe.sampleRate() / 1000.0));
        }
        return String.format(Locale.ROOT, "ok    %9s  %-28s %s", clock(probe.durationSeconds()), what, probe.path());
    }

    /** Returns {@code seconds} as a clock: 4:05, or 1:02:03 from an hour on; "?" for null. */
    static String clock(Double seconds) {
        if (seconds == null) {
            return "?";
        }
        long total = Math.round(seconds);
        return total >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
                : String.format(Locale.ROOT, "%d:%02d", total / 60, total % 60);
    }
}
