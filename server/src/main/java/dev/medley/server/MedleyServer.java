package dev.medley.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.speech.AudioSource;
import dev.medley.speech.OutputFormat;
import dev.medley.speech.Segment;
import dev.medley.speech.Transcript;
import io.helidon.http.HeaderNames;
import dev.medley.core.Priority;
import dev.medley.core.QueueFullException;
import dev.medley.core.QueueTimeoutException;
import dev.medley.speech.TranscriptionProgress;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code medley serve}: speech over HTTP, in the shapes clients already speak.
 *
 * <ul>
 *   <li>{@code POST /v1/audio/transcriptions}: OpenAI's endpoint (multipart {@code file}, {@code model},
 *       {@code response_format} json, text, srt, vtt or verbose_json); {@code whisper-1} names the
 *       served model too, so clients written for OpenAI work unchanged.
 *   <li>{@code POST /v1/batch/transcriptions}: many items in one request, each with its
 *       {@code request_id}, answered in order, one result or error each.
 *   <li>{@code GET /v1/models}, {@code GET /healthz}, {@code GET /readyz}, {@code GET /metrics} (Prometheus).
 * </ul>
 *
 * <p>Every request runs on a virtual thread; all of them share one {@link Speech}, whose micro-batcher
 * groups the windows of concurrent requests into engine batches. With a token, every request must
 * carry it as a bearer token (compared in constant time). Errors are OpenAI's error object, never a
 * stack trace.
 */
public final class MedleyServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FORMATS = Set.of("json", "text", "srt", "vtt", "verbose_json");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_BATCH_ITEMS = 1024;

    private final ServeOptions options;
    private final Speech speech;
    private final WebServer server;
    private final ExecutorService items = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore pending;
    private final QueuedResults queued = new QueuedResults(10_000, Duration.ofMinutes(10));
    private volatile boolean ready;
    private volatile boolean draining;
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
    private final Object idle = new Object();
    private final ServeMetrics metrics;
    private final Timer transcribing;
    private final DistributionSummary batchItems;

    private final LibraryJobs jobs;

    private MedleyServer(ServeOptions options, Speech speech, ServeMetrics metrics, LibraryJobs jobs) {
        this.options = options;
        this.speech = speech;
        this.metrics = metrics;
        this.jobs = jobs;
        this.pending = new Semaphore(options.maxPending());
        metrics.gauge("medley_pending_items", "audio items taken and not yet answered", pending,
                p -> options.maxPending() - p.availablePermits());
        this.transcribing = metrics.timer("medley_transcription_seconds", "time to transcribe one item, queue included");
        this.batchItems = metrics.summary("medley_batch_request_items", "items in one /v1/batch/transcriptions request");
        this.server = WebServer.builder()
                .host(options.host())
                .port(options.port())
                .maxPayloadSize(options.maxUploadBytes())
                .shutdownHook(false) // The command stops it, after the work in flight.
                .routing(this::routes)
                .build();
    }

    /** Starts a server; it answers {@code /readyz} with 200 from then on. */
    public static MedleyServer start(ServeOptions options, Speech speech) {
        return start(options, speech, new ServeMetrics());
    }

    /** Starts a server whose {@code /metrics} shows {@code metrics}, which the speech's batcher feeds too. */
    public static MedleyServer start(ServeOptions options, Speech speech, ServeMetrics metrics) {
        return start(options, speech, metrics, null);
    }

    /** Starts a server that also runs library jobs ({@code /v1/jobs}) with {@code jobs}; null for none. */
    public static MedleyServer start(ServeOptions options, Speech speech, ServeMetrics metrics, LibraryJobs jobs) {
        MedleyServer server = new MedleyServer(options, speech, metrics, jobs);
        server.server.start();
        server.ready = true;
        return server;
    }

    /** Returns the port it listens on. */
    public int port() {
        return server.port();
    }

    private void routes(HttpRouting.Builder routing) {
        routing.addFilter((chain, request, response) -> {
            String path = request.path().path();
            if (options.token() != null && !path.equals("/healthz") && !Dashboard.isPublic(path) && !authorised(request)) {
                error(response, 401, "authentication_error",
                        "send the server's token: Authorization: Bearer <token>");
                return;
            }
            active.incrementAndGet();
            try {
                // Checked after counting, so that close() either sees this request or this request sees the drain.
                if (draining && !request.path().path().equals("/healthz")) {
                    error(response, 503, "server_error", "the server is stopping; send this request elsewhere or later");
                    return;
                }
                chain.proceed();
            } finally {
                if (active.decrementAndGet() == 0) {
                    synchronized (idle) {
                        idle.notifyAll();
                    }
                }
            }
        });
        routing.get("/healthz", (request, response) -> response.send("ok"));
        routing.get("/readyz", (request, response) -> {
            if (ready && !draining) {
                response.send("ready");
            } else {
                response.status(503).send("starting");
            }
        });
        routing.get("/v1/models", this::models);
        routing.get("/metrics", (request, response) -> text(response, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape()));
        routing.post("/v1/audio/transcriptions", this::transcription);
        routing.post("/v1/batch/transcriptions", this::batch);
        routing.post("/v1/queue/transcriptions", this::enqueue);
        routing.get("/v1/queue/transcriptions/{id}", this::queuedResult);
        JobRoutes.register(routing, this, jobs, options);
        Dashboard.register(routing);
    }

    ServeMetrics metrics() {
        return metrics;
    }

    Speech speech() {
        return speech;
    }

    boolean draining() {
        return draining;
    }

    /** Takes {@code count} pending places, or answers 429 and returns false. */
    private boolean admit(ServerResponse response, int count) {
        if (pending.tryAcquire(count)) {
            return true;
        }
        metrics.refused("pending_limit");
        response.header(HeaderNames.RETRY_AFTER, "1");
        error(response, 429, "rate_limit_error", "the server has " + options.maxPending()
                + " items in hand; try again shortly");
        return false;
    }

    /** The uploaded file of a multipart request, or null after answering 400. */
    private Multipart.Part uploaded(ServerRequest request, ServerResponse response) throws IOException {
        Map<String, Multipart.Part> parts;
        try {
            parts = Multipart.parse(request.headers().first(HeaderNames.CONTENT_TYPE).orElse(null), body(request));
        } catch (IllegalArgumentException e) {
            error(response, 400, "invalid_request_error", e.getMessage());
            return null;
        }
        Multipart.Part file = parts.get("file");
        if (file == null || file.content().length == 0) {
            error(response, 400, "invalid_request_error", "no audio: send it as the multipart part 'file'");
            return null;
        }
        return file;
    }

    private void enqueue(ServerRequest request, ServerResponse response) throws IOException {
        Multipart.Part file = uploaded(request, response);
        if (file == null || !admit(response, 1)) {
            return;
        }
        String id = queued.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return ok(timed(AudioSource.of(file.content(), file.fileName() == null ? "upload" : file.fileName()),
                        Priority.BULK));
            } catch (Exception e) {
                return JSON.createObjectNode().put("error", itemError(e));
            } finally {
                pending.release();
            }
        }, items));
        json(response, 202, JSON.createObjectNode().put("request_id", id));
    }

    private void queuedResult(ServerRequest request, ServerResponse response) throws IOException {
        String id = request.path().pathParameters().get("id");
        double wait;
        try {
            wait = Double.parseDouble(request.query().first("wait").asOptional().orElse("0"));
        } catch (NumberFormatException e) {
            error(response, 400, "invalid_request_error", "wait takes a number of seconds");
            return;
        }
        java.util.concurrent.CompletableFuture<ObjectNode> result = queued.get(id);
        if (result == null) {
            error(response, 404, "invalid_request_error", "no queued transcription " + (REQUEST_ID.matcher(id).matches()
                    ? id : "with that id") + " (results are kept for ten minutes)");
            return;
        }
        try {
            ObjectNode done = result.get((long) (Math.min(Math.max(wait, 0), 60) * 1000), java.util.concurrent.TimeUnit.MILLISECONDS);
            json(response, done.has("error") ? 422 : 200, done);
        } catch (java.util.concurrent.TimeoutException e) {
            json(response, 202, JSON.createObjectNode().put("request_id", id).put("status", "pending"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(response, 503, "server_error", "the server is stopping");
        } catch (ExecutionException e) {
            error(response, 500, "server_error", "the transcription could not be finished");
        }
    }

    private Transcript timed(AudioSource audio, Priority priority) throws Exception {
        return timed(audio, priority, TranscriptionProgress.NONE);
    }

    private Transcript timed(AudioSource audio, Priority priority, TranscriptionProgress progress) throws Exception {
        long started = System.nanoTime();
        try {
            return speech.transcribe(audio, priority, progress);
        } finally {
            transcribing.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static ObjectNode ok(Transcript transcript) {
        ObjectNode result = JSON.createObjectNode();
        result.put("text", transcript.text());
        ArrayNode segments = result.putArray("segments");
        for (Segment segment : transcript.segments()) {
            segments.addObject().put("start", segment.start()).put("end", segment.end()).put("text", segment.text());
        }
        return result;
    }

    private boolean authorised(ServerRequest request) {
        String header = request.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        byte[] given = header.getBytes(StandardCharsets.UTF_8);
        byte[] expected = ("Bearer " + options.token()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    private void models(ServerRequest request, ServerResponse response) throws IOException {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String id : List.of(speech.model(), "whisper-1")) {
            data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", "medley");
        }
        json(response, 200, list);
    }

    private void transcription(ServerRequest request, ServerResponse response) throws IOException {
        Map<String, Multipart.Part> parts;
        try {
            parts = Multipart.parse(request.headers().first(HeaderNames.CONTENT_TYPE).orElse(null), body(request));
        } catch (IllegalArgumentException e) {
            error(response, 400, "invalid_request_error", e.getMessage());
            return;
        }
        Multipart.Part file = parts.get("file");
        String format = field(parts, "response_format", "json");
        boolean stream = field(parts, "stream", "false").equalsIgnoreCase("true");
        String model = field(parts, "model", "whisper-1");
        Set<String> granularities = new java.util.HashSet<>();
        for (String name : List.of("timestamp_granularities[]", "timestamp_granularities")) {
            if (parts.containsKey(name)) {
                parts.get(name).texts().forEach(g -> granularities.add(g.strip()));
            }
        }
        if (file == null || file.content().length == 0) {
            error(response, 400, "invalid_request_error", "no audio: send it as the multipart part 'file'");
            return;
        }
        if (!FORMATS.contains(format)) {
            error(response, 400, "invalid_request_error", "response_format must be one of json, text, srt, vtt, "
                    + "verbose_json, not '" + format + "'");
            return;
        }
        if (!model.equals("whisper-1") && !model.equals(speech.model())) {
            error(response, 400, "invalid_request_error", "model '" + model + "' is not served here; use whisper-1 or "
                    + speech.model() + " (GET /v1/models)");
            return;
        }
        if (!Set.of("word", "segment").containsAll(granularities)) {
            error(response, 400, "invalid_request_error", "timestamp_granularities[] takes word and segment");
            return;
        }
        if (!granularities.isEmpty() && !format.equals("verbose_json")) {
            error(response, 400, "invalid_request_error", "timestamp_granularities[] needs response_format verbose_json");
            return;
        }
        if (!admit(response, 1)) {
            return;
        }
        AudioSource audio = AudioSource.of(file.content(), file.fileName() == null ? "upload" : file.fileName());
        if (stream) {
            try {
                stream(audio, response);
            } finally {
                pending.release();
            }
            return;
        }
        Transcript transcript;
        try {
            transcript = timed(audio, Priority.INTERACTIVE);
        } catch (Exception e) {
            failed(response, e);
            return;
        } finally {
            pending.release();
        }
        switch (format) {
            case "text" -> text(response, "text/plain; charset=utf-8", transcript.text() + "\n");
            case "srt" -> text(response, "application/x-subrip; charset=utf-8", OutputFormat.SRT.render(transcript));
            case "vtt" -> text(response, "text/vtt; charset=utf-8", OutputFormat.VTT.render(transcript));
            case "verbose_json" -> json(response, 200, verbose(transcript, granularities));
            default -> json(response, 200, JSON.createObjectNode().put("text", transcript.text()));
        }
    }

    private static String field(Map<String, Multipart.Part> parts, String name, String otherwise) {
        Multipart.Part part = parts.get(name);
        return part == null ? otherwise : part.text().strip();
    }

    /**
     * Answers with server-sent events as OpenAI streams a transcription: a {@code transcript.text.delta} for
     * each window's text as soon as it and those before it are heard, then {@code transcript.text.done} with
     * the whole text. A failure before the first event is an ordinary error response; after it, an
     * {@code error} event.
     */
    private void stream(AudioSource audio, ServerResponse response) throws IOException {
        java.util.concurrent.BlockingQueue<Object> events = new java.util.concurrent.LinkedBlockingQueue<>();
        Object end = new Object();
        TranscriptionProgress deltas = new TranscriptionProgress() {
            @Override
            public void heard(java.nio.file.Path file, double seconds, double totalSeconds) {}

            @Override
            public void segments(AudioSource source, List<Segment> segments) {
                String text = String.join(" ", segments.stream().map(Segment::text).map(String::strip)
                        .filter(t -> !t.isEmpty()).toList());
                if (!text.isEmpty()) {
                    events.add(text);
                }
            }
        };
        Future<Transcript> done = items.submit(() -> {
            try {
                return timed(audio, Priority.INTERACTIVE, deltas);
            } finally {
                events.add(end);
            }
        });
        java.io.OutputStream out = null;
        boolean first = true;
        try {
            for (Object event = events.take(); event != end; event = events.take()) {
                if (out == null) {
                    out = sse(response);
                }
                String delta = first ? (String) event : " " + event;
                first = false;
                event(out, JSON.createObjectNode().put("type", "transcript.text.delta").put("delta", delta));
            }
            Transcript transcript = done.get();
            if (out == null) {
                out = sse(response);
            }
            ObjectNode finished = JSON.createObjectNode().put("type", "transcript.text.done").put("text", transcript.text());
            finished.putObject("usage").put("type", "duration").put("seconds", Math.ceil(transcript.audioSeconds()));
            event(out, finished);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.cancel(true);
            if (out == null) {
                error(response, 503, "server_error", "the server is stopping");
            }
        } catch (ExecutionException e) {
            if (out == null) {
                failed(response, (Exception) (e.getCause() instanceof Exception cause ? cause : e));
            } else {
                ObjectNode failure = JSON.createObjectNode().put("type", "error");
                failure.putObject("error").put("message", itemError(e)).put("type", "server_error");
                event(out, failure);
                out.close();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            done.cancel(true); // the client left; what is queued for it finishes and is dropped
        }
    }

    static java.io.OutputStream sse(ServerResponse response) {
        response.status(200);
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        return response.outputStream();
    }

    static void event(java.io.OutputStream out, ObjectNode event) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode verbose(Transcript transcript, Set<String> granularities) {
        boolean withSegments = granularities.isEmpty() || granularities.contains("segment");
        boolean withWords = granularities.isEmpty() || granularities.contains("word");
        ObjectNode root = JSON.createObjectNode();
        root.put("task", "transcribe");
        root.put("language", transcript.language() == null ? "english" : transcript.language());
        root.put("duration", transcript.audioSeconds());
        root.put("text", transcript.text());
        ArrayNode segments = root.putArray("segments");
        ArrayNode words = JSON.createArrayNode();
        int id = 0;
        for (Segment segment : transcript.segments()) {
            ObjectNode s = segments.addObject();
            s.put("id", id++);
            s.put("seek", 0);
            s.put("start", segment.start());
            s.put("end", segment.end());
            s.put("text", segment.text());
            s.putArray("tokens");
            s.put("temperature", 0.0);
            s.put("avg_logprob", 0.0);
            s.put("compression_ratio", 1.0);
            s.put("no_speech_prob", 0.0);
            for (Segment.Word word : segment.words() == null ? List.<Segment.Word>of() : segment.words()) {
                words.addObject().put("word", word.text()).put("start", word.start()).put("end", word.end());
            }
        }
        if (withWords) {
            root.set("words", words);
        }
        if (!withSegments) {
            root.remove("segments");
        }
        return root;
    }

    private void batch(ServerRequest request, ServerResponse response) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body(request));
        } catch (IOException e) {
            error(response, 400, "invalid_request_error", "the body is not JSON");
            return;
        }
        JsonNode list = root.path("items");
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_BATCH_ITEMS) {
            error(response, 400, "invalid_request_error", "send {\"items\": [...]} with 1 to " + MAX_BATCH_ITEMS + " items");
            return;
        }
        if (!admit(response, list.size())) {
            return;
        }
        batchItems.record(list.size());
        // All items at once: the shared micro-batcher groups their windows with those of other requests.
        List<Future<ObjectNode>> results = new ArrayList<>();
        for (JsonNode item : list) {
            results.add(items.submit(() -> {
                try {
                    return answer(item);
                } finally {
                    pending.release();
                }
            }));
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode out = answer.putArray("results");
        try {
            for (Future<ObjectNode> result : results) {
                out.add(result.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(response, 503, "server_error", "the server is stopping");
            return;
        } catch (ExecutionException e) {
            error(response, 500, "server_error", "an item could not be answered");
            return;
        }
        json(response, 200, answer);
    }

    private ObjectNode answer(JsonNode item) {
        ObjectNode result = JSON.createObjectNode();
        String id = item.path("request_id").asText("");
        result.put("request_id", id);
        if (!REQUEST_ID.matcher(id).matches()) {
            return result.put("error", "request_id must be 1 to 128 letters, digits or . _ : -");
        }
        AudioSource audio;
        try {
            audio = audio(item);
        } catch (IllegalArgumentException e) {
            return result.put("error", e.getMessage());
        }
        try {
            result.setAll(ok(timed(audio, Priority.BULK)));
        } catch (Exception e) {
            result.put("error", itemError(e));
        }
        return result;
    }

    private AudioSource audio(JsonNode item) {
        Base64.Decoder base64 = Base64.getDecoder();
        if (item.hasNonNull("path")) {
            return AudioSource.of(Roots.resolve(options.roots(), item.path("path").asText()));
        }
        if (item.hasNonNull("audio")) {
            byte[] bytes = decode(base64, item.path("audio").asText(), "audio");
            if (bytes.length == 0) {
                throw new IllegalArgumentException("audio is empty");
            }
            return AudioSource.of(bytes, item.path("request_id").asText("item"));
        }
        if (item.hasNonNull("pcm")) {
            int rate = item.path("sample_rate").asInt(0);
            if (rate < 8000 || rate > 192_000) {
                throw new IllegalArgumentException("pcm needs sample_rate from 8000 to 192000");
            }
            byte[] bytes = decode(base64, item.path("pcm").asText(), "pcm");
            if (bytes.length < 2 || bytes.length % 2 != 0) {
                throw new IllegalArgumentException("pcm must be 16-bit mono samples, little-endian");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] samples = new float[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = buffer.getShort() / 32768f;
            }
            return AudioSource.pcm(samples, rate);
        }
        throw new IllegalArgumentException("each item needs audio (base64 of an audio file), pcm with sample_rate, "
                + "or path (a file under the server's --root)");
    }

    private static byte[] decode(Base64.Decoder base64, String text, String field) {
        try {
            return base64.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64");
        }
    }

    byte[] body(ServerRequest request) throws IOException {
        try (InputStream in = request.content().inputStream()) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxUploadBytes() + 1));
        }
    }

    /** Answers a transcription that failed: 429 or 504 when the queue refused or timed it out, else 400. */
    private void failed(ServerResponse response, Exception e) {
        Throwable cause = rootCause(e);
        if (cause instanceof QueueFullException) {
            response.header(HeaderNames.RETRY_AFTER, "1");
            error(response, 429, "rate_limit_error", "the engine's queue is full; try again shortly");
        } else if (cause instanceof QueueTimeoutException) {
            error(response, 504, "timeout_error", "the audio " + cause.getMessage() + "; the server is overloaded");
        } else if (cause instanceof java.util.concurrent.RejectedExecutionException) {
            error(response, 503, "server_error", "the server is stopping");
        } else if (cause instanceof IOException || cause instanceof IllegalArgumentException) {
            error(response, 400, "invalid_request_error", "cannot transcribe the file: " + reason(e));
        } else {
            error(response, 500, "server_error", "the engine failed on this audio: " + reason(e));
        }
    }

    private static String itemError(Exception e) {
        Throwable cause = rootCause(e);
        if (cause instanceof QueueFullException) {
            return "the engine's queue is full; send this item again shortly";
        }
        if (cause instanceof QueueTimeoutException) {
            return "the audio " + cause.getMessage() + "; send it again when the server is less busy";
        }
        return "cannot transcribe: " + reason(e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause.getCause() != null && cause.getMessage() == null)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    static void json(ServerResponse response, int status, JsonNode body) throws IOException {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(JSON.writeValueAsBytes(body));
    }

    private static void text(ServerResponse response, String type, String body) {
        response.header(HeaderNames.CONTENT_TYPE, type);
        response.send(body.getBytes(StandardCharsets.UTF_8));
    }

    static void error(ServerResponse response, int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.putNull("code");
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the number of requests being answered now. */
    public int activeRequests() {
        return active.get();
    }

    /**
     * Drains: answers new requests with 503, lets those in flight finish (queued items included), then
     * stops listening.
     */
    @Override
    public void close() {
        ready = false;
        draining = true;
        synchronized (idle) {
            while (active.get() > 0) {
                try {
                    idle.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        items.close(); // queued transcriptions finish; their results stay collectable until the server stops
        server.stop();
    }
}
