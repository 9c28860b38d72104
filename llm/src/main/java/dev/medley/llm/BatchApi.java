package dev.medley.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * A provider's Batch API ({@code /v1/files} and {@code /v1/batches}): requests go up as one JSONL
 * file, and come back within a day, at half the price, as an output file and an error file whose
 * lines are matched to their requests by {@code custom_id} (their order is not kept).
 */
public final class BatchApi {
    /** The statuses after which a batch changes no more. */
    static final java.util.Set<String> FINAL = java.util.Set.of("completed", "failed", "expired", "cancelled");

    private final LlmSettings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public BatchApi(LlmSettings settings) {
        this.settings = settings;
    }

    /** Uploads {@code jsonl} for a batch; returns the file's id. */
    String upload(byte[] jsonl) throws LlmException, InterruptedException {
        String boundary = "medley-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n");
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"medley-batch.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n");
        body.writeBytes(jsonl);
        write(body, "\r\n--" + boundary + "--\r\n");
        JsonNode file = send(request("files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        return text(file, "id");
    }

    /** Starts a batch of the Chat Completions requests in file {@code inputFileId}; returns the batch. */
    JsonNode create(String inputFileId) throws LlmException, InterruptedException {
        ObjectNode body = ChatClient.JSON.createObjectNode();
        body.put("input_file_id", inputFileId);
        body.put("endpoint", "/v1/chat/completions");
        body.put("completion_window", "24h");
        body.putObject("metadata").put("made_by", "medley");
        return send(request("batches").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Returns the batch {@code id} as it is now. */
    JsonNode retrieve(String id) throws LlmException, InterruptedException {
        return send(request("batches/" + id).GET());
    }

    /** Returns the content of file {@code id} (an output or error file). */
    String content(String id) throws LlmException, InterruptedException {
        HttpResponse<String> response = exchange(request("files/" + id + "/content").GET());
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.base().resolve(path)).timeout(settings.timeout());
        if (settings.apiKey() != null) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        return request;
    }

    private JsonNode send(HttpRequest.Builder request) throws LlmException, InterruptedException {
        HttpResponse<String> response = exchange(request);
        try {
            return ChatClient.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new LlmException(LlmException.Kind.CONNECTION, response.statusCode(),
                    "the batch API at " + settings.endpoint() + " answered with something that is not JSON", null, null);
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) throws LlmException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException ? "connection refused"
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new LlmException(LlmException.Kind.CONNECTION, 0, "cannot reach the batch API at " + settings.endpoint()
                    + ": " + why, null, null);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new LlmException(status == 429 ? LlmException.Kind.RATE_LIMITED : LlmException.Kind.SERVER, status,
                    "the batch API at " + settings.endpoint() + " answered " + status,
                    ChatClient.retryAfter(response.headers()), null);
        }
        if (status / 100 != 2) {
            throw new LlmException(LlmException.Kind.REJECTED, status, "the batch API at " + settings.endpoint()
                    + " refused (" + status + ")" + (status == 401 || status == 403
                            ? "; set " + LlmSettings.KEY_VARIABLE + " to a valid key" : ""), null, null);
        }
        return response;
    }

    private static String text(JsonNode node, String field) throws LlmException {
        String value = node.path(field).asText(null);
        if (value == null || value.isEmpty()) {
            throw new LlmException(LlmException.Kind.SERVER, 200, "the batch API's answer has no " + field, null, null);
        }
        return value;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
