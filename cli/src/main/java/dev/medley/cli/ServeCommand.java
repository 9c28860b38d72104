package dev.medley.cli;

import dev.medley.core.RetryPolicy;
import dev.medley.server.LibraryJobs;
import dev.medley.server.MedleyServer;
import dev.medley.server.ServeBatching;
import dev.medley.server.ServeMetrics;
import dev.medley.server.ServeOptions;
import dev.medley.server.Speech;
import dev.medley.speech.SimulatedSpeechEngine;
import dev.medley.speech.SpeechEngine;
import dev.medley.speech.EngineKind;
import dev.medley.speech.EngineOptions;
import dev.medley.speech.EngineUnavailable;
import dev.medley.speech.Strategy;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        description = {
            "Serves speech to text over HTTP, in OpenAI's shape: POST /v1/audio/transcriptions (json, text, srt, vtt, "
                    + "verbose_json; 'whisper-1' names the served model), GET /v1/models, and "
                    + "POST /v1/batch/transcriptions for many items in one request, POST /v1/queue/transcriptions with "
                    + "GET /v1/queue/transcriptions/ID?wait=SECONDS to collect; GET /metrics, /healthz, /readyz. One model "
                    + "serves every request: one dynamic batcher groups the windows of all of them, interactive uploads "
                    + "ahead of batch, queue and job items.",
            "With --root, also library jobs (POST /v1/jobs: probe, identify, transcribe or plan paths under the root; "
                    + "GET /v1/jobs/ID/events for progress; POST /v1/jobs/ID/apply once a plan is approved), recorded "
                    + "in the catalog, and the dashboard at http://HOST:PORT/.",
            "It listens on this machine only unless --host says otherwise, and then every request must carry "
                    + "--token as a bearer token. SIGTERM (or Ctrl-C) stops it after the requests in flight."
        },
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley serve                                    http://127.0.0.1:8000/v1",
            "  curl -F file=@talk.mp3 -F model=whisper-1 http://127.0.0.1:8000/v1/audio/transcriptions",
            "  MEDLEY_SERVE_TOKEN=... medley serve --host 0.0.0.0 --port 9000",
            "  medley serve --root ~/Media                     dashboard at http://127.0.0.1:8000/",
            "  medley serve --max-batch-size auto --latency-target-ms 500 --engine whisper --model base.en"
        })
final class ServeCommand implements Callable<Integer> {
    static final String TOKEN_VARIABLE = "MEDLEY_SERVE_TOKEN";

    @Spec CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServeOptions.LOOPBACK,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8000", description = "Port; 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token every request must send (default: $" + TOKEN_VARIABLE + "); needed off this machine.")
    String token;

    @Option(names = "--max-upload-mb", paramLabel = "MB", defaultValue = "100",
            description = "Largest request body taken (default: ${DEFAULT-VALUE}).")
    int maxUploadMegabytes;

    @Option(names = "--max-pending", paramLabel = "N", defaultValue = "256",
            description = "Audio items taken and not yet answered, all endpoints together; past it a request gets 429 "
                    + "with Retry-After (default: ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--root", paramLabel = "DIR",
            description = "A folder whose files requests may name by path (repeatable; relative paths start at the first). "
                    + "Paths are resolved, symbolic links too, and must stay inside.")
    java.util.List<java.nio.file.Path> roots = new java.util.ArrayList<>();

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "sphinx",
            description = "sphinx (offline, built in; default), whisper (ggml model), or simulated:C0MS,C1MS (an engine "
                    + "that hears nothing and takes C0 + C1 x windows ms a batch, for load tests).")
    String engine;

    @Option(names = "--model", paramLabel = "NAME|FILE", description = "Whisper model name (see 'medley models') or file.")
    String model;

    @Option(names = "--engine-workers", paramLabel = "N",
            description = "Recognisers sharing the speech model (default: as many as the processors allow).")
    Integer engineWorkers;

    @Option(names = "--max-batch-size", paramLabel = "N|auto", defaultValue = "8",
            description = "Most windows in one engine batch, or auto: the largest that holds --latency-target-ms, from "
                    + "measured batch times (default: ${DEFAULT-VALUE}).")
    String maxBatchSize;

    @Option(names = "--min-batch-size", paramLabel = "N", defaultValue = "1",
            description = "Windows worth sending to a free engine without waiting for more (default: ${DEFAULT-VALUE}).")
    int minBatchSize;

    @Option(names = "--max-wait-ms", paramLabel = "MS", defaultValue = "10",
            description = "Longest the oldest window waits for company while the engine is free (default: ${DEFAULT-VALUE}).")
    long maxWaitMillis;

    @Option(names = "--latency-target-ms", paramLabel = "MS", defaultValue = "2000",
            description = "Batch time that --max-batch-size auto holds to (default: ${DEFAULT-VALUE}).")
    long latencyTargetMillis;

    @Option(names = "--queue-timeout-s", paramLabel = "S", defaultValue = "300",
            description = "Longest a window may wait in the queue; its request then gets 504 (default: ${DEFAULT-VALUE}).")
    long queueTimeoutSeconds;

    @Option(names = "--max-batches-in-flight", paramLabel = "N",
            description = "Batches at the engine at once (default: as many as the engine runs at once).")
    Integer maxBatchesInFlight;

    private ServeBatching batching() {
        int size;
        if (maxBatchSize.equalsIgnoreCase("auto")) {
            size = 0;
        } else {
            try {
                size = Integer.parseInt(maxBatchSize);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--max-batch-size takes a number or auto, not '" + maxBatchSize + "'");
            }
            if (size < 1) {
                throw new IllegalArgumentException("--max-batch-size must be at least 1, or auto");
            }
        }
        if (latencyTargetMillis < 1 || queueTimeoutSeconds < 1 || maxWaitMillis < 0) {
            throw new IllegalArgumentException("--latency-target-ms and --queue-timeout-s must be positive, "
                    + "--max-wait-ms not negative");
        }
        return new ServeBatching(size, 64, minBatchSize, Duration.ofMillis(maxWaitMillis),
                Duration.ofMillis(latencyTargetMillis), Duration.ofSeconds(queueTimeoutSeconds),
                maxBatchesInFlight == null ? Integer.MAX_VALUE : maxBatchesInFlight, 4 * maxPending * 16);
    }

    private SpeechEngine openEngine() throws Exception {
        if (engine.startsWith("simulated")) {
            String[] costs = engine.contains(":") ? engine.substring(engine.indexOf(':') + 1).split(",") : new String[0];
            try {
                double fixed = costs.length > 0 ? Double.parseDouble(costs[0]) : 50;
                double perWindow = costs.length > 1 ? Double.parseDouble(costs[1]) : 5;
                return new SimulatedSpeechEngine(Duration.ofNanos((long) (fixed * 1e6)),
                        Duration.ofNanos((long) (perWindow * 1e6)), 1);
            } catch (NumberFormatException e) {
                throw CommandException.badUsage("--engine simulated:C0MS,C1MS takes two numbers of milliseconds");
            }
        }
        EngineKind kind;
        Strategy strategy;
        try {
            kind = EngineKind.parse(engine);
            if (kind == EngineKind.REMOTE) {
                throw new IllegalArgumentException("serve runs a local engine: sphinx, whisper or simulated");
            }
            strategy = Strategy.choose(kind, "auto", engineWorkers);
        } catch (IllegalArgumentException e) {
            throw CommandException.badUsage(e.getMessage());
        }
        EngineOptions defaults = EngineOptions.defaults(kind);
        return SpeechEngine.open(new EngineOptions(kind, model, "en", 1, strategy.device(), strategy.workers(),
                defaults.modelsDir(), null, null, defaults.remoteModel(), dev.medley.core.RateLimiter.UNLIMITED,
                RetryPolicy.DEFAULT, defaults.requestTimeout()));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = CommandStreams.err(spec.commandLine());
        String secret = token != null ? token : System.getenv(TOKEN_VARIABLE);
        ServeOptions options;
        try {
            for (java.nio.file.Path root : roots) {
                if (!java.nio.file.Files.isDirectory(root)) {
                    throw new IllegalArgumentException("--root " + root + " is not a folder");
                }
            }
            options = new ServeOptions(host, port, secret, (long) Math.max(1, maxUploadMegabytes) << 20, maxPending,
                    roots.stream().map(r -> r.toAbsolutePath().normalize()).toList());
        } catch (IllegalArgumentException e) {
            throw CommandException.badUsage(e.getMessage());
        }
        ServeBatching batching;
        try {
            batching = batching();
        } catch (IllegalArgumentException e) {
            throw CommandException.badUsage(e.getMessage());
        }
        SpeechEngine speechEngine;
        try {
            speechEngine = openEngine();
        } catch (EngineUnavailable unavailable) {
            throw TranscribeCommand.setUpError(unavailable);
        }
        ServeMetrics metrics = new ServeMetrics();
        CountDownLatch stop = new CountDownLatch(1);
        // SIGTERM and Ctrl-C stop the server in order, and the command ends with 0: a stop asked for is no failure.
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), caught -> stop.countDown());
        }
        // With roots, the server runs library jobs, recorded in the catalog as the command line's runs are.
        try (Speech speech = Speech.serving(speechEngine, batching, metrics);
                dev.medley.catalog.Catalog catalog = roots.isEmpty() ? null
                        : dev.medley.catalog.Catalogs.open(dev.medley.catalog.Catalog.defaultLocation().toString());
                LibraryJobs jobs = catalog == null ? null : new LibraryJobs(catalog, options.roots(),
                        speech.transcriber(), Math.max(2, Runtime.getRuntime().availableProcessors()));
                MedleyServer server = MedleyServer.start(options, speech, metrics, jobs)) {
            err.println("medley: serving " + speech.model() + " on http://" + options.host() + ":"
                    + server.port() + "/v1" + (options.token() == null ? " (this machine only)" : " (token required)")
                    + ", batches of " + (batching.auto() ? "auto size (target " + latencyTargetMillis + " ms)"
                    : "up to " + batching.maxBatchSize()) + (jobs == null ? "" : "; library jobs under "
                    + options.roots()));
            err.flush();
            stop.await();
            err.println("medley: stopping after the requests in flight");
        }
        err.println("medley: stopped");
        return 0;
    }
}
