package dev.medley.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What asking the model cost in one run. Thread-safe: workers add, anyone reads a {@link #snapshot}. */
public final class LlmStats {
    final LongAdder requests = new LongAdder();
    final LongAdder itemsSent = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder fromCache = new LongAdder();
    final LongAdder resent = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder rejectedAnswers = new LongAdder();
    final LongAdder promptTokens = new LongAdder();
    final LongAdder completionTokens = new LongAdder();
    final LongAdder cachedTokens = new LongAdder();
    final LongAdder oneByOnePromptTokens = new LongAdder();
    final LongAdder batchedPromptTokens = new LongAdder();

    /**
     * The counts at one moment.
     *
     * @param requests HTTP requests sent, retries included
     * @param itemsSent items carried by those requests (an item sent twice counts twice)
     * @param answered items answered by the model in this run
     * @param failed items that got no usable answer; each has its error
     * @param fromCache items answered from the cache, without a request
     * @param resent items sent again: left out, duplicated, of the wrong shape, cut off, or their request failed
     * @param retries requests sent again after a 429, 5xx, timeout or dropped connection
     * @param rejectedAnswers answers thrown away: for an id not sent, twice for one id, or of the wrong shape
     * @param promptTokens prompt tokens, as the server reported them
     * @param completionTokens completion tokens, as the server reported them
     * @param cachedTokens prompt tokens the server had cached, where it said so
     * @param savedPromptTokens prompt tokens saved against one item per request, by Medley's count of
     *     both (each item alone would have carried the whole instruction and schema)
     * @param oneByOnePromptTokens the prompt tokens one item per request would have cost, by Medley's count
     */
    public record Snapshot(long requests, long itemsSent, long answered, long failed, long fromCache, long resent,
            long retries, long rejectedAnswers, long promptTokens, long completionTokens, long cachedTokens,
            long savedPromptTokens, long oneByOnePromptTokens) {

        /** Returns the share of prompt tokens saved against one item per request, 0 to 1. */
        public double savedShare() {
            return oneByOnePromptTokens == 0 ? 0 : (double) savedPromptTokens / oneByOnePromptTokens;
        }

        /** Returns the counts under the keys {@code --json} prints. */
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("requests", requests);
            map.put("itemsSent", itemsSent);
            map.put("answered", answered);
            map.put("failed", failed);
            map.put("fromCache", fromCache);
            map.put("resent", resent);
            map.put("retries", retries);
            map.put("rejectedAnswers", rejectedAnswers);
            map.put("promptTokens", promptTokens);
            map.put("completionTokens", completionTokens);
            map.put("cachedTokens", cachedTokens);
            map.put("savedPromptTokens", savedPromptTokens);
            map.put("savedShare", Math.round(savedShare() * 1000) / 1000.0);
            return map;
        }
    }

    public Snapshot snapshot() {
        long oneByOne = oneByOnePromptTokens.sum();
        return new Snapshot(requests.sum(), itemsSent.sum(), answered.sum(), failed.sum(), fromCache.sum(), resent.sum(),
                retries.sum(), rejectedAnswers.sum(), promptTokens.sum(), completionTokens.sum(), cachedTokens.sum(),
                Math.max(0, oneByOne - batchedPromptTokens.sum()), oneByOne);
    }
}
