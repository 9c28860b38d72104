package dev.medley.speech;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves {@code POST /v1/audio/transcriptions} on loopback as OpenAI documents it, for tests.
 *
 * <p>It parses the multipart body, rejects with an OpenAI-style 400 what the spec's
 * {@code CreateTranscriptionRequest} does not allow (unknown or repeated fields, a missing
 * {@code file} or {@code model}, values outside the enums, granularities without
 * {@code verbose_json}, a file that is not a valid PCM WAV), and records every request. A valid
 * request gets a transcript derived from the audio's length: a segment saying "window of N.NN
 * seconds" over the first half and "end of window" over the second, with word times when asked.
 *
 * <p>Faults are queued per request: first those for requests whose audio has a given length, then
 * those for any request, each used once, in arrival order.
 */
final class FakeTranscriptionServer implements AutoCloseable {

    static final String PATH = "/v1/audio/transcriptions";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RemoteApiSpec SPEC = RemoteApiSpec.current();

    /** Tells the server what to do with one request instead of answering it plainly. */
    record Fault(Kind kind, int status, String retryAfter, String body) {
        enum Kind { STATUS, STALL, DROP, TRUNCATED, SPARSE, BODY }

        /** Answers 429 with {@code Retry-After: retryAfter} (seconds or an HTTP-date; null for none). */
        static Fault tooManyRequests(String retryAfter) {
            return new Fault(Kind.STATUS, 429, retryAfter, "Rate limit reached for requests");
        }

        /** Answers {@code status} with an OpenAI error body saying {@code message}. */
        static Fault status(int status, String message) {
            return new Fault(Kind.STATUS, status, null, message);
        }

        /** Answers only when the server closes, long after any client timeout. */
        static Fault stall() {
            return new Fault(Kind.STALL, 200, null, null);
        }

        /** Closes the connection without answering. */
        static Fault drop() {
            return new Fault(Kind.DROP, 0, null, null);
        }

        /** Answers 200 with the first half of the transcript's JSON. */
        static Fault truncatedJson() {
            return new Fault(Kind.TRUNCATED, 200, null, null);
        }

        /** Answers 200 with only what the spec requires of segments: no words, language, duration or scores. */
        static Fault sparseJson() {
            return new Fault(Kind.SPARSE, 200, null, null);
        }

        /** Answers 200 with {@code body} as JSON. */
        static Fault body(String body) {
            return new Fault(Kind.BODY, 200, null, body);
        }
    }

    /** Holds one request as received; {@code wav} is null when the request was rejected before its file was read. */
    record Request(String method, String path, Map<String, List<String>> headers, List<MultipartForm.Part> parts,
            WavFile wav) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }

        List<String> values(String field) {
            return parts.stream().filter(p -> p.name().equals(field)).map(MultipartForm.Part::text).toList();
        }

        String value(String field) {
            List<String> values = values(field);
            return values.isEmpty() ? null : values.getFirst();
        }

        MultipartForm.Part part(String field) {
            return parts.stream().filter(p -> p.name().equals(field)).findFirst().orElse(null);
        }
    }

    private record Answer(int status, String contentType, String retryAfter, byte[] body) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Request> requests = new ArrayList<>();
    private final List<Integer> statuses = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<Integer, Deque<Fault>> faultsByLength = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile String apiKey;
    private volatile long answerDelayMillis;
    private volatile CountDownLatch together = new CountDownLatch(0);

    private FakeTranscriptionServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Makes every later answer wait {@code millis} first, like a server working on the audio. */
    void delayEachAnswer(long millis) {
        answerDelayMillis = millis;
    }

    /** Starts a server on a free loopback port. */
    static FakeTranscriptionServer start() throws IOException {
        return new FakeTranscriptionServer();
    }

    /** Returns the base URL, without {@code /v1}. */
    URI endpoint() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** Makes every request without {@code Authorization: Bearer key} fail with 401, as OpenAI does. */
    void requireApiKey(String key) {
        apiKey = key;
    }

    /** Queues faults for the next requests, whatever their audio. */
    synchronized void enqueue(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** Queues faults for the next requests whose audio lasts {@code seconds}. */
    synchronized void enqueueForLength(double seconds, Fault... next) {
        faultsByLength.computeIfAbsent(samples(seconds), k -> new ArrayDeque<>()).addAll(List.of(next));
    }

    /** Makes each valid request wait (up to 10 s) until {@code count} requests have arrived. */
    void holdUntilConcurrent(int count) {
        together = new CountDownLatch(count);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Returns the statuses answered so far, in the order they were sent; 0 for a dropped connection. */
    synchronized List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    /** Returns the most requests that were in the server at once. */
    int maxConcurrent() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            List<MultipartForm.Part> parts = List.of();
            WavFile wav = null;
            Answer answer = null;
            try {
                parts = MultipartForm.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
                wav = validate(exchange, parts);
            } catch (Rejection r) {
                answer = error(r.status, r.getMessage(), r.type, null);
            } catch (IllegalArgumentException e) {
                answer = error(400, e.getMessage(), "invalid_request_error", null);
            }
            record(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, parts, wav));
            if (answer == null) {
                awaitOthers();
                if (answerDelayMillis > 0) {
                    try {
                        closing.await(answerDelayMillis, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                answer = answer(nextFault(wav), parts, wav);
            }
            answered(answer == null ? 0 : answer.status());
            if (answer != null) {
                send(exchange, answer);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void send(HttpExchange exchange, Answer answer) {
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            out.write(answer.body());
        } catch (IOException e) {
            // The client gave up on this request, as the stall fault intends.
        }
    }

    private WavFile validate(HttpExchange exchange, List<MultipartForm.Part> parts) throws Rejection {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            throw new Rejection(404, "Invalid URL (" + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath() + ")", "invalid_request_error");
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            throw new Rejection(405, "Method not allowed", "invalid_request_error");
        }
        String key = apiKey;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (key != null && !("Bearer " + key).equals(authorization)) {
            String given = authorization == null ? "none" : authorization.replaceFirst("^Bearer ", "");
            throw new Rejection(401, "Incorrect API key provided: " + given
                    + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                    "invalid_request_error");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (MultipartForm.Part part : parts) {
            boolean array = part.name().endsWith("[]");
            String field = array ? part.name().substring(0, part.name().length() - 2) : part.name();
            if (!SPEC.fields().contains(field)) {
                throw invalid("Unrecognized request argument supplied: " + part.name());
            }
            if (array != SPEC.arrays().contains(field)) {
                throw invalid("'" + part.name() + "' is " + (array ? "not an array" : "an array: send it as "
                        + field + "[]"));
            }
            if (counts.merge(part.name(), 1, Integer::sum) > 1 && !array) {
                throw invalid("'" + part.name() + "' was given more than once");
            }
        }
        for (String field : SPEC.required()) {
            if (!counts.containsKey(field)) {
                throw invalid("you must provide a " + field + " parameter");
            }
        }
        Request request = new Request("POST", PATH, Map.of(), parts, null);
        String format = request.value("response_format");
        if (format != null && !SPEC.responseFormats().contains(format)) {
            throw invalid("'" + format + "' is not one of " + SPEC.responseFormats() + " - 'response_format'");
        }
        for (String granularity : request.values("timestamp_granularities[]")) {
            if (!SPEC.granularities().contains(granularity)) {
                throw invalid("'" + granularity + "' is not one of " + SPEC.granularities()
                        + " - 'timestamp_granularities[]'");
            }
            if (!"verbose_json".equals(format)) {
                throw invalid("timestamp_granularities requires response_format=verbose_json");
            }
        }
        String temperature = request.value("temperature");
        if (temperature != null && !(Double.parseDouble(temperature) >= 0 && Double.parseDouble(temperature) <= 1)) {
            throw invalid("temperature must be between 0 and 1");
        }
        MultipartForm.Part file = request.part("file");
        if (file.fileName() == null || file.fileName().isBlank()) {
            throw invalid("'file' must be a file upload with a file name");
        }
        return WavFile.parse(file.content());
    }

    private synchronized Fault nextFault(WavFile wav) {
        Deque<Fault> forLength = faultsByLength.get(wav.samples().length);
        if (forLength != null && !forLength.isEmpty()) {
            return forLength.poll();
        }
        return faults.poll();
    }

    private void awaitOthers() {
        CountDownLatch latch = together;
        latch.countDown();
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Returns null to drop the connection.
    private Answer answer(Fault fault, List<MultipartForm.Part> parts, WavFile wav) {
        Request request = new Request("POST", PATH, Map.of(), parts, wav);
        Fault.Kind kind = fault == null ? null : fault.kind();
        if (kind == Fault.Kind.STATUS) {
            String type = fault.status() == 429 ? "requests"
                    : fault.status() >= 500 ? "server_error" : "invalid_request_error";
            return error(fault.status(), fault.body(), type, fault.retryAfter());
        }
        if (kind == Fault.Kind.DROP) {
            return null;
        }
        if (kind == Fault.Kind.STALL) {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kind == Fault.Kind.BODY) {
            return json(fault.body());
        }
        String format = request.value("response_format") == null ? "json" : request.value("response_format");
        List<String> granularities = request.values("timestamp_granularities[]");
        FakeTranscriptionText transcript = FakeTranscriptionText.of(wav.seconds(), request.value("language"));
        return switch (format) {
            case "verbose_json" -> {
                String body = transcript.verboseJson(granularities.isEmpty() || granularities.contains("segment"),
                        granularities.contains("word"), kind == Fault.Kind.SPARSE);
                yield json(kind == Fault.Kind.TRUNCATED ? body.substring(0, body.length() / 2) : body);
            }
            case "text" -> new Answer(200, "text/plain; charset=utf-8", null, bytes(transcript.text() + "\n"));
            case "srt", "vtt" -> new Answer(200, "text/plain; charset=utf-8", null, bytes(transcript.subtitles(format)));
            default -> json(JSON.createObjectNode().put("text", transcript.text()).toString());
        };
    }

    private synchronized void record(Request request) {
        requests.add(request);
    }

    private synchronized void answered(int status) {
        statuses.add(status);
    }

    private static Answer error(int status, String message, String type, String retryAfter) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        return new Answer(status, "application/json", retryAfter, bytes(error.toString()));
    }

    private static Answer json(String body) {
        return new Answer(200, "application/json", null, bytes(body));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int samples(double seconds) {
        return (int) Math.round(seconds * AudioWindow.SAMPLE_RATE);
    }

    private static Rejection invalid(String message) {
        return new Rejection(400, message, "invalid_request_error");
    }

    private static final class Rejection extends Exception {
        final int status;
        final String type;

        Rejection(int status, String message, String type) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }
}
