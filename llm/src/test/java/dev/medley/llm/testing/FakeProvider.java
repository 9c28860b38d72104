package dev.medley.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * An OpenAI-compatible Chat Completions server on loopback that answers from a deterministic oracle
 * and does wrong on a schedule ({@link Fault}). Every request is checked against the OpenAPI
 * description (when the shared files are there) and its problems kept in {@link #violations()};
 * {@code usage} is counted with {@code o200k_base}; a prompt prefix of 1,024 tokens or more seen
 * before is reported as cached, as OpenAI does.
 */
public final class FakeProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Encoding TOKENS = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private final HttpServer server;
    private final Function<ObjectNode, ObjectNode> oracle;
    private final IntFunction<Fault> schedule;
    private final String requiredKey;
    private final Duration stall;
    private final AtomicInteger requests = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> itemsPerRequest = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> inputsSeen = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
    private volatile String lastPrefix;
    private final java.util.Map<String, String> storedFiles = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, ObjectNode> storedBatches = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Integer> batchPolls = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger batchLines = new AtomicInteger();
    private final AtomicInteger faulted = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int pollsToFinish = 2;
    private volatile boolean rejectSchemas;
    private volatile boolean rejectTemperature;
    private volatile String retryAfter = "0.05";
    private volatile IntFunction<Fault> lineSchedule = n -> Fault.NONE;

    /**
     * Starts a provider.
     *
     * @param oracle the answer's fields for one item (the item as sent, with its id)
     * @param schedule the fault for the n-th request (from 0)
     * @param requiredKey the bearer token every request must carry, or null
     * @param stall how long a stalled request waits before it answers
     */
    public FakeProvider(Function<ObjectNode, ObjectNode> oracle, IntFunction<Fault> schedule, String requiredKey,
            Duration stall) throws IOException {
        this(oracle, schedule, requiredKey, stall, 0);
    }

    /** Starts a provider on {@code port} (0: any free one), as a restarted server comes back on its own. */
    public FakeProvider(Function<ObjectNode, ObjectNode> oracle, IntFunction<Fault> schedule, String requiredKey,
            Duration stall, int port) throws IOException {
        this.oracle = oracle;
        this.schedule = schedule;
        this.requiredKey = requiredKey;
        this.stall = stall;
        OpenApiCheck.warm("CreateChatCompletionRequest", "CreateChatCompletionResponse", "CreateBatchRequest", "Batch");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/files", this::files);
        server.createContext("/v1/batches", this::batches);
        server.start();
    }

    /** Returns the base URL as OpenAI clients take it, ending in {@code /v1}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    public int requests() {
        return requests.get();
    }

    /** Returns the item count of every request that reached the model, in arrival order. */
    public List<Integer> itemsPerRequest() {
        return List.copyOf(itemsPerRequest);
    }

    /** Returns the {@code input} of every item the model was sent, once per sending. */
    public List<String> inputsSeen() {
        return List.copyOf(inputsSeen);
    }

    /** Returns every Authorization header received. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** Sets how many times a batch is looked at before it is done, and what goes wrong with its n-th line (from 0). */
    public void batches(int polls, IntFunction<Fault> lines) {
        this.pollsToFinish = polls;
        this.lineSchedule = lines;
    }

    /** Makes the server refuse {@code response_format: json_schema}, as servers without schemas do. */
    public void rejectSchemas(boolean reject) {
        this.rejectSchemas = reject;
    }

    /** Makes the server refuse any temperature but its default, as OpenAI's reasoning models do. */
    public void rejectTemperature(boolean reject) {
        this.rejectTemperature = reject;
    }

    /** Sets the Retry-After header a rate-limited answer carries. */
    public void retryAfter(String value) {
        this.retryAfter = value;
    }

    /** Returns how many requests had a fault done to them. */
    public int faulted() {
        return faulted.get();
    }

    /** Returns the ids of the batches created, in order. */
    public List<String> batchIds() {
        return storedBatches.keySet().stream().sorted().toList();
    }

    /** Returns the batch lines processed, all batches together. */
    public int batchLines() {
        return batchLines.get();
    }

    /** Returns what requests got wrong against the OpenAPI description or the protocol. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    private void chat(HttpExchange exchange) throws IOException {
        int number = requests.getAndIncrement();
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, error("method not allowed"));
                return;
            }
            if (requiredKey != null && !("Bearer " + requiredKey).equals(auth)) {
                respond(exchange, 401, error("Incorrect API key provided"));
                return;
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            List<String> problems = OpenApiCheck.problems("CreateChatCompletionRequest", request);
            if (!problems.isEmpty()) {
                violations.add("request " + number + ": " + problems);
                respond(exchange, 400, error("invalid request: " + problems));
                return;
            }
            String system = request.path("messages").path(0).path("content").asText();
            JsonNode format = request.path("response_format");
            if (rejectTemperature && request.has("temperature")) {
                respond(exchange, 400, error("Unsupported value: 'temperature' does not support 0 with this model."
                        + " Only the default (1) value is supported."));
                return;
            }
            if (rejectSchemas && "json_schema".equals(format.path("type").asText())) {
                respond(exchange, 400, error("Invalid parameter: 'response_format' of type 'json_schema' is not supported"));
                return;
            }
            String user = request.path("messages").path(1).path("content").asText();
            JsonNode items = JSON.readTree(user).path("items");
            if (!items.isArray() || items.isEmpty()) {
                violations.add("request " + number + ": no items in the user message");
                respond(exchange, 400, error("no items"));
                return;
            }
            Fault fault = schedule.apply(number);
            if (fault != Fault.NONE) {
                faulted.incrementAndGet();
            }
            switch (fault) {
                case RATE_LIMITED -> {
                    exchange.getResponseHeaders().add("Retry-After", retryAfter);
                    respond(exchange, 429, error("Rate limit reached for requests"));
                    return;
                }
                case SERVER_ERROR -> {
                    respond(exchange, 500, error("The server had an error while processing your request."));
                    return;
                }
                case UNAVAILABLE -> {
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    respond(exchange, 503, error("The engine is currently overloaded."));
                    return;
                }
                case STALL -> {
                    sleep(stall);
                    respond(exchange, 503, error("stalled"));
                    return;
                }
                case DROP -> {
                    return; // Closed without a response.
                }
                default -> { }
            }
            itemsPerRequest.add(items.size());
            String[] answer = answer(items, fault);
            String content = answer[0];
            String finish = answer[1];
            ObjectNode response = completion(request, system, format, user, content, finish);
            List<String> responseProblems = OpenApiCheck.problems("CreateChatCompletionResponse", response);
            if (!responseProblems.isEmpty()) {
                violations.add("response " + number + ": " + responseProblems);
            }
            byte[] body = JSON.writeValueAsBytes(response);
            if (fault == Fault.CUT_BODY) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                return; // Closed short of its Content-Length.
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (RuntimeException e) {
            violations.add("request " + number + ": " + e);
            respond(exchange, 500, error("fake provider failed: " + e));
        }
    }

    /** The message for {@code items} with {@code fault} done to it, and its finish reason. */
    private String[] answer(JsonNode items, Fault fault) {
            List<ObjectNode> results = new ArrayList<>();
        for (JsonNode item : items) {
            inputsSeen.add(item.path("input").asText());
            ObjectNode result = JSON.createObjectNode();
            result.put("id", item.path("id").asText());
            result.setAll(oracle.apply((ObjectNode) item));
            results.add(result);
        }
        String finish = "stop";
        String content;
        switch (fault) {
            case MISSING_ID -> results.remove(results.size() / 2);
            case REORDERED -> Collections.reverse(results);
            case DUPLICATED -> {
                ObjectNode copy = results.getFirst().deepCopy();
                copy.put("title", "a second, different answer");
                results.add(copy);
            }
            case UNKNOWN_ID -> results.getLast().put("id", "999");
            case WRONG_TYPE -> results.getFirst().put("year", "nineteen seventy-nine");
            default -> { }
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode array = answer.putArray("results");
        results.forEach(array::add);
        content = answer.toString();
        if (fault == Fault.LENGTH) {
            content = content.substring(0, content.length() * 3 / 5);
            finish = "length";
        } else if (fault == Fault.PROSE_AND_FENCE) {
            content = "Here are the results you asked for:\n```json\n" + content + "\n```\nLet me know if you need more.";
        }
        return new String[] {content, finish};
    }

    private void files(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v1/files")) {
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                byte[] body = exchange.getRequestBody().readAllBytes();
                String file = multipartFile(type, new String(body, java.nio.charset.StandardCharsets.UTF_8));
                if (file == null) {
                    violations.add("files: no file part in " + type);
                    respond(exchange, 400, error("no file"));
                    return;
                }
                String id = "file-" + ids.incrementAndGet();
                storedFiles.put(id, file);
                ObjectNode created = JSON.createObjectNode().put("id", id).put("object", "file")
                        .put("bytes", file.length()).put("created_at", System.currentTimeMillis() / 1000)
                        .put("filename", "medley-batch.jsonl").put("purpose", "batch").put("status", "processed");
                respond(exchange, 200, created);
                return;
            }
            if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/content")) {
                String id = path.substring("/v1/files/".length(), path.length() - "/content".length());
                String file = storedFiles.get(id);
                if (file == null) {
                    respond(exchange, 404, error("No such File object: " + id));
                    return;
                }
                byte[] bytes = file.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            respond(exchange, 404, error("unknown files route " + path));
        }
    }

    /** Returns the part named "file" of a multipart/form-data body, or null. */
    private static String multipartFile(String contentType, String body) {
        if (contentType == null || !contentType.startsWith("multipart/form-data") || !contentType.contains("boundary=")) {
            return null;
        }
        String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            if (split > 0 && part.substring(0, split).contains("name=\"file\"")) {
                String content = part.substring(split + 4);
                return content.endsWith("\r\n") ? content.substring(0, content.length() - 2) : content;
            }
        }
        return null;
    }

    private void batches(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v1/batches")) {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                List<String> problems = OpenApiCheck.problems("CreateBatchRequest", request);
                String input = storedFiles.get(request.path("input_file_id").asText());
                if (!problems.isEmpty() || input == null) {
                    violations.add("batches: " + problems + (input == null ? " no such input file" : ""));
                    respond(exchange, 400, error("invalid batch request"));
                    return;
                }
                for (String line : input.split("\n")) {
                    if (!line.isBlank()) {
                        JsonNode body = JSON.readTree(line).path("body");
                        List<String> lineProblems = OpenApiCheck.problems("CreateChatCompletionRequest", body);
                        if (!lineProblems.isEmpty()) {
                            violations.add("batch line: " + lineProblems);
                        }
                    }
                }
                String id = String.format("batch_%04d", ids.incrementAndGet());
                ObjectNode batch = JSON.createObjectNode().put("id", id).put("object", "batch")
                        .put("endpoint", request.path("endpoint").asText()).put("input_file_id", request.path("input_file_id").asText())
                        .put("completion_window", "24h").put("status", "validating")
                        .put("created_at", System.currentTimeMillis() / 1000);
                storedBatches.put(id, batch);
                batchPolls.put(id, 0);
                respond(exchange, 200, batch);
                return;
            }
            if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/v1/batches/")) {
                String id = path.substring("/v1/batches/".length());
                ObjectNode batch = storedBatches.get(id);
                if (batch == null) {
                    respond(exchange, 404, error("No such Batch object: " + id));
                    return;
                }
                synchronized (batch) {
                    int polls = batchPolls.merge(id, 1, Integer::sum);
                    if (polls >= pollsToFinish && !"completed".equals(batch.path("status").asText())) {
                        run(batch);
                    } else if (polls < pollsToFinish) {
                        batch.put("status", "in_progress");
                    }
                }
                List<String> problems = OpenApiCheck.problems("Batch", batch);
                if (!problems.isEmpty()) {
                    violations.add("batch object: " + problems);
                }
                respond(exchange, 200, batch);
                return;
            }
            respond(exchange, 404, error("unknown batches route " + path));
        }
    }

    // Answers every line of the batch's input file; a faulted line goes to the error file or its message is spoilt.
    private void run(ObjectNode batch) throws IOException {
        String input = storedFiles.get(batch.path("input_file_id").asText());
        List<String> output = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int completed = 0;
        int failed = 0;
        for (String text : input.split("\n")) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode line = JSON.readTree(text);
            Fault fault = lineSchedule.apply(batchLines.getAndIncrement());
            String customId = line.path("custom_id").asText();
            JsonNode body = line.path("body");
            if (fault == Fault.SERVER_ERROR || fault == Fault.RATE_LIMITED || fault == Fault.UNAVAILABLE) {
                ObjectNode error = JSON.createObjectNode().put("id", "batch_req_" + ids.incrementAndGet()).put("custom_id", customId);
                ObjectNode response = error.putObject("response").put("status_code", fault == Fault.RATE_LIMITED ? 429 : 500)
                        .put("request_id", "req_" + ids.get());
                response.set("body", error("The server had an error processing this request."));
                error.putNull("error");
                errors.add(error.toString());
                failed++;
                continue;
            }
            if (fault == Fault.DROP || fault == Fault.STALL || fault == Fault.CUT_BODY) {
                failed++;
                continue; // In neither file: lost.
            }
            JsonNode items = JSON.readTree(body.path("messages").path(1).path("content").asText()).path("items");
            itemsPerRequest.add(items.size());
            String[] answer = answer(items, fault);
            ObjectNode out = JSON.createObjectNode().put("id", "batch_req_" + ids.incrementAndGet()).put("custom_id", customId);
            ObjectNode response = out.putObject("response").put("status_code", 200).put("request_id", "req_" + ids.get());
            response.set("body", completion(body, body.path("messages").path(0).path("content").asText(),
                    body.path("response_format"), body.path("messages").path(1).path("content").asText(), answer[0], answer[1]));
            out.putNull("error");
            output.add(out.toString());
            completed++;
        }
        Collections.reverse(output); // The output's order is not the input's.
        String outputId = "file-" + ids.incrementAndGet();
        storedFiles.put(outputId, String.join("\n", output) + "\n");
        batch.put("output_file_id", outputId);
        if (!errors.isEmpty()) {
            String errorId = "file-" + ids.incrementAndGet();
            storedFiles.put(errorId, String.join("\n", errors) + "\n");
            batch.put("error_file_id", errorId);
        }
        batch.put("status", "completed");
        batch.put("completed_at", System.currentTimeMillis() / 1000);
        batch.putObject("request_counts").put("total", completed + failed).put("completed", completed).put("failed", failed);
    }

    private ObjectNode completion(JsonNode request, String system, JsonNode format, String user, String content,
            String finish) {
        String prefix = system + format.toString();
        int prompt = TOKENS.countTokensOrdinary(prefix) + TOKENS.countTokensOrdinary(user) + 12;
        int prefixTokens = TOKENS.countTokensOrdinary(prefix);
        int cached = prefix.equals(lastPrefix) && prefixTokens >= 1024 ? prefixTokens / 128 * 128 : 0;
        lastPrefix = prefix;
        ObjectNode response = JSON.createObjectNode();
        response.put("id", "chatcmpl-" + requests.get());
        response.put("object", "chat.completion");
        response.put("created", System.currentTimeMillis() / 1000);
        response.put("model", request.path("model").asText());
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        choice.put("finish_reason", finish);
        choice.putNull("logprobs");
        ObjectNode usage = response.putObject("usage");
        int completion = TOKENS.countTokensOrdinary(content);
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        return response;
    }

    private static ObjectNode error(String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", "invalid_request_error");
        error.putNull("param");
        error.putNull("code");
        return body;
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
