package dev.medley.llm;

import java.util.Objects;
import java.net.URI;
import java.time.Duration;

/**
 * Where the model is and how Medley may use it.
 *
 * @param endpoint the base URL as OpenAI clients take it, such as {@code http://127.0.0.1:8080/v1}
 * @param model the model's name on that server
 * @param apiKey the key sent as a bearer token, or null; never printed (see {@link #toString})
 * @param batchSize the most items in one request
 * @param maxPromptTokens the most prompt tokens in one request (instruction, schema and items)
 * @param completionTokensPerItem the answer tokens allowed per item; a request asks for this many
 *     per item as {@code max_completion_tokens}
 * @param workers the most requests in flight at once
 * @param timeout the longest a request may take
 * @param maxAttempts how often an item is sent before it fails with its last error
 * @param breakerThreshold after this many requests in a row failed (after their retries), the items
 *     left fail at once: the endpoint is down, and the run goes on without it
 */
public record LlmSettings(
        URI endpoint,
        String model,
        String apiKey,
        int batchSize,
        int maxPromptTokens,
        int completionTokensPerItem,
        int workers,
        Duration timeout,
        int maxAttempts,
        int breakerThreshold) {

    /** The environment variable the key is read from. */
    public static final String KEY_VARIABLE = "MEDLEY_LLM_API_KEY";

    public LlmSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timeout, "timeout");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("the LLM model must be named");
        }
        if (batchSize < 1 || maxPromptTokens < 1 || completionTokensPerItem < 1 || workers < 1 || maxAttempts < 1
                || breakerThreshold < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the LLM batch size, token limits, workers, timeout and attempts must be positive");
        }
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("the LLM endpoint must be an http or https URL: " + endpoint);
        }
    }

    /** Returns settings with Medley's defaults, the key read from {@value #KEY_VARIABLE} when set. */
    public static LlmSettings of(URI endpoint, String model) {
        String key = System.getenv(KEY_VARIABLE);
        return new LlmSettings(endpoint, model, key == null || key.isBlank() ? null : key.strip(), 10, 16_000, 120, 4,
                Duration.ofSeconds(120), 4, 5);
    }

    public LlmSettings withBatchSize(int size) {
        return new LlmSettings(endpoint, model, apiKey, size, maxPromptTokens, completionTokensPerItem, workers, timeout,
                maxAttempts, breakerThreshold);
    }

    public LlmSettings withWorkers(int count) {
        return new LlmSettings(endpoint, model, apiKey, batchSize, maxPromptTokens, completionTokensPerItem, count, timeout,
                maxAttempts, breakerThreshold);
    }

    public LlmSettings withTimeout(Duration limit) {
        return new LlmSettings(endpoint, model, apiKey, batchSize, maxPromptTokens, completionTokensPerItem, workers, limit,
                maxAttempts, breakerThreshold);
    }

    public LlmSettings withApiKey(String key) {
        return new LlmSettings(endpoint, model, key, batchSize, maxPromptTokens, completionTokensPerItem, workers, timeout,
                maxAttempts, breakerThreshold);
    }

    public LlmSettings withMaxAttempts(int attempts) {
        return new LlmSettings(endpoint, model, apiKey, batchSize, maxPromptTokens, completionTokensPerItem, workers, timeout,
                attempts, breakerThreshold);
    }

    public LlmSettings withMaxPromptTokens(int tokens) {
        return new LlmSettings(endpoint, model, apiKey, batchSize, tokens, completionTokensPerItem, workers, timeout,
                maxAttempts, breakerThreshold);
    }

    /** The endpoint with a trailing slash, so that relative paths resolve below it. */
    URI base() {
        String text = endpoint.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    /** Leaves the key out: settings end up in logs and exception messages. */
    @Override
    public String toString() {
        return "LlmSettings[endpoint=" + endpoint + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "(set)")
                + ", batchSize=" + batchSize + ", maxPromptTokens=" + maxPromptTokens + ", workers=" + workers
                + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + "]";
    }
}
