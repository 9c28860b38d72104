package dev.medley.speech;

import dev.medley.core.RateLimiter;
import dev.medley.core.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything an engine needs to open.
 *
 * @param model a model name (resolved in {@code modelsDir}) or a model file; null for the engine's default
 * @param language an ISO 639-1 code such as {@code en}, or {@code auto} to detect
 * @param beamSize beam width for engines that search (1 = greedy)
 * @param device {@code auto}, {@code cpu} or {@code cuda}
 * @param workers how many batches the engine should be ready to run at once
 * @param modelsDir where named models live
 * @param endpoint the remote server's base URL (remote engine only)
 * @param apiKey the remote server's key, or null (remote engine only)
 * @param remoteModel the model name sent to the remote server (remote engine only)
 * @param rateLimiter limits shared by all requests (remote engine only)
 * @param retry retries of failed requests (remote engine only)
 * @param requestTimeout how long one request may take (remote engine only)
 */
public record EngineOptions(
        EngineKind kind,
        String model,
        String language,
        int beamSize,
        String device,
        int workers,
        Path modelsDir,
        URI endpoint,
        String apiKey,
        String remoteModel,
        RateLimiter rateLimiter,
        RetryPolicy retry,
        Duration requestTimeout) {

    /** Returns options for {@code kind} with defaults everywhere else. */
    public static EngineOptions defaults(EngineKind kind) {
        return new EngineOptions(kind, null, "en", 1, "auto", 1, ModelStore.defaultDirectory(), null, null,
                "whisper-1", RateLimiter.UNLIMITED, RetryPolicy.DEFAULT, Duration.ofMinutes(5));
    }

    public EngineOptions withModel(String newModel) {
        return new EngineOptions(kind, newModel, language, beamSize, device, workers, modelsDir, endpoint, apiKey,
                remoteModel, rateLimiter, retry, requestTimeout);
    }

    public EngineOptions withWorkers(int newWorkers) {
        return new EngineOptions(kind, model, language, beamSize, device, newWorkers, modelsDir, endpoint, apiKey,
                remoteModel, rateLimiter, retry, requestTimeout);
    }

    public EngineOptions withEndpoint(URI newEndpoint, String newApiKey) {
        return new EngineOptions(kind, model, language, beamSize, device, workers, modelsDir, newEndpoint, newApiKey,
                remoteModel, rateLimiter, retry, requestTimeout);
    }
}
