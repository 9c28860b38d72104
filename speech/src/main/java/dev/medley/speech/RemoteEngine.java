package dev.medley.speech;

import dev.medley.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Transcribes through any server that speaks OpenAI's {@code POST /v1/audio/transcriptions}: each
 * window goes up as a 16 kHz mono WAV and comes back as {@code verbose_json} with segment and word
 * times.
 *
 * <p>The windows of a batch are sent at once, one virtual thread each, all under the options' shared
 * rate limiter and retry policy (see {@link RemoteCall}). A window the server refuses (a 4xx) or
 * answers unreadably fails alone. A window the server cannot answer even after the retries (busy,
 * failing, out of reach) fails the whole batch and cancels the others' requests: they are at the
 * same server.
 */
final class RemoteEngine implements SpeechEngine {

    private final RemoteClient client;
    private final RemoteCall call;
    private final String model;
    private final int workers;

    private RemoteEngine(RemoteClient client, RemoteCall call, String model, int workers) {
        this.client = client;
        this.call = call;
        this.model = model;
        this.workers = workers;
    }

    /**
     * Opens an engine for the server at {@code options.endpoint()}; nothing is sent yet.
     *
     * @throws IllegalArgumentException when the endpoint, model, workers or timeout are missing or invalid
     */
    static SpeechEngine open(EngineOptions options) {
        return open(options, Sleeper.SYSTEM, Clock.systemUTC());
    }

    /** Opens an engine that waits between attempts with {@code sleeper} and reads HTTP dates by {@code clock}. */
    static RemoteEngine open(EngineOptions options, Sleeper sleeper, Clock clock) {
        if (options.endpoint() == null) {
            throw new IllegalArgumentException("the remote engine needs an endpoint, such as https://api.openai.com/v1");
        }
        String scheme = options.endpoint().getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("the remote endpoint must be an http or https URL, got " + options.endpoint());
        }
        if (options.remoteModel() == null || options.remoteModel().isBlank()) {
            throw new IllegalArgumentException("the remote engine needs a model name, such as whisper-1");
        }
        if (options.workers() < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + options.workers());
        }
        Duration timeout = options.requestTimeout();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive, got " + timeout);
        }
        if (options.rateLimiter() == null || options.retry() == null) {
            throw new IllegalArgumentException("the remote engine needs a rate limiter and a retry policy");
        }
        RemoteClient client = new RemoteClient(options.endpoint(), options.apiKey(), options.remoteModel(),
                options.language(), timeout);
        RemoteCall call = new RemoteCall(client, options.rateLimiter(), options.retry(), sleeper, clock,
                options.language());
        return new RemoteEngine(client, call, options.remoteModel(), options.workers());
    }

    @Override
    public List<WindowResult> transcribe(List<AudioWindow> batch) throws Exception {
        if (batch.isEmpty()) {
            return List.of();
        }
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("medley-remote-", 0).factory())) {
            CompletionService<WindowResult> done = new ExecutorCompletionService<>(threads);
            List<Future<WindowResult>> windows = new ArrayList<>(batch.size());
            for (AudioWindow window : batch) {
                windows.add(done.submit(() -> answer(window)));
            }
            try {
                for (int i = 0; i < batch.size(); i++) {
                    done.take().get();
                }
            } catch (ExecutionException e) {
                windows.forEach(w -> w.cancel(true));
                throw asException(e.getCause());
            } catch (InterruptedException e) {
                windows.forEach(w -> w.cancel(true));
                throw e;
            }
            return windows.stream().map(Future::resultNow).toList();
        }
    }

    // A refusal or an unreadable answer is this window's; anything else (RetryableException after the last
    // attempt, an interrupt) escapes and fails the batch.
    private WindowResult answer(AudioWindow window) throws Exception {
        try {
            return call.transcribe(window);
        } catch (RemoteException e) {
            return new WindowFailure(window.id(), e);
        }
    }

    private static Exception asException(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof Exception e ? e : new IllegalStateException(failure);
    }

    /** Returns {@code options.workers()}: remote batches cost connections, not model memory, so the caller decides. */
    @Override
    public int maxConcurrentBatches() {
        return workers;
    }

    @Override
    public String name() {
        return "remote";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public void close() {
        client.close();
    }
}
