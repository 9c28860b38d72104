package dev.medley.cli;

import dev.medley.core.BatchRunner;
import dev.medley.core.ConsoleProgress;
import dev.medley.core.RunStats;
import dev.medley.media.MediaProbe;
import dev.medley.media.Prober;
import dev.medley.media.ScanOptions;
import dev.medley.media.ScannedFile;
import dev.medley.media.Scanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "probe",
        description = {
            "Probes the same files in-process and with one ffprobe command per file.",
            "Both run at the same parallelism; it prints files per second of each and their ratio. Without DIR, generates a mixed corpus first."
        },
        sortOptions = false)
final class BenchProbeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Files to probe (default: a generated corpus).")
    Path dir;

    @Option(names = "--files", paramLabel = "N", defaultValue = "1000",
            description = "Size of the generated corpus (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "2",
            description = "Files probed at once by each side (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Corpus.commandAvailable("ffprobe")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "the baseline needs the ffprobe command; install FFmpeg (e.g. apt-get install ffmpeg)");
        }
        Path corpus = dir;
        Path generated = null;
        if (corpus == null) {
            generated = Corpus.tempDir("medley-bench-probe");
            CommandStreams.err(spec.commandLine()).printf(Locale.ROOT, "generating %d files in %s ...%n", files, generated);
            Corpus.generate(generated, files);
            corpus = generated;
        }
        try {
            List<Path> paths = new ArrayList<>();
            new Scanner(ScanOptions.DEFAULT, (p, problem) -> CommandStreams.err(spec.commandLine()).println("medley: " + p + ": " + problem))
                    .walk(List.of(corpus)).forEachRemaining((ScannedFile f) -> paths.add(f.path()));
            if (paths.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no media files in " + corpus);
            }
            Prober inProcess = Prober.inProcess(Duration.ofSeconds(30));
            // Warm up: load the native libraries and let the JIT compile the hot path, as in a long run.
            measure(inProcess, paths.subList(0, Math.min(200, paths.size())));
            Result ours = measure(inProcess, paths);
            Result baseline = measure(Prober.ffprobe(Duration.ofSeconds(30)), paths);
            double ratio = ours.filesPerSecond() / baseline.filesPerSecond();
            if (json) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("files", paths.size());
                figures.put("workers", workers);
                figures.put("inProcess", ours.toMap());
                figures.put("ffprobe", baseline.toMap());
                figures.put("ratio", Math.round(ratio * 10) / 10.0);
                out.println(Jobs.JSON.writeValueAsString(figures));
            } else {
                out.printf(Locale.ROOT, "files: %d, workers: %d each%n", paths.size(), workers);
                out.println("in-process  " + ours.toText());
                out.println("ffprobe     " + baseline.toText());
                out.printf(Locale.ROOT, "in-process probing is %.1fx faster than ffprobe per file%n", ratio);
            }
            out.flush();
            return 0;
        } finally {
            if (generated != null) {
                Corpus.delete(generated, CommandStreams.err(spec.commandLine()));
            }
        }
    }

    private Result measure(Prober prober, List<Path> paths) {
        AtomicLong ok = new AtomicLong();
        BatchRunner<Path, MediaProbe> runner = BatchRunner.<Path, MediaProbe>builder(prober.name())
                .workers(workers)
                .listener(ConsoleProgress.create(CommandStreams.err(spec.commandLine()), ConsoleProgress.detect(false), "bench " + prober.name(),
                        paths.size()))
                .build();
        RunStats stats = runner.run(paths.iterator(), prober::probe, result -> {
            if (result instanceof dev.medley.core.ItemResult.Ok<Path, MediaProbe> done && done.value().ok()) {
                ok.incrementAndGet();
            }
        });
        return new Result(stats, ok.get());
    }

    private record Result(RunStats stats, long ok) {
        double filesPerSecond() {
            return stats.total() / Math.max(1e-9, stats.wall().toNanos() / 1e9);
        }

        String toText() {
            return String.format(Locale.ROOT, "%8.1f files/s  %7.3f ms/file  (%d files in %.2f s, %d probed ok)",
                    filesPerSecond(), 1000.0 / filesPerSecond(), stats.total(), stats.wall().toNanos() / 1e9, ok);
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("filesPerSecond", Math.round(filesPerSecond() * 10) / 10.0);
            map.put("wallSeconds", stats.wall().toNanos() / 1e9);
            map.put("ok", ok);
            return map;
        }
    }

}
