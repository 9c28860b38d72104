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
        OpenApiCheck.warm("CreateChatCompletionRequest", "CreateChatCompletionResponse");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::chat);
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
            String user = request.path("messages").path(1).path("content").asText();
            JsonNode items = JSON.readTree(user).path("items");
            if (!items.isArray() || items.isEmpty()) {
                violations.add("request " + number + ": no items in the user message");
                respond(exchange, 400, error("no items"));
                return;
            }
            Fault fault = schedule.apply(number);
            switch (fault) {
                case RATE_LIMITED -> {
                    exchange.getResponseHeaders().add("Retry-After", "0.05");
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
