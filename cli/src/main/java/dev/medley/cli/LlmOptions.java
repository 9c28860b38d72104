package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.RemoteBatch;
import dev.medley.llm.BatchApi;
import dev.medley.llm.BatchedJson;
import dev.medley.core.RateLimiter;
import dev.medley.llm.AnswerCache;
import dev.medley.llm.ChatClient;
import dev.medley.llm.LlmSettings;
import dev.medley.llm.LlmStats;
import dev.medley.llm.NameRefiner;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Asking a language model about the names the parser was unsure of: identify --llm, process --llm. */
final class LlmOptions {
    static final String ENDPOINT_VARIABLE = "MEDLEY_LLM_ENDPOINT";
    static final String MODEL_VARIABLE = "MEDLEY_LLM_MODEL";

    @Option(names = "--llm", arity = "0..1", fallbackValue = "unsure", paramLabel = "WHICH",
            description = "Ask an OpenAI-compatible model about names: those the parser was unsure of (the default), "
                    + "or all. Its answers fill and correct the parser's; tags still win. The key comes from "
                    + "$" + LlmSettings.KEY_VARIABLE + ".")
    String llm;

    @Option(names = "--llm-endpoint", paramLabel = "URL",
            description = "Base URL as OpenAI clients take it, e.g. http://127.0.0.1:8080/v1 "
                    + "(default: $" + ENDPOINT_VARIABLE + ").")
    String endpoint;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "The model (default: $" + MODEL_VARIABLE + ").")
    String model;

    @Option(names = "--llm-min-confidence", paramLabel = "C", defaultValue = "0.8",
            description = "Names read with less confidence than C are sent (default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @Option(names = "--llm-batch-size", paramLabel = "N", defaultValue = "10",
            description = "Names in one request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--llm-workers", paramLabel = "N", defaultValue = "4",
            description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--llm-rpm", paramLabel = "N", description = "At most N requests a minute.")
    Long requestsPerMinute;

    @Option(names = "--llm-rpd", paramLabel = "N", description = "At most N requests a day.")
    Long requestsPerDay;

    @Option(names = "--llm-tpm", paramLabel = "N",
            description = "At most N tokens a minute, counting each request's prompt and its max_completion_tokens.")
    Long tokensPerMinute;

    @Option(names = "--llm-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Longest wait for one answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--llm-batch-api",
            description = "Send the names through the provider's Batch API (/v1/files, /v1/batches): half the price, "
                    + "answers within a day. The batch is kept in the catalog; a run that stops while it waits can be "
                    + "run again with --resume.")
    boolean batchApi;

    @Option(names = "--resume",
            description = "With --llm-batch-api: collect what earlier runs submitted, and submit nothing new.")
    boolean resume;

    @Option(names = "--llm-batch-poll", paramLabel = "SECONDS", defaultValue = "60",
            description = "With --llm-batch-api: how often to ask whether the batch is done (default: ${DEFAULT-VALUE}).")
    double pollSeconds;

    boolean enabled() {
        return llm != null;
    }

    /** Returns how long to wait between looks at a batch. */
    Duration poll() {
        if (!(pollSeconds >= 0)) {
            throw CommandException.badUsage("--llm-batch-poll takes a number of seconds");
        }
        return Duration.ofMillis((long) (pollSeconds * 1000));
    }

    /** Returns the Batch API of the endpoint these options name. */
    BatchApi batchApi(NameRefiner refiner) {
        return new BatchApi(refiner.settings());
    }

    /** Returns the batches kept open in {@code catalog} for this endpoint. */
    static BatchedJson.OpenBatches openBatches(Catalog catalog, String endpoint) {
        return new BatchedJson.OpenBatches() {
            @Override
            public void save(String id, String requests) {
                catalog.saveRemoteBatch(new RemoteBatch(id, endpoint, requests, System.currentTimeMillis()));
            }

            @Override
            public java.util.List<java.util.Map.Entry<String, String>> open() {
                return catalog.openRemoteBatches(endpoint).stream()
                        .map(batch -> java.util.Map.entry(batch.id(), batch.requests())).toList();
            }

            @Override
            public void close(String id) {
                catalog.closeRemoteBatch(id);
            }
        };
    }

    /** Returns the refiner these options describe, keeping answers in {@code catalog}. */
    NameRefiner refiner(Catalog catalog, LlmStats stats) {
        if (!"unsure".equals(llm) && !"all".equals(llm)) {
            throw CommandException.badUsage("--llm takes 'unsure' or 'all', not '" + llm + "'");
        }
        String url = Optional.ofNullable(endpoint).orElse(System.getenv(ENDPOINT_VARIABLE));
        if (url == null || url.isBlank()) {
            throw CommandException.badUsage("--llm needs the model's address: --llm-endpoint URL (or $"
                    + ENDPOINT_VARIABLE + "), e.g. http://127.0.0.1:8080/v1");
        }
        String name = Optional.ofNullable(model).orElse(System.getenv(MODEL_VARIABLE));
        if (name == null || name.isBlank()) {
            throw CommandException.badUsage("--llm needs a model: --llm-model NAME (or $" + MODEL_VARIABLE + ")");
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw CommandException.badUsage("--llm-min-confidence takes a number from 0 to 1");
        }
        if (resume && !batchApi) {
            throw CommandException.badUsage("--resume goes with --llm-batch-api");
        }
        if (batchSize < 1 || workers < 1 || timeoutSeconds < 1) {
            throw CommandException.badUsage("--llm-batch-size, --llm-workers and --llm-timeout take positive numbers");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
            LlmSettings.of(uri, name); // Checks the scheme.
        } catch (IllegalArgumentException e) {
            throw CommandException.badUsage("--llm-endpoint: " + e.getMessage());
        }
        LlmSettings settings = LlmSettings.of(uri, name.strip()).withBatchSize(batchSize).withWorkers(workers)
                .withTimeout(Duration.ofSeconds(timeoutSeconds));
        RateLimiter.Builder limits = RateLimiter.builder();
        if (requestsPerMinute != null) {
            limits.requestsPerMinute(requestsPerMinute);
        }
        if (requestsPerDay != null) {
            limits.requestsPerDay(requestsPerDay);
        }
        if (tokensPerMinute != null) {
            limits.tokensPerMinute(tokensPerMinute);
        }
        RateLimiter limiter = requestsPerMinute == null && requestsPerDay == null && tokensPerMinute == null
                ? RateLimiter.UNLIMITED : limits.build();
        AnswerCache cache = new AnswerCache() {
            @Override
            public Optional<String> get(String key) {
                return catalog.answer(key);
            }

            @Override
            public void put(String key, String answer) {
                catalog.saveAnswer(key, answer);
            }
        };
        return new NameRefiner(new ChatClient(settings), limiter, cache, stats,
                new NameRefiner.Options(minConfidence, "all".equals(llm)));
    }

    /** Returns the end-of-run line about the model: requests, names, tokens and what batching saved. */
    static String summary(LlmStats.Snapshot s) {
        return String.format(java.util.Locale.ROOT,
                "llm: %d names answered, %d from the catalog, %d failed; %d requests (%d retries, %d names sent again); "
                        + "tokens %d prompt (%d cached) + %d completion; %.0f%% of prompt tokens saved against one name per request",
                s.answered(), s.fromCache(), s.failed(), s.requests(), s.retries(), s.resent(), s.promptTokens(),
                s.cachedTokens(), s.completionTokens(), s.savedShare() * 100);
    }
}
