package dev.medley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.speech.SimulatedSpeechEngine;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A short interactive request is not stuck behind a long bulk one: the long audio goes to the engine a
 * window at a time, and the short request's window overtakes the long one's queued windows.
 */
class ServeFairnessTest {

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aShortRequestIsAnsweredWhileALongOneIsStillBeingHeard() throws Exception {
        ServeMetrics metrics = new ServeMetrics();
        // One window per batch, 150 ms each: the long file's eight windows take at least 1.2 s in all.
        ServeBatching oneAtATime = new ServeBatching(1, 64, 1, Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1),
                1, 1024);
        try (Speech speech = Speech.serving(new SimulatedSpeechEngine(Duration.ofMillis(150), Duration.ZERO, 1), oneAtATime,
                metrics);
                MedleyServer server = MedleyServer.start(new ServeOptions("127.0.0.1", 0, null, 8 << 20), speech, metrics)) {
            ServeClient client = new ServeClient(server.port(), null);
            int[] levels = {101, 102, 103, 104, 105, 106, 107, 108};
            String longAudio = Base64.getEncoder().encodeToString(Wav.stretches(1.0, 1.5, levels));
            CompletableFuture<HttpResponse<String>> bulk = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.postJson("/v1/batch/transcriptions",
                            "{\"items\":[{\"request_id\":\"long\",\"audio\":\"" + longAudio + "\"}]}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Wait until the long file's windows are queued behind the engine.
            while (queued(client.get("/metrics").body()) < 1) {
                Thread.sleep(5);
            }
            HttpResponse<String> interactive = client.transcribe(Wav.constant(999, 0.5), null);
            assertThat(interactive.statusCode()).isEqualTo(200);
            assertThat(interactive.body()).contains("level 999");
            assertThat(bulk).as("the long request is still being heard when the short one is answered").isNotDone();
            HttpResponse<String> done = bulk.get();
            assertThat(done.body()).contains("level 101 level 102").contains("level 108");
        }
    }

    private static double queued(String scrape) {
        return scrape.lines().filter(l -> l.startsWith("medley_queue_depth{priority=\"bulk\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
