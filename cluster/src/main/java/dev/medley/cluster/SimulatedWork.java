package dev.medley.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A model that costs time and no CPU: each batch of n files takes {@code fixedMs + perFileMs * n}
 * milliseconds, asleep, one batch at a time per member, as one model per member would. It shows how
 * work spreads over members on a machine with fewer cores than members. Each file's result is kept
 * in the catalog under {@code simulate:PATH}, once however often it is written.
 *
 * <p>Spec: {@code {"fixedMs": 40, "perFileMs": 5}}.
 */
public final class SimulatedWork implements WorkKind {
    public static final String NAME = "simulate";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    /** Returns the spec of a model with these costs. */
    public static String spec(long fixedMs, long perFileMs) {
        return JSON.createObjectNode().put("fixedMs", fixedMs).put("perFileMs", perFileMs).toString();
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
        ExecutorService model = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("simulated-model").daemon().factory());
        return new Worker() {
            @Override
            public CompletableFuture<List<ItemOutcome>> process(List<Item> items) {
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        Thread.sleep(fixedMs + perFileMs * items.size()); // The model's cost, without using a core.
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                    List<ItemOutcome> outcomes = new ArrayList<>(items.size());
                    for (Item item : items) {
                        ObjectNode line = JSON.createObjectNode().put("path", item.key()).put("status", "ok")
                                .put("member", resources.memberName()).put("batch", items.size());
                        resources.catalog().saveAnswer(resultKey(item.key()), line.toString());
                        outcomes.add(ItemOutcome.done(line.toString()));
                    }
                    return outcomes;
                }, model);
            }

            @Override
            public void close() {
                model.shutdownNow();
            }
        };
    }
}
