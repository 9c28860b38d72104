package dev.medley.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.core.BatchAnswer;
import dev.medley.core.BatchRequest;
import dev.medley.core.MicroBatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A model that costs time and no CPU: each batch of n files takes {@code fixedMs + perFileMs * n}
 * milliseconds, asleep, one batch at a time per member, as one model per member would; files wait in
 * the model's queue while it is busy, and the next batch takes up to {@code batch} of them. It shows how
 * work spreads over members on a machine with fewer cores than members. Each file's result is kept
 * in the catalog under {@code simulate:PATH}, once however often it is written.
 *
 * <p>Spec: {@code {"fixedMs": 40, "perFileMs": 5, "batch": 8}}.
 */
public final class SimulatedWork implements WorkKind {
    public static final String NAME = "simulate";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    /** Returns the spec of a model with these costs, taking up to {@code batch} files at once. */
    public static String spec(long fixedMs, long perFileMs, int batch) {
        return JSON.createObjectNode().put("fixedMs", fixedMs).put("perFileMs", perFileMs).put("batch", batch).toString();
    }

    /** Returns the catalog key under which the result for file {@code key} is kept. */
    public static String resultKey(String key) {
        return "simulate:" + key;
    }

    @Override
    public Worker open(String spec, MemberResources resources) throws Exception {
        JsonNode options = JSON.readTree(spec);
        long fixedMs = options.path("fixedMs").asLong(40);
        long perFileMs = options.path("perFileMs").asLong(5);
        int batch = Math.max(1, options.path("batch").asInt(8));
        // The member's one model: one batch at a time, each formed from whatever files wait when the model
        // is free, so batches fill however the job's batches arrive.
        MicroBatcher<Worker.Item, ItemOutcome> model = MicroBatcher.<Worker.Item, ItemOutcome>builder()
                .maxBatchSize(batch)
                .maxBatchesInFlight(1)
                .build(requests -> {
                    Thread.sleep(fixedMs + perFileMs * requests.size()); // The model's cost, without using a core.
                    List<BatchAnswer<ItemOutcome>> answers = new ArrayList<>(requests.size());
                    for (BatchRequest<Worker.Item> request : requests) {
                        ObjectNode line = JSON.createObjectNode().put("path", request.item().key()).put("status", "ok")
                                .put("member", resources.memberName()).put("batch", requests.size());
                        answers.add(BatchAnswer.ok(request.id(), ItemOutcome.done(line.toString())));
                    }
                    return answers;
                });
        ExecutorService recorder = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("simulated-results-", 0)
                .daemon().factory());
        return new Worker() {
            @Override
            public CompletableFuture<List<ItemOutcome>> process(List<Item> items) {
                List<CompletableFuture<ItemOutcome>> each = items.stream().map(model::submit).toList();
                // Results are kept off the model's thread, so that the model goes on to its next batch.
                return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApplyAsync(done -> {
                    List<ItemOutcome> outcomes = each.stream().map(CompletableFuture::join).toList();
                    for (int i = 0; i < items.size(); i++) {
                        resources.catalog().saveAnswer(resultKey(items.get(i).key()), outcomes.get(i).line());
                    }
                    return outcomes;
                }, recorder);
            }

            @Override
            public void close() {
                model.close();
                recorder.shutdown();
            }
        };
    }
}
