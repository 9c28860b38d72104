package dev.medley.cli;

import dev.medley.core.RetryPolicy;
import dev.medley.server.MedleyServer;
import dev.medley.server.ServeOptions;
import dev.medley.server.Speech;
import dev.medley.speech.EngineKind;
import dev.medley.speech.EngineOptions;
import dev.medley.speech.EngineUnavailable;
import dev.medley.speech.Strategy;
import dev.medley.speech.Transcriber;
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
                    + "GET /v1/queue/transcriptions/ID?wait=SECONDS to collect. One model serves every request; "
                    + "windows of concurrent requests meet in one engine batch.",
            "It listens on this machine only unless --host says otherwise, and then every request must carry "
                    + "--token as a bearer token. SIGTERM (or Ctrl-C) stops it after the requests in flight."
        },
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley serve                                    http://127.0.0.1:8000/v1",
            "  curl -F file=@talk.mp3 -F model=whisper-1 http://127.0.0.1:8000/v1/audio/transcriptions",
            "  MEDLEY_SERVE_TOKEN=... medley serve --host 0.0.0.0 --port 9000"
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

    @Option(names = "--engine-workers", paramLabel = "N",
            description = "Recognisers sharing the speech model (default: as many as the processors allow).")
    Integer engineWorkers;

    @Override
    public Integer call() throws Exception {
        PrintStream err = CommandStreams.err(spec.commandLine());
        String secret = token != null ? token : System.getenv(TOKEN_VARIABLE);
        ServeOptions options;
        try {
            options = new ServeOptions(host, port, secret, (long) Math.max(1, maxUploadMegabytes) << 20, maxPending);
        } catch (IllegalArgumentException e) {
            throw CommandException.badUsage(e.getMessage());
        }
        EngineOptions defaults = EngineOptions.defaults(EngineKind.SPHINX);
        Strategy strategy = Strategy.choose(EngineKind.SPHINX, "cpu", engineWorkers);
        EngineOptions engine = new EngineOptions(EngineKind.SPHINX, null, "en", 1, strategy.device(), strategy.workers(),
                defaults.modelsDir(), null, null, defaults.remoteModel(), dev.medley.core.RateLimiter.UNLIMITED,
                RetryPolicy.DEFAULT, defaults.requestTimeout());
        CountDownLatch stop = new CountDownLatch(1);
        // SIGTERM and Ctrl-C stop the server in order, and the command ends with 0: a stop asked for is no failure.
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), caught -> stop.countDown());
        }
        try (Transcriber transcriber = Transcriber.open(engine, new Transcriber.Batching(8, 1, Duration.ofMillis(50)));
                MedleyServer server = MedleyServer.start(options, Speech.of(transcriber))) {
            err.println("medley: serving " + Speech.of(transcriber).model() + " on http://" + options.host() + ":"
                    + server.port() + "/v1" + (options.token() == null ? " (this machine only)" : " (token required)"));
            err.flush();
            stop.await();
            err.println("medley: stopping after the requests in flight");
        } catch (EngineUnavailable unavailable) {
            throw TranscribeCommand.setUpError(unavailable);
        }
        err.println("medley: stopped");
        return 0;
    }
}
