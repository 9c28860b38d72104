package dev.medley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.speech.SimulatedSpeechEngine;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many clients at once against a simulated engine (real HTTP, real decoding, the real batcher): every
 * request is answered exactly once with its own result, 429 only while the pending limit is reached,
 * never a 5xx, and memory does not grow with the number of requests.
 */
class ServeLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 64;
    private static final int REQUESTS = 10_000;
    private static final int MAX_PENDING = 48;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void tenThousandRequestsFromSixtyFourClientsAreEachAnsweredOnceWithTheirOwnResult() throws Exception {
        ServeMetrics metrics = new ServeMetrics();
        ServeBatching batching = new ServeBatching(16, 64, 1, Duration.ofMillis(2), Duration.ofSeconds(1),
                Duration.ofMinutes(2), 1, 4096);
        try (Speech speech = Speech.serving(new SimulatedSpeechEngine(Duration.ofMillis(2), Duration.ofNanos(100_000), 1),
                batching, metrics);
                MedleyServer server = MedleyServer.start(new ServeOptions("127.0.0.1", 0, null, 1 << 20, MAX_PENDING),
                        speech, metrics)) {
            ServeClient client = new ServeClient(server.port(), null);

            // Fewer clients than the pending limit: the queue is never full, so nothing is refused.
            AtomicInteger refusedUnderLimit = new AtomicInteger();
            run(client, 16, 0, 1_000, refusedUnderLimit, new ConcurrentHashMap<>());
            assertThat(refusedUnderLimit).hasValue(0);
            long heapEarly = usedHeapAfterGc();

            // More clients than the limit: some are told 429 and come back, until every request is answered.
            AtomicInteger refused = new AtomicInteger();
            ConcurrentHashMap<Integer, Integer> answers = new ConcurrentHashMap<>();
            run(client, CLIENTS, 1_000, REQUESTS, refused, answers);
            assertThat(answers).hasSize(REQUESTS - 1_000);
            assertThat(answers.values()).containsOnly(1);
            assertThat(refused.get()).isPositive();
            long heapLate = usedHeapAfterGc();
            assertThat(heapLate - heapEarly).as("heap growth over 9,000 requests").isLessThan(48L << 20);

            // Clients that drop mid-upload or before reading the answer cost nothing: the pending count returns to 0.
            for (int i = 0; i < 20; i++) {
                dropMidRequest(server.port(), i % 2 == 0);
            }
            awaitPendingZero(client);
            String scrape = client.get("/metrics").body();
            assertThat(scrape).contains("medley_refused_total{reason=\"pending_limit\"} " + refused.get() + ".0");
            assertThat(client.transcribe(Wav.constant(777, 0.5), null).body()).contains("level 777");
        }
    }

    /** Sends requests {@code from..to} from {@code clients} threads; each retries after 429 until answered. */
    private static void run(ServeClient client, int clients, int from, int to, AtomicInteger refused,
            ConcurrentHashMap<Integer, Integer> answers) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        AtomicLong serverErrors = new AtomicLong();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < to; ) {
                        int level = 1_000 + i; // unique per request: the engine answers "level N"
                        byte[] wav = Wav.constant(level, 0.5);
                        while (true) {
                            HttpResponse<String> response = client.transcribe(wav, null);
                            if (response.statusCode() == 429) {
                                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                                refused.incrementAndGet();
                                Thread.sleep(5);
                                continue;
                            }
                            if (response.statusCode() >= 500) {
                                serverErrors.incrementAndGet();
                            } else if (!JSON.readTree(response.body()).path("text").asText().equals("level " + level)) {
                                wrong.add(i + ": " + response.statusCode() + " " + response.body());
                            }
                            answers.merge(i, 1, Integer::sum);
                            break;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        assertThat(serverErrors).hasValue(0);
        assertThat(wrong).isEmpty();
    }

    /** Opens a connection, sends part of an upload (or all of it), and closes without reading the answer. */
    private static void dropMidRequest(int port, boolean halfway) throws Exception {
        byte[] wav = Wav.constant(5, 1.0);
        String boundary = "drop";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        int length = head.length + wav.length + tail.length;
        try (Socket socket = new Socket("127.0.0.1", port); OutputStream out = socket.getOutputStream()) {
            out.write(("POST /v1/audio/transcriptions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                    + "boundary=" + boundary + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(head);
            out.write(wav, 0, halfway ? wav.length / 2 : wav.length);
            if (!halfway) {
                out.write(tail);
            }
            out.flush();
        }
    }

    private static void awaitPendingZero(ServeClient client) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String scrape;
        do {
            scrape = client.get("/metrics").body();
            if (scrape.contains("medley_pending_items 0.0")) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("items still pending after the clients left:\n" + scrape.lines()
                .filter(l -> l.startsWith("medley_pending")).toList());
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
