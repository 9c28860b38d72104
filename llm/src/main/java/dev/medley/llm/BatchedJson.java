package dev.medley.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.core.RateLimiter;
import dev.medley.core.Sleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks the model about many items per request and gives every item exactly one outcome: its own
 * answer, or an error.
 *
 * <p>Each request carries the task's instruction and schema first, byte for byte the same every time
 * (providers cache such a prefix), then the items as {@code {"items":[{"id":"1",...},...]}}. Ids are
 * local to the request. An answer is taken only for an id that was sent, given once, of the right
 * shape; anything else (left out, twice, an id not sent, the wrong shape, cut off) is sent again in
 * a batch half the size, down to one item alone, until {@link LlmSettings#maxAttempts()}. Nothing is
 * ever filled from a neighbour. Requests run in parallel, under the shared {@link RateLimiter} (a
 * request's tokens are its prompt plus {@code max_completion_tokens}, as providers reserve them),
 * retried after 429, 5xx, timeouts and dropped connections, with {@code Retry-After} honoured and
 * exponential backoff with jitter otherwise. After {@link LlmSettings#breakerThreshold()} failed
 * requests in a row, the items left fail at once with the reason.
 */
public final class BatchedJson {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(60);
    /** Tokens a chat message costs beyond its text, by OpenAI's published count. */
    private static final int MESSAGE_OVERHEAD = 4;

    /** What is asked: the same for every request. */
    public interface Task {
        /** The schema's name in {@code response_format}. */
        String name();

        /** The instruction, sent as the system message of every request. */
        String instruction();

        /** The answer's JSON Schema: an object with a {@code results} array of objects each with an {@code id}. */
        ObjectNode schema();

        /** Changes whenever the instruction or schema changes: cached answers of another version are not used. */
        String version();

        /** Returns why {@code result} (without its id) cannot be used, or null when it can. */
        String check(ObjectNode result);
    }

    /**
     * One item's outcome.
     *
     * @param answer the model's answer for it, its id removed; null when it failed
     * @param error why it has no answer, or null
     * @param fromCache whether the answer came from the cache
     */
    public record Outcome(ObjectNode answer, String error, boolean fromCache) {
        public boolean ok() {
            return answer != null;
        }
    }

    private final ChatClient client;
    private final Task task;
    private final LlmSettings settings;
    private final RateLimiter limiter;
    private final AnswerCache cache;
    private final LlmStats stats;
    private final Sleeper sleeper;
    private final TokenCounter tokens;
    private final AtomicReference<ChatClient.Format> format = new AtomicReference<>(ChatClient.Format.JSON_SCHEMA);
    private final String schemaText;
    private final String jsonObjectInstruction;
    private int failuresInARow;
    private String breakerReason;

    public BatchedJson(ChatClient client, Task task, RateLimiter limiter, AnswerCache cache, LlmStats stats, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.task = Objects.requireNonNull(task, "task");
        this.settings = client.settings();
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.tokens = TokenCounter.forModel(settings.model());
        this.schemaText = task.schema().toString();
        // Servers without schemas are told the schema in the instruction: still the same text in every request.
        this.jsonObjectInstruction = task.instruction() + "\n\nAnswer with one JSON object that follows this JSON Schema:\n"
                + schemaText;
    }

    /** Returns the key an item's answer is cached under. */
    public String cacheKey(ObjectNode input) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(settings.endpoint().toString(), settings.model(), task.name(), task.version(),
                    input.toString())) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One item on its way: where its outcome goes, what it costs, and how it has fared. */
    private static final class Work {
        final int index;
        final ObjectNode input;
        final String key;
        final int tokens;
        int attempts;
        int largestBatch;
        String lastError;

        Work(int index, ObjectNode input, String key, int tokens, int largestBatch) {
            this.index = index;
            this.input = input;
            this.key = key;
            this.tokens = tokens;
            this.largestBatch = largestBatch;
        }
    }

    /** What one request did for its items. */
    /**
     * What one request did for its items.
     *
     * @param failure why the request failed as a whole (after its retries), or null
     * @param smallerMayHelp whether the server refused the request itself (400, 413, 422: too long, say), so
     *     that its items may pass in smaller ones; a request that could not get through is not tried in pieces
     */
    private record Sent(List<Work> batch, Map<Integer, ObjectNode> answers, Map<Integer, String> refused,
            boolean truncated, String failure, boolean smallerMayHelp) {}

    /**
     * Answers {@code inputs}, in their order: one outcome per input, at the same position.
     *
     * @throws InterruptedException when interrupted; requests in flight are abandoned
     */
    public List<Outcome> answer(List<ObjectNode> inputs) throws InterruptedException {
        Outcome[] outcomes = new Outcome[inputs.size()];
        ArrayDeque<Work> pending = new ArrayDeque<>();
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode input = inputs.get(i);
            String key = cacheKey(input);
            ObjectNode kept = cached(key);
            if (kept != null) {
                outcomes[i] = new Outcome(kept, null, true);
                stats.fromCache.increment();
            } else {
                pending.add(new Work(i, input, key, tokens.count(input.toString()) + 8, settings.batchSize()));
            }
        }
        if (pending.isEmpty()) {
            return Arrays.asList(outcomes);
        }
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("llm-", 0).factory());
        try {
            CompletionService<Sent> done = new ExecutorCompletionService<>(executor);
            int inFlight = 0;
            while (!pending.isEmpty() || inFlight > 0) {
                while (inFlight < settings.workers() && !pending.isEmpty()) {
                    if (breakerReason != null) {
                        for (Work work : pending) {
                            fail(outcomes, work, breakerReason);
                        }
                        pending.clear();
                        break;
                    }
                    List<Work> batch = nextBatch(pending);
                    done.submit(() -> send(batch));
                    inFlight++;
                }
                if (inFlight == 0) {
                    break;
                }
                Sent sent;
                try {
                    sent = done.take().get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("asking the model failed: " + e.getCause(), e.getCause());
                }
                inFlight--;
                settle(sent, outcomes, pending);
            }
        } finally {
            executor.shutdownNow();
        }
        return Arrays.asList(outcomes);
    }

    /** Where batches handed to a provider's batch API are kept until collected (the catalog). */
    public interface OpenBatches {
        /** Keeps batch {@code id} and what its requests asked. */
        void save(String id, String requests);

        /** Returns the batches kept and not yet collected: each its id and its requests, oldest first. */
        List<Map.Entry<String, String>> open();

        /** Marks batch {@code id} collected. */
        void close(String id);
    }

    /**
     * Answers {@code inputs} through the provider's Batch API: batches kept open by an earlier run
     * (killed, say) are collected first; what is still unanswered goes up as one JSONL file of
     * requests of up to {@link LlmSettings#batchSize()} items, each with a {@code custom_id}; the
     * batch is kept in {@code store} before it is waited for, polled every {@code poll}, and its output
     * and error files matched back by {@code custom_id} and item id. What comes back without an
     * answer goes again in a new batch of smaller requests, until {@link LlmSettings#maxAttempts()}.
     */
    public List<Outcome> answerByBatchApi(List<ObjectNode> inputs, BatchApi api, OpenBatches store, Duration poll)
            throws InterruptedException {
        return answerByBatchApi(inputs, api, store, poll, true);
    }

    /** As {@link #answerByBatchApi(List, BatchApi, OpenBatches, Duration)}; without {@code submit}, only collects. */
    public List<Outcome> answerByBatchApi(List<ObjectNode> inputs, BatchApi api, OpenBatches store, Duration poll,
            boolean submit) throws InterruptedException {
        Map<String, String> errors = new HashMap<>();
        java.util.Set<String> answeredNow = new java.util.HashSet<>();
        for (Map.Entry<String, String> open : store.open()) {
            collect(api, open.getKey(), open.getValue(), poll, errors, answeredNow);
            store.close(open.getKey());
        }
        List<String> keys = inputs.stream().map(this::cacheKey).toList();
        for (int round = 1; submit && round <= settings.maxAttempts(); round++) {
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                if (!answeredNow.contains(keys.get(i)) && cached(keys.get(i)) == null) {
                    pending.add(i);
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            int size = Math.max(1, settings.batchSize() >> (round - 1));
            StringBuilder jsonl = new StringBuilder();
            ObjectNode requests = ChatClient.JSON.createObjectNode();
            String run = Long.toString(System.currentTimeMillis(), 36);
            for (int from = 0; from < pending.size(); from += size) {
                List<Integer> group = pending.subList(from, Math.min(pending.size(), from + size));
                String customId = "medley-" + run + "-" + round + "-" + (from / size);
                var groupKeys = requests.putArray(customId);
                List<ObjectNode> items = new ArrayList<>();
                for (int i : group) {
                    groupKeys.add(keys.get(i));
                    items.add(inputs.get(i));
                }
                ObjectNode line = ChatClient.JSON.createObjectNode();
                line.put("custom_id", customId);
                line.put("method", "POST");
                line.put("url", "/v1/chat/completions");
                try {
                    line.set("body", ChatClient.JSON.readTree(client.requestBody(task.instruction(), userMessage(items),
                            ChatClient.Format.JSON_SCHEMA, task.name(), task.schema(),
                            items.size() * settings.completionTokensPerItem() + 32)));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                jsonl.append(line).append('\n');
            }
            String batchId;
            try {
                batchId = api.create(api.upload(jsonl.toString().getBytes(StandardCharsets.UTF_8))).path("id").asText();
            } catch (LlmException e) {
                for (int i : pending) {
                    errors.put(keys.get(i), e.getMessage());
                }
                if (!e.retryable()) {
                    break;
                }
                sleeper.sleep(backoff(round, e.retryAfter()));
                continue;
            }
            store.save(batchId, requests.toString());
            collect(api, batchId, requests.toString(), poll, errors, answeredNow);
            store.close(batchId);
        }
        List<Outcome> outcomes = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode answer = cached(keys.get(i));
            boolean now = answeredNow.contains(keys.get(i));
            if (answer != null) {
                outcomes.add(new Outcome(answer, null, !now));
                (now ? stats.answered : stats.fromCache).increment();
            } else {
                outcomes.add(new Outcome(null, errors.getOrDefault(keys.get(i), "the batch gave no answer for it"), false));
                stats.failed.increment();
            }
        }
        return outcomes;
    }

    // Waits for batch id to end, then keeps every answer of its output file under its item's key.
    private void collect(BatchApi api, String id, String requestsJson, Duration poll, Map<String, String> errors,
            java.util.Set<String> answeredNow) throws InterruptedException {
        JsonNode requests;
        try {
            requests = ChatClient.JSON.readTree(requestsJson);
        } catch (IOException e) {
            return; // Not of this version's making: nothing can be matched.
        }
        JsonNode batch;
        int failures = 0;
        while (true) {
            try {
                batch = api.retrieve(id);
                failures = 0;
                if (BatchApi.FINAL.contains(batch.path("status").asText())) {
                    break;
                }
            } catch (LlmException e) {
                if (!e.retryable() || ++failures >= settings.maxAttempts()) {
                    requests.properties().forEach(r -> r.getValue().forEach(k -> errors.put(k.asText(), e.getMessage())));
                    return;
                }
            }
            sleeper.sleep(poll);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String file : List.of("output_file_id", "error_file_id")) {
            String fileId = batch.path(file).asText("");
            if (fileId.isEmpty()) {
                continue;
            }
            String content;
            try {
                content = api.content(fileId);
            } catch (LlmException e) {
                continue; // Its items are answered by nothing; they go again.
            }
            for (String text : content.split("\n")) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line;
                try {
                    line = ChatClient.JSON.readTree(text);
                } catch (IOException e) {
                    continue;
                }
                String customId = line.path("custom_id").asText("");
                JsonNode keys = requests.get(customId);
                if (keys == null || !seen.add(customId)) {
                    stats.rejectedAnswers.increment(); // A custom_id not sent, or a second line for one.
                    continue;
                }
                stats.requests.increment();
                stats.itemsSent.add(keys.size());
                JsonNode response = line.path("response");
                JsonNode body = response.path("body");
                String message = body.path("choices").path(0).path("message").path("content").asText(null);
                if (response.path("status_code").asInt() != 200 || message == null) {
                    String why = line.path("error").path("message").asText(
                            body.path("error").path("message").asText("the request failed in the batch"));
                    keys.forEach(k -> errors.put(k.asText(), why));
                    continue;
                }
                JsonNode usage = body.path("usage");
                stats.promptTokens.add(usage.path("prompt_tokens").asLong());
                stats.completionTokens.add(usage.path("completion_tokens").asLong());
                stats.cachedTokens.add(usage.path("prompt_tokens_details").path("cached_tokens").asLong());
                Matched matched = match(keys.size(), message);
                for (int position = 0; position < keys.size(); position++) {
                    String key = keys.get(position).asText();
                    ObjectNode answer = matched.answers().get(position);
                    if (answer != null) {
                        cache.put(key, answer.toString());
                        answeredNow.add(key);
                    } else {
                        errors.put(key, matched.refused().getOrDefault(position, "the answer left it out"));
                    }
                }
            }
        }
        String status = batch.path("status").asText();
        requests.properties().forEach(r -> {
            if (!seen.contains(r.getKey())) {
                r.getValue().forEach(k -> errors.putIfAbsent(k.asText(), "not in the batch's results (status " + status + ")"));
            }
        });
    }

    /** The user message for {@code inputs}: {"items":[{"id":"1",...},...]}. */
    private static String userMessage(List<ObjectNode> inputs) {
        ObjectNode message = ChatClient.JSON.createObjectNode();
        ArrayNode items = message.putArray("items");
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode item = items.addObject();
            item.put("id", Integer.toString(i + 1));
            item.setAll(inputs.get(i));
        }
        return message.toString();
    }

    private ObjectNode cached(String key) {
        String text = cache.get(key).orElse(null);
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = ChatClient.JSON.readTree(text);
            return node instanceof ObjectNode object && task.check(object) == null ? object : null;
        } catch (IOException e) {
            return null; // Unreadable: asked again.
        }
    }

    // The head's own limit bounds the batch; items follow while they fit its size and the token budget.
    private List<Work> nextBatch(ArrayDeque<Work> pending) {
        Work first = pending.poll();
        List<Work> batch = new ArrayList<>();
        batch.add(first);
        int limit = Math.min(settings.batchSize(), first.largestBatch);
        int budget = settings.maxPromptTokens() - fixedTokens();
        int used = first.tokens;
        while (batch.size() < limit && !pending.isEmpty()) {
            Work next = pending.peek();
            if (next.largestBatch <= batch.size() || used + next.tokens > budget) {
                break;
            }
            batch.add(pending.poll());
            used += next.tokens;
        }
        return batch;
    }

    private int fixedTokens() {
        return format.get() == ChatClient.Format.JSON_SCHEMA
                ? tokens.count(task.instruction()) + tokens.count(schemaText) + 3 * MESSAGE_OVERHEAD
                : tokens.count(jsonObjectInstruction) + 3 * MESSAGE_OVERHEAD;
    }

    private Sent send(List<Work> batch) throws InterruptedException {
        ObjectNode message = ChatClient.JSON.createObjectNode();
        ArrayNode items = message.putArray("items");
        int itemTokens = 0;
        for (int i = 0; i < batch.size(); i++) {
            String id = Integer.toString(i + 1);
            ObjectNode item = items.addObject();
            item.put("id", id);
            item.setAll(batch.get(i).input);
            itemTokens += batch.get(i).tokens;
        }
        String user = message.toString();
        int maxCompletion = batch.size() * settings.completionTokensPerItem() + 32;
        Completion completion = null;
        String failure = null;
        boolean smallerMayHelp = false;
        for (int attempt = 1; completion == null; attempt++) {
            ChatClient.Format asked = format.get();
            String instruction = asked == ChatClient.Format.JSON_SCHEMA ? task.instruction() : jsonObjectInstruction;
            int prompt = tokens.count(instruction) + tokens.count(user)
                    + (asked == ChatClient.Format.JSON_SCHEMA ? tokens.count(schemaText) : 0) + 3 * MESSAGE_OVERHEAD;
            limiter.acquire(prompt + maxCompletion);
            stats.requests.increment();
            stats.itemsSent.add(batch.size());
            try {
                completion = client.complete(instruction, user, asked, task.name(), task.schema(), maxCompletion);
                stats.batchedPromptTokens.add(prompt);
                // Each item alone would carry the instruction and schema, and its own message.
                stats.oneByOnePromptTokens.add((long) batch.size() * (prompt - itemTokens) + itemTokens);
            } catch (LlmException e) {
                if (e.kind() == LlmException.Kind.SCHEMA_UNSUPPORTED && asked == ChatClient.Format.JSON_SCHEMA) {
                    format.compareAndSet(ChatClient.Format.JSON_SCHEMA, ChatClient.Format.JSON_OBJECT);
                    attempt--; // Not the server's fault: asked again at once, the other way.
                    continue;
                }
                if (!e.retryable() || attempt >= settings.maxAttempts()) {
                    failure = e.getMessage();
                    smallerMayHelp = e.kind() == LlmException.Kind.REJECTED
                            && (e.status() == 400 || e.status() == 413 || e.status() == 422) && batch.size() > 1;
                    break;
                }
                stats.retries.increment();
                sleeper.sleep(backoff(attempt, e.retryAfter()));
            }
        }
        if (completion == null) {
            return new Sent(batch, Map.of(), Map.of(), false, failure, smallerMayHelp);
        }
        Usage usage = completion.usage();
        if (usage.reported()) {
            stats.promptTokens.add(usage.promptTokens());
            stats.completionTokens.add(usage.completionTokens());
            stats.cachedTokens.add(usage.cachedTokens());
        }
        Matched matched = match(batch.size(), completion.content());
        return new Sent(batch, matched.answers(), matched.refused(), completion.truncated() || !matched.complete(), null,
                false);
    }

    /** A message's results matched to the request's items by position (local id less one). */
    private record Matched(Map<Integer, ObjectNode> answers, Map<Integer, String> refused, boolean complete) {}

    // Ids are "1" to count; an answer counts only for an id sent, given once, of the right shape.
    private Matched match(int count, String content) {
        ResultReader.Read read = ResultReader.read(content);
        Map<Integer, ObjectNode> answers = new HashMap<>();
        Map<Integer, String> refused = new HashMap<>();
        Map<Integer, Integer> seen = new HashMap<>();
        for (ObjectNode result : read.results()) {
            JsonNode idNode = result.get("id");
            String id = idNode == null ? null : idNode.isTextual() ? idNode.asText()
                    : idNode.canConvertToExactIntegral() ? idNode.asText() : null;
            Integer position = position(id, count);
            if (position == null) {
                stats.rejectedAnswers.increment(); // An id that was not sent: no item's answer.
                continue;
            }
            if (seen.merge(position, 1, Integer::sum) > 1) {
                stats.rejectedAnswers.increment();
                answers.remove(position); // Two answers for one id: neither can be trusted.
                refused.put(position, "answered twice");
                continue;
            }
            ObjectNode answer = result.deepCopy();
            answer.remove("id");
            String problem = task.check(answer);
            if (problem != null) {
                stats.rejectedAnswers.increment();
                refused.put(position, "an answer of the wrong shape: " + problem);
            } else {
                answers.put(position, answer);
            }
        }
        return new Matched(answers, refused, read.complete());
    }

    private static Integer position(String id, int count) {
        if (id == null || id.isEmpty() || id.length() > 4 || !id.chars().allMatch(Character::isDigit) || id.startsWith("0")) {
            return null;
        }
        int number = Integer.parseInt(id);
        return number >= 1 && number <= count ? number - 1 : null;
    }

    private static Duration backoff(int attempt, Duration retryAfter) {
        long base = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 16);
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        Duration wait = Duration.ofMillis(Math.min(jittered, LONGEST_BACKOFF.toMillis()));
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }

    // On the calling thread: outcomes for what was answered, the rest back in line in smaller batches.
    private void settle(Sent sent, Outcome[] outcomes, ArrayDeque<Work> pending) {
        if (sent.failure() != null) {
            if (++failuresInARow >= settings.breakerThreshold() && breakerReason == null) {
                breakerReason = "not sent: " + failuresInARow + " requests in a row failed (last: " + sent.failure() + ")";
            }
        } else {
            failuresInARow = 0;
        }
        int smaller = Math.max(1, sent.batch().size() / 2);
        List<Work> again = new ArrayList<>();
        for (int position = 0; position < sent.batch().size(); position++) {
            Work work = sent.batch().get(position);
            ObjectNode answer = sent.answers().get(position);
            if (answer != null) {
                outcomes[work.index] = new Outcome(answer, null, false);
                cache.put(work.key, answer.toString());
                stats.answered.increment();
                continue;
            }
            work.attempts++;
            work.lastError = sent.failure() != null ? sent.failure()
                    : sent.refused().containsKey(position) ? sent.refused().get(position)
                    : sent.truncated() ? "the answer was cut off before it" : "the answer left it out";
            boolean hopeless = sent.failure() != null && !sent.smallerMayHelp(); // Retried already, as a whole.
            if (hopeless || work.attempts >= settings.maxAttempts() || breakerReason != null) {
                fail(outcomes, work, breakerReason != null ? breakerReason : hopeless ? work.lastError
                        : "no usable answer after " + work.attempts + " attempts: " + work.lastError);
            } else {
                work.largestBatch = Math.min(work.largestBatch, smaller);
                again.add(work);
                stats.resent.increment();
            }
        }
        for (int i = again.size() - 1; i >= 0; i--) {
            pending.addFirst(again.get(i)); // First in line: the run's oldest items finish first.
        }
    }

    private void fail(Outcome[] outcomes, Work work, String error) {
        outcomes[work.index] = new Outcome(null, error, false);
        stats.failed.increment();
    }
}
