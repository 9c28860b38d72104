package dev.medley.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results of queued transcriptions, by an id too long to guess, kept for a bounded time and up to a
 * bounded number: a result nobody fetches does not stay forever.
 */
final class QueuedResults {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private record Entry(CompletableFuture<ObjectNode> result, long addedNanos) {}

    private final Map<String, Entry> results = new ConcurrentHashMap<>();
    private final int capacity;
    private final long keepNanos;

    QueuedResults(int capacity, Duration keep) {
        this.capacity = capacity;
        this.keepNanos = keep.toNanos();
    }

    /** Keeps {@code result} and returns its new id. */
    String add(CompletableFuture<ObjectNode> result) {
        forgetOld();
        StringBuilder id = new StringBuilder("tr_");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        results.put(id.toString(), new Entry(result, System.nanoTime()));
        return id.toString();
    }

    /** Returns the result kept under {@code id}, or null. */
    CompletableFuture<ObjectNode> get(String id) {
        Entry entry = results.get(id);
        return entry == null ? null : entry.result();
    }

    // Past their time, or the oldest finished ones beyond the capacity.
    private void forgetOld() {
        long now = System.nanoTime();
        results.values().removeIf(entry -> entry.result().isDone() && now - entry.addedNanos() > keepNanos);
        for (Iterator<Map.Entry<String, Entry>> it = results.entrySet().iterator(); results.size() >= capacity && it.hasNext(); ) {
            if (it.next().getValue().result().isDone()) {
                it.remove();
            }
        }
    }
}
