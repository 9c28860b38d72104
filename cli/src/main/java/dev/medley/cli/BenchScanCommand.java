package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.core.BatchListener;
import dev.medley.core.ConsoleProgress;
import dev.medley.media.LibraryJob;
import dev.medley.media.ScanOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "scan",
        description = {
            "Scans a generated tree of small files into a fresh catalog, then again unchanged.",
            "It prints wall time, files per second and peak heap of both runs. Run it with a small heap "
                    + "(MEDLEY_JAVA_OPTS=-Xmx256m) to see that memory stays flat however large the library."
        },
        sortOptions = false)
final class BenchScanCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--files", paramLabel = "N", defaultValue = "100000",
            description = "Files in the generated tree (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "2", description = "Workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Corpus.tempDir("medley-bench-scan");
        try {
            Path library = work.resolve("library");
            CommandStreams.err(spec.commandLine()).printf(Locale.ROOT, "creating %d files in %s ...%n", files, library);
            byte[] content = new byte[64];
            for (int i = 0; i < files; i++) {
                Path folder = library.resolve(String.format("%03d/%03d", i / 100_000, i / 100 % 1000));
                if (i % 100 == 0) {
                    Files.createDirectories(folder);
                }
                content[0] = (byte) i;
                content[1] = (byte) (i >> 8);
                content[2] = (byte) (i >> 16);
                Files.write(folder.resolve(String.format("track %06d.mp3", i)), content);
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("files", files);
            figures.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
            try (Catalog catalog = Catalog.open(work.resolve("catalog.db"))) {
                figures.put("firstScan", scan(catalog, library));
                figures.put("unchangedRescan", scan(catalog, library));
            }
            if (json) {
                out.println(Jobs.JSON.writeValueAsString(figures));
            } else {
                out.printf(Locale.ROOT, "files: %d, max heap: %d MiB%n", files, figures.get("maxHeapMiB"));
                out.println("first scan        " + text(figures.get("firstScan")));
                out.println("unchanged rescan  " + text(figures.get("unchangedRescan")));
            }
            out.flush();
            return 0;
        } finally {
            Corpus.delete(work, CommandStreams.err(spec.commandLine()));
        }
    }

    private Map<String, Object> scan(Catalog catalog, Path library) {
        HeapPeak heap = HeapPeak.start();
        BatchListener progress = ConsoleProgress.create(CommandStreams.err(spec.commandLine()), ConsoleProgress.detect(false), "scan", files);
        LibraryJob job = new LibraryJob(catalog, new LibraryJob.Options(null, false, ScanOptions.DEFAULT, workers, progress));
        long start = System.nanoTime();
        LibraryJob.Summary summary = job.run("scan", library.toString(), List.of(library),
                (p, problem) -> CommandStreams.err(spec.commandLine()).println("medley: " + p + ": " + problem), result -> {});
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("wallSeconds", Math.round(seconds * 100) / 100.0);
        figures.put("filesPerSecond", Math.round(summary.stats().total() / seconds));
        figures.put("peakHeapMiB", heap.mebibytes());
        figures.put("total", summary.stats().total());
        figures.put("failed", summary.stats().failed());
        return figures;
    }

    private static String text(Object figures) {
        Map<?, ?> map = (Map<?, ?>) figures;
        return String.format(Locale.ROOT, "%6.2f s  %7d files/s  peak heap %4d MiB  (%d files, %d failed)",
                (Double) map.get("wallSeconds"), (Long) map.get("filesPerSecond"), (Long) map.get("peakHeapMiB"),
                (Long) map.get("total"), (Long) map.get("failed"));
    }
}
