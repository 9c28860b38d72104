package dev.medley.cli;

import dev.medley.core.BatchRunner;
import dev.medley.core.ItemResult;
import dev.medley.core.RunStats;
import dev.medley.speech.EngineKind;
import dev.medley.speech.EngineOptions;
import dev.medley.speech.Segment;
import dev.medley.speech.Transcriber;
import dev.medley.speech.Transcript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "transcribe",
        description = {
            "Transcribes the same clips with 1 worker and with N workers in one run.",
            "Models are loaded before timing; it prints throughput of each and their ratio. With --long, also builds a one-hour file "
                    + "from the clips (at the start, the middle and the last minute, silence between) and reports "
                    + "wall time against the speech alone, peak memory, and where the cues fall."
        },
        sortOptions = false)
final class BenchTranscribeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1",
            description = "Speech clips (default: the team's recordings in ../shared/audio, when present).")
    Path dir;

    @Option(names = "--clips", paramLabel = "N", defaultValue = "8", description = "Clips per run, cycling through DIR (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--engine-workers", paramLabel = "N", defaultValue = "2",
            description = "Recognisers of the second run, as `transcribe --engine-workers` (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "sphinx", description = "Engine (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--model", paramLabel = "NAME|FILE", description = "Model, for the whisper engine.")
    String model;

    @Option(names = "--long", description = "Also run the one-hour file.")
    boolean longFile;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        List<Path> sources = sources(commandLine);
        List<Path> runClips = new ArrayList<>();
        for (int i = 0; i < clips; i++) {
            runClips.add(sources.get(i % sources.size()));
        }
        EngineOptions options = EngineOptions.defaults(EngineKind.parse(engine)).withModel(model);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("engine", engine);
        figures.put("clips", runClips.size());
        Map<String, Object> one = throughput(options, 1, runClips);
        Map<String, Object> many = throughput(options, workers, runClips);
        figures.put("workers1", one);
        figures.put("workers" + workers, many);
        double ratio = (Double) many.get("clipsPerSecond") / (Double) one.get("clipsPerSecond");
        figures.put("ratio", Math.round(ratio * 100) / 100.0);
        if (longFile) {
            figures.put("longFile", LongFileBench.run(options.withWorkers(workers), sources, CommandStreams.err(spec.commandLine())));
        }
        PrintWriter out = commandLine.getOut();
        if (json) {
            out.println(Jobs.JSON.writeValueAsString(figures));
        } else {
            out.printf(Locale.ROOT, "engine %s, %d clips%n", engine, runClips.size());
            out.println("1 worker    " + text(one));
            out.printf(Locale.ROOT, "%d workers   %s%n", workers, text(many));
            out.printf(Locale.ROOT, "%d workers give %.2fx the throughput of 1%n", workers, ratio);
            if (longFile) {
                out.println("one-hour file: " + figures.get("longFile"));
            }
        }
        out.flush();
        return 0;
    }

    private List<Path> sources(CommandLine commandLine) throws IOException {
        Path source = dir;
        if (source == null) {
            Path shared = Path.of(System.getProperty("medley.home", ".")).resolve("../shared/audio").normalize();
            if (!Files.isDirectory(shared)) {
                throw new CommandLine.ParameterException(commandLine, "give a folder of speech clips (no ../shared/audio here)");
            }
            source = shared;
        }
        try (Stream<Path> files = Files.walk(source)) {
            List<Path> found = files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().matches(".*\\.(wav|flac|mp3|ogg|opus|m4a|mp4|mkv|webm)$")).sorted().toList();
            if (found.isEmpty()) {
                throw new CommandLine.ParameterException(commandLine, "no audio files in " + source);
            }
            return found;
        }
    }

    static Map<String, Object> throughput(EngineOptions options, int workers, List<Path> clips) throws Exception {
        long loadStart = System.nanoTime();
        try (Transcriber transcriber = Transcriber.open(options.withWorkers(workers), Transcriber.Batching.DEFAULT)) {
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            transcriber.transcribe(clips.getFirst(), true); // Warm-up: the JIT, and the recogniser's first pass.
            AtomicLong audioMillis = new AtomicLong();
            List<String> failures = new java.util.ArrayList<>();
            RunStats stats = BatchRunner.<Path, Transcript>builder("bench").workers(workers + 1).build()
                    .run(clips.iterator(), clip -> transcriber.transcribe(clip, true), result -> {
                        if (result instanceof ItemResult.Ok<Path, Transcript> ok) {
                            audioMillis.addAndGet(Math.round(ok.value().audioSeconds() * 1000));
                        } else if (result instanceof ItemResult.Failed<Path, Transcript> failed) {
                            failures.add(failed.item() + ": " + failed.reason());
                        }
                    });
            double wall = stats.wall().toNanos() / 1e9;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("workers", workers);
            if (!failures.isEmpty()) {
                figures.put("failures", failures);
            }
            figures.put("modelLoadSeconds", round(loadSeconds));
            figures.put("wallSeconds", round(wall));
            figures.put("clipsPerSecond", Math.round(clips.size() / wall * 10_000) / 10_000.0);
            figures.put("realTimeFactor", round(audioMillis.get() / 1000.0 / wall));
            figures.put("failed", stats.failed());
            return figures;
        }
    }

    private static String text(Map<String, Object> figures) {
        return String.format(Locale.ROOT, "%.4f clips/s  %.2fx real time  (%.1f s; model load %.1f s)",
                figures.get("clipsPerSecond"), figures.get("realTimeFactor"), figures.get("wallSeconds"),
                figures.get("modelLoadSeconds"));
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Returns the start of the first segment, or NaN. */
    static double firstCue(List<Segment> segments) {
        return segments.isEmpty() ? Double.NaN : segments.getFirst().start();
    }
}
