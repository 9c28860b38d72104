package dev.medley.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * A Chat Completions server on loopback that answers media-name requests the way a hosted model
 * takes its time: a fixed delay before the first token, then a steady rate of output tokens. Its
 * answers repeat what the parser read; it is for measuring how requests are made (`medley bench
 * llm`), not what they say. Usage is counted with {@code o200k_base}.
 */
public final class SimulatedModel implements AutoCloseable {
    private final HttpServer server;
    private final Duration firstToken;
    private final double tokensPerSecond;
    private final TokenCounter tokens = TokenCounter.forModel("gpt-4o-mini");

    /**
     * Starts the server.
     *
     * @param firstToken the delay before the answer starts
     * @param tokensPerSecond how fast the answer's tokens come after that
     */
    public SimulatedModel(Duration firstToken, double tokensPerSecond) throws IOException {
        this.firstToken = firstToken;
        this.tokensPerSecond = tokensPerSecond;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    /** Returns the base URL as OpenAI clients take it. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = ChatClient.JSON.readTree(exchange.getRequestBody());
            String system = request.path("messages").path(0).path("content").asText();
            String user = request.path("messages").path(1).path("content").asText();
            ObjectNode content = ChatClient.JSON.createObjectNode();
            ArrayNode results = content.putArray("results");
            for (JsonNode item : ChatClient.JSON.readTree(user).path("items")) {
                ObjectNode result = results.addObject();
                result.put("id", item.path("id").asText());
                JsonNode parsed = item.path("parsed");
                result.put("kind", parsed.path("kind").asText("other"));
                for (String field : new String[] {"title", "episodeTitle", "artist", "album", "featuring", "version"}) {
                    result.set(field, parsed.has(field) ? parsed.get(field) : ChatClient.JSON.nullNode());
                }
                for (String field : new String[] {"year", "season", "episode", "track"}) {
                    result.set(field, parsed.has(field) ? parsed.get(field) : ChatClient.JSON.nullNode());
                }
                result.put("confidence", 0.9);
            }
            String text = content.toString();
            int completion = tokens.count(text);
            int prompt = tokens.count(system) + tokens.count(user) + tokens.count(request.path("response_format").toString()) + 12;
            Thread.sleep(firstToken.plusMillis((long) (completion * 1000 / tokensPerSecond)));
            ObjectNode response = ChatClient.JSON.createObjectNode();
            response.put("id", "chatcmpl-simulated");
            response.put("object", "chat.completion");
            response.put("created", System.currentTimeMillis() / 1000);
            response.put("model", request.path("model").asText());
            ObjectNode choice = response.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
            choice.put("finish_reason", "stop");
            ObjectNode usage = response.putObject("usage");
            usage.put("prompt_tokens", prompt);
            usage.put("completion_tokens", completion);
            usage.put("total_tokens", prompt + completion);
            byte[] body = ChatClient.JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
