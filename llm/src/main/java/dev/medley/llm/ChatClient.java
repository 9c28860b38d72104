package dev.medley.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Sends one Chat Completions request ({@code POST {endpoint}/chat/completions}) and reads its answer.
 * Thread-safe; one instance serves every worker.
 *
 * <p>A body that ends early still yields what arrived of the message (see {@link Completion#cutOff()}),
 * so the complete items in it are kept. The API key goes in the {@code Authorization} header only:
 * no message of this class contains it, even when a server echoes it.
 */
public final class ChatClient {
    /** How the answer's JSON is asked for. */
    public enum Format {
        /** {@code response_format: {type: json_schema, json_schema: {strict: true, schema}}}. */
        JSON_SCHEMA,
        /** {@code response_format: {type: json_object}}, for servers without schemas; the prompt carries the schema. */
        JSON_OBJECT
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    private final LlmSettings settings;
    private final URI completions;
    private final HttpClient http;
    // Left out once a server has refused them: reasoning models take no temperature but their default,
    // and some servers know only the older max_tokens.
    private volatile boolean temperature = true;
    private volatile boolean maxCompletionTokens = true;

    public ChatClient(LlmSettings settings) {
        this.settings = settings;
        this.completions = settings.base().resolve("chat/completions");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // What every local server (llama.cpp, Ollama) speaks.
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public LlmSettings settings() {
        return settings;
    }

    /**
     * Asks the model once.
     *
     * @param schema the answer's JSON Schema; sent under {@code response_format} with
     *     {@link Format#JSON_SCHEMA}, and only described by the prompt with {@link Format#JSON_OBJECT}
     * @throws LlmException the request failed as a whole (see {@link LlmException#kind()})
     */
    public Completion complete(String system, String user, Format format, String schemaName, JsonNode schema,
            int maxCompletionTokens) throws LlmException, InterruptedException {
        for (int tries = 0; ; tries++) {
            boolean withTemperature = temperature;
            boolean withMaxCompletionTokens = this.maxCompletionTokens;
            byte[] body = requestBody(system, user, format, schemaName, schema, maxCompletionTokens);
            HttpRequest.Builder request = HttpRequest.newBuilder(completions)
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (settings.apiKey() != null) {
                request.header("Authorization", "Bearer " + settings.apiKey());
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw new LlmException(LlmException.Kind.TIMEOUT, 0,
                        "no answer from " + settings.endpoint() + " within " + settings.timeout().toSeconds() + " s", null, null);
            } catch (IOException e) {
                String why = e instanceof java.net.ConnectException ? "connection refused"
                        : e.getMessage() != null ? scrub(e.getMessage()) : e.getClass().getSimpleName();
                throw new LlmException(LlmException.Kind.CONNECTION, 0, "cannot reach " + settings.endpoint() + ": " + why,
                        null, null);
            }
            Body read = readBody(response.body());
            int status = response.statusCode();
            if (status == 200) {
                return completion(read);
            }
            String said = errorMessage(read.text()).toLowerCase(Locale.ROOT);
            if ((status == 400 || status == 422) && tries < 2) {
                if (withTemperature && said.contains("temperature")) {
                    temperature = false;
                    continue;
                }
                if (withMaxCompletionTokens && said.contains("max_completion_tokens")) {
                    this.maxCompletionTokens = false;
                    continue;
                }
            }
            throw failure(status, read.text(), response.headers());
        }
    }

    byte[] requestBody(String system, String user, Format format, String schemaName, JsonNode schema,
            int maxCompletionTokens) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", settings.model());
        var messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        if (temperature) {
            root.put("temperature", 0);
        }
        root.put(this.maxCompletionTokens ? "max_completion_tokens" : "max_tokens", maxCompletionTokens);
        ObjectNode responseFormat = root.putObject("response_format");
        if (format == Format.JSON_SCHEMA) {
            responseFormat.put("type", "json_schema");
            ObjectNode jsonSchema = responseFormat.putObject("json_schema");
            jsonSchema.put("name", schemaName);
            jsonSchema.put("strict", true);
            jsonSchema.set("schema", schema);
        } else {
            responseFormat.put("type", "json_object");
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a request", e);
        }
    }

    /** What arrived of a body, and whether it ended early. */
    private record Body(String text, boolean cutOff) {}

    private static Body readBody(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean cutOff = false;
        try (in) {
            in.transferTo(bytes);
        } catch (IOException e) {
            cutOff = true; // Keep what arrived: complete items in it are still answers.
        }
        return new Body(bytes.toString(StandardCharsets.UTF_8), cutOff);
    }

    private Completion completion(Body body) throws LlmException {
        JsonNode root = null;
        if (!body.cutOff()) {
            try {
                root = JSON.readTree(body.text());
            } catch (IOException e) {
                root = null; // A 200 whose body is not JSON: treated as cut off below.
            }
        }
        if (root == null) {
            String partial = PartialContent.of(body.text());
            if (partial == null) {
                throw new LlmException(LlmException.Kind.CONNECTION, 200, "the answer from " + settings.endpoint()
                        + " was cut off before its message", null, null);
            }
            return new Completion(partial, null, new Usage(0, 0, 0, false), true);
        }
        JsonNode choice = root.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual()) {
            String refusal = choice.path("message").path("refusal").asText("");
            throw new LlmException(LlmException.Kind.SERVER, 200, refusal.isEmpty()
                    ? "the answer from " + settings.endpoint() + " has no message"
                    : "the model refused: " + clip(scrub(refusal)), null, null);
        }
        JsonNode usage = root.path("usage");
        Usage counted = usage.isObject()
                ? new Usage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                        usage.path("prompt_tokens_details").path("cached_tokens").asLong(), true)
                : new Usage(0, 0, 0, false);
        String finish = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null;
        return new Completion(content.asText(), finish, counted, false);
    }

    private LlmException failure(int status, String body, java.net.http.HttpHeaders headers) {
        String message = errorMessage(body);
        String said = message.isEmpty() ? "" : ": " + message;
        if (status == 429) {
            return new LlmException(LlmException.Kind.RATE_LIMITED, status,
                    settings.endpoint() + " is rate limiting (429)" + said, retryAfter(headers), null);
        }
        if (status >= 500 || status == 408 || status == 409) {
            return new LlmException(LlmException.Kind.SERVER, status,
                    settings.endpoint() + " answered " + status + said, retryAfter(headers), null);
        }
        if (status == 401 || status == 403) {
            return new LlmException(LlmException.Kind.REJECTED, status, settings.endpoint() + " refused the key ("
                    + status + ")" + said + "; set " + LlmSettings.KEY_VARIABLE + " to a valid key", null, null);
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if ((status == 400 || status == 422) && (lower.contains("response_format") || lower.contains("json_schema")
                || lower.contains("schema"))) {
            return new LlmException(LlmException.Kind.SCHEMA_UNSUPPORTED, status,
                    settings.endpoint() + " does not take JSON schemas" + said, null, null);
        }
        return new LlmException(LlmException.Kind.REJECTED, status,
                settings.endpoint() + " rejected the request (" + status + ")" + said, null, null);
    }

    private String errorMessage(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String text = error.isTextual() ? error.asText() : error.path("message").asText("");
            return clip(scrub(text));
        } catch (IOException e) {
            return clip(scrub(body.strip()));
        }
    }

    /** Reads {@code Retry-After} (seconds or an HTTP date) or {@code retry-after-ms}; null when absent. */
    static Duration retryAfter(java.net.http.HttpHeaders headers) {
        var millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get().strip())));
            } catch (NumberFormatException ignored) {
                // Fall through to Retry-After.
            }
        }
        var value = headers.firstValue("retry-after");
        if (value.isEmpty()) {
            return null;
        }
        String text = value.get().strip();
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(text) * 1000)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private String scrub(String text) {
        String key = settings.apiKey();
        return key == null || key.isEmpty() ? text : text.replace(key, "***");
    }

    private static String clip(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
