package dev.medley.cli;

import dev.medley.media.ScanOptions;
import dev.medley.media.ScannedFile;
import dev.medley.media.Scanner;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "startup",
        description = {
            "Times `medley probe` as whole processes, start-up included, as a user's short runs meet it.",
            "First a folder with no files and a new catalog; then generated small files, probed by `medley probe` "
                    + "with a new catalog and by one ffprobe command per file (xargs -P), at the same parallelism. "
                    + "Each is run --runs times, the two taking turns; it prints the medians and their ratio."
        },
        sortOptions = false)
final class BenchStartupCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--files", paramLabel = "N", defaultValue = "1000",
            description = "Generated files to probe (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "2",
            description = "Files probed at once by each side (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Runs of each measurement, of which the median counts (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        if (files < 1 || workers < 1 || runs < 1) {
            throw new CommandLine.ParameterException(commandLine, "--files, --workers and --runs must be at least 1");
        }
        if (!Corpus.commandAvailable("ffprobe")) {
            throw new CommandLine.ParameterException(commandLine,
                    "the baseline needs the ffprobe command; install FFmpeg (e.g. apt-get install ffmpeg)");
        }
        List<String> medley = medleyCommand();
        Path work = Corpus.tempDir("medley-bench-startup");
        try {
            Path empty = Files.createDirectories(work.resolve("empty"));
            Path corpus = work.resolve("corpus");
            CommandStreams.err(spec.commandLine()).printf(Locale.ROOT, "generating %d files in %s ...%n", files, corpus);
            Corpus.generate(corpus, files);
            List<Path> paths = mediaFiles(corpus);

            List<Double> emptyRuns = new ArrayList<>();
            List<Double> medleyRuns = new ArrayList<>();
            List<Double> ffprobeRuns = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                CommandStreams.err(spec.commandLine()).printf(Locale.ROOT, "run %d of %d ...%n", run + 1, runs);
                emptyRuns.add(timed(probe(medley, empty, work.resolve("empty-" + run + ".db")), null));
                medleyRuns.add(timed(probe(medley, corpus, work.resolve("corpus-" + run + ".db")), null));
                ffprobeRuns.add(timed(ffprobePerFile(), nulSeparated(paths)));
            }
            double ratio = median(ffprobeRuns) / median(medleyRuns);
            PrintWriter out = commandLine.getOut();
            if (json) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("command", String.join(" ", medley));
                figures.put("runs", runs);
                figures.put("emptyProbeSeconds", median(emptyRuns));
                figures.put("emptyProbeRuns", emptyRuns);
                figures.put("files", paths.size());
                figures.put("workers", workers);
                figures.put("probeSeconds", median(medleyRuns));
                figures.put("probeRuns", medleyRuns);
                figures.put("ffprobeSeconds", median(ffprobeRuns));
                figures.put("ffprobeRuns", ffprobeRuns);
                figures.put("ratio", Math.round(ratio * 10) / 10.0);
                out.println(Jobs.JSON.writeValueAsString(figures));
            } else {
                out.printf(Locale.ROOT, "whole processes of %s, median of %d%n", String.join(" ", medley), runs);
                out.printf(Locale.ROOT, "empty folder, new catalog  %6.2f s  %s%n", median(emptyRuns), list(emptyRuns));
                out.printf(Locale.ROOT, "%d files, %d at a time:%n", paths.size(), workers);
                out.printf(Locale.ROOT, "  medley probe             %6.2f s  %s%n", median(medleyRuns), list(medleyRuns));
                out.printf(Locale.ROOT, "  ffprobe per file         %6.2f s  %s%n", median(ffprobeRuns), list(ffprobeRuns));
                out.printf(Locale.ROOT, "medley probe is %.1fx faster than ffprobe per file%n", ratio);
            }
            out.flush();
            return 0;
        } finally {
            Corpus.delete(work, CommandStreams.err(spec.commandLine()));
        }
    }

    /**
     * The command a user runs: the launcher that started this process when there is one (its class
     * data archive is part of a start), else this JVM's java with this jar.
     */
    private static List<String> medleyCommand() throws IOException {
        String home = System.getProperty("medley.home");
        if (home != null && Files.isExecutable(Path.of(home, "medley"))) {
            return List.of(Path.of(home, "medley").toString());
        }
        Path jar;
        try {
            jar = Path.of(Medley.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new IOException("cannot tell where medley.jar is: " + e.getMessage(), e);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString());
    }

    private List<String> probe(List<String> medley, Path folder, Path catalog) {
        List<String> command = new ArrayList<>(medley);
        command.addAll(List.of("probe", folder.toString(), "--catalog", catalog.toString(),
                "--workers", String.valueOf(workers), "--quiet"));
        return command;
    }

    private List<String> ffprobePerFile() {
        return List.of("xargs", "-0", "-P", String.valueOf(workers), "-n", "1",
                "ffprobe", "-v", "error", "-show_format", "-show_streams");
    }

    // The files `medley probe` reads in the corpus, the same for ffprobe.
    private List<Path> mediaFiles(Path corpus) {
        List<Path> paths = new ArrayList<>();
        new Scanner(ScanOptions.DEFAULT, (path, problem) -> CommandStreams.err(spec.commandLine()).println("medley: " + path + ": " + problem))
                .walk(List.of(corpus)).forEachRemaining((ScannedFile file) -> paths.add(file.path()));
        return paths;
    }

    private static byte[] nulSeparated(List<Path> paths) {
        StringBuilder list = new StringBuilder();
        paths.forEach(path -> list.append(path).append('\0'));
        return list.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Runs {@code command} with {@code input} on its stdin, output discarded; returns its wall time in seconds. */
    private static double timed(List<String> command, byte[] input) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        if (input == null) {
            builder.redirectInput(new File("/dev/null"));
        }
        long start = System.nanoTime();
        Process process = builder.start();
        if (input != null) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            }
        }
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("gave up after 30 minutes: " + String.join(" ", command));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // A file that does not read (1 from medley, 123 from xargs) still counts; a command that did not run does not.
        int exit = process.exitValue();
        if (exit != 0 && exit != 1 && exit != 123) {
            throw new IOException("exit code " + exit + ": " + String.join(" ", command));
        }
        return Math.round(seconds * 1000) / 1000.0;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String list(List<Double> values) {
        return values.size() == 1 ? "" : "(" + String.join(" ", values.stream()
                .map(v -> String.format(Locale.ROOT, "%.2f", v)).toList()) + ")";
    }
}
