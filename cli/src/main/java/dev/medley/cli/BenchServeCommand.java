package dev.medley.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.core.BatchAnswer;
import dev.medley.core.BatchSizer;
import dev.medley.core.DynamicBatcher;
import dev.medley.core.Priority;
import dev.medley.server.MedleyServer;
import dev.medley.server.ServeBatching;
import dev.medley.server.ServeMetrics;
import dev.medley.server.ServeOptions;
import dev.medley.server.Speech;
import dev.medley.speech.AudioWindow;
import dev.medley.speech.EngineKind;
import dev.medley.speech.EngineOptions;
import dev.medley.speech.SimulatedSpeechEngine;
import dev.medley.speech.SpeechEngine;
import dev.medley.speech.Strategy;
import dev.medley.speech.WindowResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        description = {
            "Measures the server's dynamic batching over real HTTP on loopback: --clients clients send --requests "
                    + "transcriptions (one window each) for each batch size in --sizes, against a simulated engine "
                    + "whose batch of n windows takes C0 + C1 x n, then (with --real) against the Sphinx engine on "
                    + "the team's recordings.",
            "It prints throughput and p50/p95 latency per setting, ratios to batch 1, the share of the ideal "
                    + "n / (C0 + C1 x n) reached, the batch times that auto sizing held against its target, and the "
                    + "batcher's own cost per item (measured with an engine that costs nothing)."
        },
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley bench serve",
            "  medley bench serve --c0-ms 40 --c1-ms 5 --sizes 1,8,auto --json",
            "  medley bench serve --real --requests 40"
        })
final class BenchServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--c0-ms", paramLabel = "MS", defaultValue = "40", description = "Simulated cost of any batch (default: ${DEFAULT-VALUE}).")
    double c0Millis;

    @Option(names = "--c1-ms", paramLabel = "MS", defaultValue = "5", description = "Simulated cost per window (default: ${DEFAULT-VALUE}).")
    double c1Millis;

    @Option(names = "--sizes", paramLabel = "LIST", split = ",", defaultValue = "1,2,4,8,auto",
            description = "Largest batch per setting, numbers or auto (default: ${DEFAULT-VALUE}).")
    List<String> sizes;

    @Option(names = "--latency-target-ms", paramLabel = "MS", defaultValue = "120",
            description = "Batch time auto sizing holds to (default: ${DEFAULT-VALUE}).")
    long latencyTargetMillis;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "64", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "400", description = "Requests per setting (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--real", description = "Also run the table with the Sphinx engine on the team's recordings (slow).")
    boolean real;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    /** An engine wrapper that keeps each batch's size and time, for the auto-sizing column. */
    private static final class Timed implements SpeechEngine {
        private final SpeechEngine engine;
        private final List<long[]> batches = java.util.Collections.synchronizedList(new ArrayList<>());

        Timed(SpeechEngine engine) {
            this.engine = engine;
        }

        @Override
        public List<WindowResult> transcribe(List<AudioWindow> batch) throws Exception {
            long start = System.nanoTime();
            List<WindowResult> results = engine.transcribe(batch);
            batches.add(new long[] {batch.size(), System.nanoTime() - start});
            return results;
        }

        @Override
        public int maxConcurrentBatches() {
            return engine.maxConcurrentBatches();
        }

        @Override
        public int maxBatchSize() {
            return engine.maxBatchSize();
        }

        @Override
        public String name() {
            return engine.name();
        }

        @Override
        public String model() {
            return engine.model();
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || requests < 1 || c0Millis < 0 || c1Millis < 0 || latencyTargetMillis < 1) {
            throw CommandException.badUsage("--clients, --requests and --latency-target-ms take positive numbers, "
                    + "--c0-ms and --c1-ms numbers of at least 0");
        }
        List<Integer> settings = new ArrayList<>();
        for (String size : sizes) {
            try {
                settings.add(size.equalsIgnoreCase("auto") ? 0 : Integer.parseInt(size.strip()));
            } catch (NumberFormatException e) {
                throw CommandException.badUsage("--sizes takes numbers and auto, not '" + size + "'");
            }
            if (settings.getLast() < 0) {
                throw CommandException.badUsage("--sizes takes positive numbers and auto");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Duration c0 = Duration.ofNanos((long) (c0Millis * 1e6));
        Duration c1 = Duration.ofNanos((long) (c1Millis * 1e6));
        byte[] clip = constantWav(1_000, 1.0);
        List<Map<String, Object>> simulated = new ArrayList<>();
        for (int size : settings) {
            simulated.add(run(new Timed(new SimulatedSpeechEngine(c0, c1, 1)), size, List.of(clip), requests));
        }
        double c0s = c0Millis / 1000;
        double c1s = c1Millis / 1000;
        addRatios(simulated, c0s, c1s);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("engine", "simulated c0=" + c0Millis + "ms c1=" + c1Millis + "ms");
        figures.put("clients", clients);
        figures.put("requestsPerSetting", requests);
        figures.put("simulated", simulated);
        figures.put("queueOverheadMicrosPerItem", queueOverheadMicros());
        List<Map<String, Object>> realRows = null;
        if (real) {
            List<byte[]> clips = sharedClips();
            realRows = new ArrayList<>();
            int realRequests = Math.max(clips.size(), Math.min(requests, 40));
            for (int size : settings) {
                realRows.add(run(new Timed(openSphinx()), size, clips, realRequests));
            }
            addRatios(realRows, Double.NaN, Double.NaN);
            figures.put("sphinx", realRows);
        }
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(figures));
        } else {
            out.println("simulated engine: batch of n windows takes " + c0Millis + " + " + c1Millis + " x n ms; " + clients
                    + " clients, " + requests + " requests of one 1 s window per setting, real HTTP on loopback");
            table(out, simulated, true);
            out.printf(Locale.ROOT, "batcher's own cost: %.2f us per item (engine that costs nothing, batches of 8)%n",
                    figures.get("queueOverheadMicrosPerItem"));
            if (realRows != null) {
                out.println();
                out.println("sphinx engine on the team's recordings (" + clients + " clients). Sphinx recognises one "
                        + "window at a time per recogniser, so every setting runs batches of 1: the rows differ only by noise.");
                table(out, realRows, false);
            }
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> run(Timed engine, int size, List<byte[]> clips, int count) throws Exception {
        ServeMetrics metrics = new ServeMetrics();
        ServeBatching batching = new ServeBatching(size, 64, 1, Duration.ofMillis(2), Duration.ofMillis(latencyTargetMillis),
                Duration.ofMinutes(10), 1, 1 << 16);
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long wall;
        try (Speech speech = Speech.serving(engine, batching, metrics);
                MedleyServer server = MedleyServer.start(new ServeOptions(ServeOptions.LOOPBACK, 0, null, 64 << 20,
                        Math.max(256, 2 * clients)), speech, metrics)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/audio/transcriptions");
            send(http, uri, clips, Math.min(count, 2 * clients), null); // warm-up: connections, the JIT, auto's first fits
            engine.batches.clear();
            long start = System.nanoTime();
            send(http, uri, clips, count, latencies);
            wall = System.nanoTime() - start;
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("batch", size == 0 ? "auto" : String.valueOf(size));
        row.put("requestsPerSecond", count / (wall / 1e9));
        row.put("p50Ms", percentile(sorted, 0.50) / 1e6);
        row.put("p95Ms", percentile(sorted, 0.95) / 1e6);
        long[][] batches;
        synchronized (engine.batches) {
            batches = engine.batches.toArray(new long[0][]);
        }
        row.put("meanBatch", Arrays.stream(batches).mapToLong(b -> b[0]).average().orElse(0));
        long[] batchTimes = Arrays.stream(batches).mapToLong(b -> b[1]).sorted().toArray();
        row.put("p95BatchMs", percentile(batchTimes, 0.95) / 1e6);
        if (size == 0) {
            row.put("targetMs", latencyTargetMillis);
        }
        return row;
    }

    private void send(HttpClient http, URI uri, List<byte[]> clips, int count, List<Long> latencies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        HttpRequest request = multipart(uri, clips.get(i % clips.size()));
                        long start = System.nanoTime();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("the server answered " + response.statusCode() + ": "
                                    + response.body());
                        }
                        if (latencies != null) {
                            latencies.add(System.nanoTime() - start);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
    }

    private static HttpRequest multipart(URI uri, byte[] file) {
        String boundary = "medley-bench";
        ByteArrayOutputStream body = new ByteArrayOutputStream(file.length + 256);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private static void addRatios(List<Map<String, Object>> rows, double c0, double c1) {
        double base = rows.stream().filter(r -> r.get("batch").equals("1"))
                .mapToDouble(r -> (double) r.get("requestsPerSecond")).findFirst().orElse(Double.NaN);
        for (Map<String, Object> row : rows) {
            row.put("ratioToBatch1", (double) row.get("requestsPerSecond") / base);
            if (!Double.isNaN(c0) && !row.get("batch").equals("auto")) {
                int n = Integer.parseInt((String) row.get("batch"));
                double ideal = n / (c0 + c1 * n);
                row.put("idealPerSecond", ideal);
                row.put("shareOfIdeal", (double) row.get("requestsPerSecond") / ideal);
            }
        }
    }

    private static void table(PrintWriter out, List<Map<String, Object>> rows, boolean ideal) {
        out.printf(Locale.ROOT, "%-6s %10s %8s %9s %9s %10s %12s%s%n", "batch", "req/s", "ratio", "p50 ms", "p95 ms",
                "mean batch", "p95 batch ms", ideal ? "   ideal req/s  share" : "");
        for (Map<String, Object> row : rows) {
            out.printf(Locale.ROOT, "%-6s %10.1f %7.2fx %9.1f %9.1f %10.2f %12.1f", row.get("batch"),
                    row.get("requestsPerSecond"), row.get("ratioToBatch1"), row.get("p50Ms"), row.get("p95Ms"),
                    row.get("meanBatch"), row.get("p95BatchMs"));
            if (ideal && row.containsKey("idealPerSecond")) {
                out.printf(Locale.ROOT, "   %11.1f %5.0f%%", row.get("idealPerSecond"),
                        100 * (double) row.get("shareOfIdeal"));
            } else if (row.containsKey("targetMs")) {
                out.printf(Locale.ROOT, "   target %d ms: %s", row.get("targetMs"),
                        (double) row.get("p95BatchMs") <= 1.05 * (long) row.get("targetMs") ? "held" : "NOT held");
            }
            out.println();
        }
    }

    /** Microseconds per item the batcher itself takes: an engine that costs nothing, so only the queue is timed. */
    static double queueOverheadMicros() throws Exception {
        int items = 200_000;
        int submitters = 8;
        try (DynamicBatcher<Integer, Integer> batcher = DynamicBatcher.<Integer, Integer>builder()
                .sizer(BatchSizer.fixed(8)).maxWait(Duration.ZERO).queueCapacity(1 << 20)
                .build(batch -> batch.stream().map(r -> BatchAnswer.ok(r.id(), r.item())).toList())) {
            overhead(batcher, 20_000, submitters); // warm-up
            long start = System.nanoTime();
            overhead(batcher, items, submitters);
            return (System.nanoTime() - start) / 1e3 / items;
        }
    }

    private static void overhead(DynamicBatcher<Integer, Integer> batcher, int items, int submitters) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < submitters; s++) {
                running.add(pool.submit(() -> {
                    // Each submitter keeps 64 items outstanding, as 64 requests in flight would.
                    ArrayList<CompletableFuture<Integer>> window = new ArrayList<>();
                    for (int i = 0; i < items / submitters; i++) {
                        window.add(batcher.submit(i, Priority.BULK));
                        if (window.size() == 64) {
                            for (CompletableFuture<Integer> f : window) {
                                f.join();
                            }
                            window.clear();
                        }
                    }
                    window.forEach(CompletableFuture::join);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static byte[] constantWav(int level, double seconds) {
        int samples = (int) Math.round(seconds * 16_000);
        ByteBuffer wav = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16_000)
                .putInt(32_000).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) level);
        }
        return wav.array();
    }

    private List<byte[]> sharedClips() throws Exception {
        Path shared = Path.of(System.getProperty("medley.home", ".")).resolve("../shared/audio").normalize();
        if (!Files.isDirectory(shared)) {
            throw CommandException.cannotRun("--real needs the team's recordings in ../shared/audio", null);
        }
        List<byte[]> clips = new ArrayList<>();
        try (var files = Files.walk(shared)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(wav|flac)$")).sorted().toList()) {
                clips.add(Files.readAllBytes(file));
            }
        }
        return clips;
    }

    private static SpeechEngine openSphinx() throws Exception {
        EngineOptions defaults = EngineOptions.defaults(EngineKind.SPHINX);
        Strategy strategy = Strategy.choose(EngineKind.SPHINX, "cpu", null);
        return SpeechEngine.open(new EngineOptions(EngineKind.SPHINX, null, "en", 1, strategy.device(), strategy.workers(),
                defaults.modelsDir(), null, null, defaults.remoteModel(), dev.medley.core.RateLimiter.UNLIMITED,
                dev.medley.core.RetryPolicy.DEFAULT, defaults.requestTimeout()));
    }
}
