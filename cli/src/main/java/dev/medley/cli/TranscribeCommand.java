package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.core.ConsoleProgress;
import dev.medley.core.ItemResult;
import dev.medley.core.RateLimiter;
import dev.medley.core.RawPaths;
import dev.medley.core.RetryPolicy;
import dev.medley.speech.EngineKind;
import dev.medley.speech.EngineOptions;
import dev.medley.speech.EngineUnavailable;
import dev.medley.speech.OutputFormat;
import dev.medley.speech.Strategy;
import dev.medley.speech.TranscribeJob;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "transcribe",
        description = {
            "Transcribes speech in audio and video files.",
            "Each file is decoded in-process, cut into windows at silences, recognised in batches by one shared "
                    + "model and written as txt, json, srt and vtt beside it (or under --out). Files already transcribed and unchanged are skipped; a killed run resumes."
        },
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley transcribe ~/Lectures                      offline, English, Sphinx4",
            "  medley transcribe talk.mp4 --format srt,vtt --out subs/",
            "  medley models pull base.en",
            "  medley transcribe ~/Podcasts --engine whisper --model base.en",
            "  medley transcribe x.m4a --engine remote --endpoint https://api.openai.com",
            "  medley transcribe /nas/talks --cluster studio --members 10.0.0.11 \\",
            "      --catalog postgresql://medley@db/medley      on a cluster (medley worker)"
        })
final class TranscribeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ScanOptionsMixin scan;
    @Mixin CommonOptions common;
    @Mixin ClusterOptions cluster;

    @Option(names = "--engine-workers", paramLabel = "N",
            description = "Recognisers sharing the one model (Sphinx, whisper: model states; remote: requests at once). "
                    + "Default: chosen for the engine and the machine. --workers is the number of files in flight.")
    Integer engineWorkers;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "sphinx",
            description = "sphinx (offline, built in; default), whisper (ggml model) or remote (OpenAI-compatible server).")
    String engine;

    @Option(names = "--model", paramLabel = "NAME|FILE", description = "Whisper model name (see 'medley models') or file; remote: the model to ask for.")
    String model;

    @Option(names = "--language", paramLabel = "CODE", defaultValue = "en", description = "Language code, or auto to detect (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto", description = "Where whisper runs (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--beam-size", paramLabel = "N", defaultValue = "1", description = "Beam search width for whisper; 1 = greedy.")
    int beamSize;

    @Option(names = "--vad", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Skip silence before recognition (default); --no-vad sends all audio in 30 s windows.")
    boolean vad;

    @Option(names = "--format", paramLabel = "LIST", split = ",", defaultValue = "txt,json,srt,vtt",
            description = "Outputs, comma-separated: txt, json, srt, vtt (default: all).")
    List<String> formats;

    @Option(names = "--out", paramLabel = "DIR", description = "Write outputs under DIR, mirroring the folders given, instead of beside each file.")
    Path out;

    @Option(names = "--force", description = "Transcribe again even what is done and unchanged.")
    boolean force;

    @Option(names = "--skip-existing", description = "Skip files whose transcript is current and whose outputs exist (the default).")
    boolean skipExisting;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Remote server, e.g. http://localhost:8080 (engine remote).")
    URI endpoint;

    @Option(names = "--api-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
            description = "Environment variable holding the remote server's key (default: ${DEFAULT-VALUE}).")
    String apiKeyEnv;

    @Option(names = "--requests-per-minute", paramLabel = "N", description = "Remote: at most N requests a minute, across all workers.")
    Long requestsPerMinute;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "4", description = "Most windows per engine batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--min-batch", paramLabel = "N", defaultValue = "1", description = "Windows to wait for before a batch goes early (default: ${DEFAULT-VALUE}).")
    int minBatch;

    @Option(names = "--max-wait-ms", paramLabel = "MS", defaultValue = "50", description = "Longest a window waits for its batch to fill (default: ${DEFAULT-VALUE}).")
    long maxWaitMillis;

    /** What the options make: the engine to open and how to lay out its work. */
    record Setup(EngineKind kind, Set<OutputFormat> outputs, Strategy strategy, EngineOptions engineOptions) {}

    /**
     * Checks the options and returns what they make; a remote engine's requests per minute are kept in
     * {@code sharedLimits} when given (a cluster's, so that the limit holds for all members), else here.
     *
     * @throws CommandLine.ParameterException if the options contradict each other or name what does not exist
     */
    Setup setUp(CommandLine commandLine, dev.medley.core.BucketStore sharedLimits) {
        if (force && skipExisting) {
            throw new CommandLine.ParameterException(commandLine, "--force and --skip-existing contradict each other");
        }
        EngineKind kind;
        Set<OutputFormat> outputs = EnumSet.noneOf(OutputFormat.class);
        Strategy strategy;
        try {
            kind = EngineKind.parse(engine);
            formats.forEach(f -> outputs.add(OutputFormat.parse(f)));
            strategy = Strategy.choose(kind, device, engineWorkers);
            if (batchSize < 1 || minBatch < 1 || minBatch > batchSize || maxWaitMillis < 0) {
                throw new IllegalArgumentException("need 1 <= --min-batch <= --batch-size and --max-wait-ms >= 0");
            }
            if (requestsPerMinute != null && requestsPerMinute < 1) {
                throw new IllegalArgumentException("--requests-per-minute must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        if (kind == EngineKind.REMOTE && endpoint == null) {
            throw new CommandLine.ParameterException(commandLine, "--engine remote needs --endpoint URL");
        }
        EngineOptions defaults = EngineOptions.defaults(kind);
        RateLimiter limiter = RateLimiter.UNLIMITED;
        if (requestsPerMinute != null) {
            RateLimiter.Builder builder = RateLimiter.builder().requestsPerMinute(requestsPerMinute);
            if (sharedLimits != null) {
                builder.sharedIn(sharedLimits, "transcribe:" + endpoint);
            }
            limiter = builder.build();
        }
        EngineOptions engineOptions = new EngineOptions(kind, kind == EngineKind.REMOTE ? null : model, language,
                beamSize, strategy.device(), strategy.workers(), defaults.modelsDir(), endpoint,
                endpoint == null ? null : System.getenv(apiKeyEnv), kind == EngineKind.REMOTE && model != null ? model
                        : defaults.remoteModel(), limiter, RetryPolicy.DEFAULT, defaults.requestTimeout());
        return new Setup(kind, outputs, strategy, engineOptions);
    }

    /** Returns the job's options: files in flight, batching, where outputs go. */
    TranscribeJob.Options jobOptions(Setup setup, dev.medley.core.BatchListener listener,
            dev.medley.speech.TranscriptionProgress progress) {
        return new TranscribeJob.Options(setup.outputs(), out == null ? null : out.toAbsolutePath(), force, vad,
                scan.options(),
                // Files in flight: by default one more than the recognisers, so that the next file is decoded
                // while the engine works.
                common.workers != null ? common.workers : setup.strategy().workers() + 1,
                new dev.medley.speech.Transcriber.Batching(batchSize, minBatch, Duration.ofMillis(maxWaitMillis)),
                listener, progress);
    }

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        Setup setup = setUp(commandLine, null);
        if (cluster.requested()) {
            return TranscribeWork.submit(this, commandLine);
        }
        EngineKind kind = setup.kind();
        Strategy strategy = setup.strategy();
        EngineOptions engineOptions = setup.engineOptions();
        List<Path> paths = scan.checkedPaths(commandLine);
        PrintWriter stdout = commandLine.getOut();
        PrintStream err = CommandStreams.err(spec.commandLine());
        if (!common.quiet) {
            err.println("transcribe: engine " + kind.id() + ", " + strategy);
        }
        List<Failure> failures = new ArrayList<>();
        try (Catalog catalog = common.openCatalog()) {
            ConsoleProgress progress = ConsoleProgress.create(err, common.progressMode(), "transcribe", -1);
            TranscribeJob job = new TranscribeJob(catalog, engineOptions, jobOptions(setup, progress,
                    (file, seconds, total) -> progress.note(position(file, seconds, total))));
            TranscribeJob.Summary summary;
            try {
                summary = job.run(String.join(" ", paths.stream().map(Path::toString).toList()), paths,
                        (path, problem) -> err.println("medley: " + RawPaths.display(path) + ": " + problem),
                        result -> print(stdout, result, failures));
            } catch (EngineUnavailable e) {
                stdout.flush();
                throw setUpError(e);
            }
            stdout.flush();
            report(summary, failures, err);
            return summary.exitCode();
        }
    }

    /** Returns where recognition is in a file, for the progress display: {@code talk.mp3 12:30/45:00}. */
    static String position(Path file, double seconds, double totalSeconds) {
        return RawPaths.display(file.getFileName()) + " " + ProbeCommand.clock(seconds)
                + (Double.isNaN(totalSeconds) ? "" : "/" + ProbeCommand.clock(totalSeconds));
    }

    /**
     * Returns the command's answer to an engine that cannot open: an option it cannot honour is bad
     * usage (exit 2), anything else (a model not fetched) a set-up that cannot run (exit 3).
     */
    static CommandException setUpError(EngineUnavailable unavailable) {
        String message = "cannot start the speech engine: " + unavailable.getMessage();
        return unavailable.badOption() ? CommandException.badUsage(message) : CommandException.cannotRun(message, unavailable);
    }

    private void print(PrintWriter out, ItemResult<TranscribeJob.Item, TranscribeJob.Outcome> result, List<Failure> failures) {
        Map<String, Object> line = line(result);
        if (result instanceof ItemResult.Failed<TranscribeJob.Item, TranscribeJob.Outcome> failed) {
            failures.add(new Failure((String) line.get("path"), "transcribe", failed.reason()));
        }
        printLine(out, line);
    }

    /** Prints a file's line: as JSON with --json, else as a line for people. */
    void printLine(PrintWriter out, Map<String, Object> line) {
        if (common.json) {
            try {
                out.println(Jobs.JSON.writeValueAsString(line));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            String status = (String) line.get("status");
            Object path = line.get("path");
            out.println(switch (status) {
                case "transcribed" -> String.format(Locale.ROOT, "done  %7.1fs audio in %6.1fs  %s",
                        ((Number) line.get("audioSeconds")).doubleValue(),
                        ((Number) line.get("processingSeconds")).doubleValue(), path);
                case "skipped" -> "skip  " + path + " (" + line.get("reason") + ")";
                default -> "FAIL  " + path + ": " + line.get("error");
            });
        }
        out.flush(); // Files take seconds each: show each result as it comes.
    }

    /** Returns a file's result as its line: what --json prints for it. */
    static Map<String, Object> line(ItemResult<TranscribeJob.Item, TranscribeJob.Outcome> result) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("path", result.item().file().display());
        switch (result) {
            case ItemResult.Ok<TranscribeJob.Item, TranscribeJob.Outcome> ok -> {
                var transcript = ok.value().transcript();
                line.put("status", "transcribed");
                line.put("ok", true);
                line.put("error", null);
                line.put("audioSeconds", Math.round(transcript.audioSeconds() * 100) / 100.0);
                line.put("processingSeconds", Math.round(transcript.processingSeconds() * 100) / 100.0);
                line.put("windows", transcript.windows());
                line.put("language", transcript.language());
                line.put("outputs", ok.value().outputs().stream().map(dev.medley.core.RawPaths::display).toList());
                line.put("text", transcript.text());
            }
            case ItemResult.Skipped<TranscribeJob.Item, TranscribeJob.Outcome> skipped -> {
                line.put("status", "skipped");
                line.put("ok", true);
                line.put("error", null);
                line.put("reason", skipped.reason());
            }
            case ItemResult.Failed<TranscribeJob.Item, TranscribeJob.Outcome> failed -> {
                line.put("status", "failed");
                line.put("ok", false);
                line.put("error", failed.reason());
            }
        }
        return line;
    }

    private void report(TranscribeJob.Summary summary, List<Failure> failures, PrintStream err) {
        var stats = summary.stats();
        double wall = stats.wall().toNanos() / 1e9;
        long transcribed = stats.ok();
        Map<String, Object> json = new LinkedHashMap<>(stats.toMap());
        json.put("audioSeconds", Math.round(summary.audioSeconds() * 10) / 10.0);
        json.put("secondsPerFile", transcribed == 0 ? 0 : Math.round(wall / transcribed * 100) / 100.0);
        json.put("filesPerSecond", Math.round(transcribed / Math.max(wall, 1e-9) * 1000) / 1000.0);
        json.put("realTimeFactor", Math.round(summary.realTimeFactor() * 100) / 100.0);
        json.put("failures", failures);
        json.put("run", summary.runId());
        try {
            String line = Jobs.JSON.writeValueAsString(json);
            if (common.statsFile != null) {
                java.nio.file.Files.writeString(common.statsFile, line + System.lineSeparator());
            }
            if (common.json) {
                err.println(line);
                return;
            }
        } catch (java.io.IOException e) {
            err.println("medley: cannot write statistics: " + e.getMessage());
        }
        err.printf(Locale.ROOT, "transcribe: %d files: %d transcribed, %d skipped, %d failed in %.1f s%n",
                stats.total(), transcribed, stats.skipped(), stats.failed(), wall);
        if (transcribed > 0) {
            err.printf(Locale.ROOT, "transcribe: %.2f s per file, %.3f files/s, %.1f s of audio, %.2fx real time%n",
                    wall / transcribed, transcribed / wall, summary.audioSeconds(), summary.realTimeFactor());
        }
        for (Failure failure : failures) {
            err.println("failed: " + failure.path() + ": " + failure.error());
        }
    }
}
