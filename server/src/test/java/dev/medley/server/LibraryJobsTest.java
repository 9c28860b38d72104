package dev.medley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.catalog.Catalog;
import dev.medley.catalog.Catalogs;
import dev.medley.media.sample.SampleMedia;
import dev.medley.speech.SimulatedSpeechEngine;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Library jobs over real HTTP: runs recorded in a real catalog, plans reviewed then applied, cancel, events. */
class LibraryJobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path root;
    private Catalog catalog;
    private Speech speech;
    private LibraryJobs jobs;
    private MedleyServer server;
    private ServeClient client;

    @BeforeEach
    void start() throws Exception {
        catalog = Catalogs.open(root.resolve(".catalog/medley.db").toString());
        ServeMetrics metrics = new ServeMetrics();
        speech = Speech.serving(new SimulatedSpeechEngine(Duration.ofMillis(30), Duration.ZERO, 1), ServeBatching.DEFAULT,
                metrics);
        jobs = new LibraryJobs(catalog, List.of(root), speech.transcriber(), 1);
        server = MedleyServer.start(new ServeOptions("127.0.0.1", 0, null, 1 << 20).withRoots(List.of(root)), speech,
                metrics, jobs);
        client = new ServeClient(server.port(), null);
    }

    @AfterEach
    void stop() {
        server.close();
        jobs.close();
        catalog.close();
        speech.close();
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        HttpResponse<String> response = client.postJson(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private JsonNode awaitEnd(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job;
        do {
            job = JSON.readTree(client.get("/v1/jobs/" + id).body());
            if (!job.path("status").asText().matches("queued|running")) {
                return job;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + id + " did not end: " + job);
    }

    private Path songs(int count) throws Exception {
        Path incoming = Files.createDirectories(root.resolve("incoming"));
        for (int i = 1; i <= count; i++) {
            SampleMedia.write(incoming.resolve(String.format("%02d - Song %d.mp3", i, i)), SampleMedia.Format.MP3,
                    Duration.ofMillis(500), Map.of("artist", "The Band", "album", "First", "title", "Song " + i,
                            "track", String.valueOf(i)));
        }
        return incoming;
    }

    @Test
    void aPlanIsReviewedThenAppliedAndBothAreRunsInTheCatalog() throws Exception {
        Path incoming = songs(3);
        JsonNode plan = post("/v1/jobs", "{\"kind\":\"plan\",\"paths\":[\"incoming\"],\"to\":\"Library\",\"mode\":\"copy\"}",
                202);
        JsonNode done = awaitEnd(plan.path("id").asText());
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.path("plan").path("planned").asInt()).isEqualTo(3);
        assertThat(root.resolve("Library")).doesNotExist(); // a plan changes nothing

        JsonNode items = JSON.readTree(client.get("/v1/jobs/" + plan.path("id").asText() + "/plan").body());
        assertThat(items.path("data")).hasSize(3);
        assertThat(items.path("data").get(0).path("target").asText()).contains("Library/The Band/First/");

        JsonNode apply = post("/v1/jobs/" + plan.path("id").asText() + "/apply", "", 202);
        assertThat(awaitEnd(apply.path("id").asText()).path("applied").asInt()).isEqualTo(3);
        try (Stream<Path> library = Files.walk(root.resolve("Library"))) {
            assertThat(library.filter(Files::isRegularFile).count()).isEqualTo(3);
        }
        try (Stream<Path> left = Files.list(incoming)) {
            assertThat(left.count()).as("copied, so the sources stay").isEqualTo(3);
        }
        JsonNode runs = JSON.readTree(client.get("/v1/runs").body()).path("data");
        assertThat(runs).extracting(r -> r.path("command").asText()).contains("plan (serve)", "apply");
    }

    @Test
    void badJobRequestsAreRefusedWithAReason() throws Exception {
        songs(1);
        assertThat(post("/v1/jobs", "{\"kind\":\"shred\",\"paths\":[\"incoming\"]}", 400).toString()).contains("kind must be");
        assertThat(post("/v1/jobs", "{\"kind\":\"probe\",\"paths\":[\"../\"]}", 400).toString()).contains("outside");
        assertThat(post("/v1/jobs", "{\"kind\":\"probe\",\"paths\":[]}", 400).toString()).contains("paths");
        assertThat(post("/v1/jobs", "{\"kind\":\"plan\",\"paths\":[\"incoming\"]}", 400).toString()).contains("'to'");
        assertThat(post("/v1/jobs", "{\"kind\":\"plan\",\"paths\":[\"incoming\"],\"to\":\"../../elsewhere\"}", 400)
                .toString()).contains("outside");
        assertThat(client.get("/v1/jobs/job_999").statusCode()).isEqualTo(404);
        JsonNode probe = post("/v1/jobs", "{\"kind\":\"probe\",\"paths\":[\"incoming\"]}", 202);
        awaitEnd(probe.path("id").asText());
        assertThat(client.postJson("/v1/jobs/" + probe.path("id").asText() + "/apply", "").statusCode()).isEqualTo(409);
    }

    @Test
    void aCancelledTranscriptionStopsAndARerunFinishesTheRest() throws Exception {
        Path talks = Files.createDirectories(root.resolve("talks"));
        for (int i = 1; i <= 30; i++) {
            SampleMedia.write(talks.resolve("talk " + i + ".flac"), SampleMedia.Format.FLAC, Duration.ofMillis(1500),
                    Map.of("genre", "Podcast", "title", "Talk " + i));
        }
        JsonNode job = post("/v1/jobs", "{\"kind\":\"transcribe\",\"paths\":[\"talks\"],\"formats\":[\"txt\"]}", 202);
        String id = job.path("id").asText();
        while (JSON.readTree(client.get("/v1/jobs/" + id).body()).path("files").asInt() < 2) {
            Thread.sleep(10);
        }
        HttpResponse<String> cancelled = client.http().send(java.net.http.HttpRequest.newBuilder(client.uri("/v1/jobs/" + id))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cancelled.statusCode()).isEqualTo(200);
        JsonNode end = awaitEnd(id);
        assertThat(end.path("status").asText()).isEqualTo("cancelled");
        Map<Path, java.nio.file.attribute.FileTime> written = new java.util.HashMap<>();
        try (Stream<Path> files = Files.list(talks)) {
            for (Path txt : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                written.put(txt, Files.getLastModifiedTime(txt));
            }
        }
        assertThat(written.size()).isBetween(1, 29);

        JsonNode again = awaitEnd(post("/v1/jobs", "{\"kind\":\"transcribe\",\"paths\":[\"talks\"],\"formats\":[\"txt\"]}",
                202).path("id").asText());
        assertThat(again.path("status").asText()).isEqualTo("done");
        try (Stream<Path> files = Files.list(talks)) {
            assertThat(files.filter(f -> f.toString().endsWith(".txt")).count()).isEqualTo(30);
        }
        for (Map.Entry<Path, java.nio.file.attribute.FileTime> done : written.entrySet()) {
            assertThat(Files.getLastModifiedTime(done.getKey())).as("done before the cancel, not redone: " + done.getKey())
                    .isEqualTo(done.getValue());
        }
    }

    @Test
    void eventsFollowAJobUntilItEnds() throws Exception {
        songs(4);
        JsonNode job = post("/v1/jobs", "{\"kind\":\"identify\",\"paths\":[\"incoming\"]}", 202);
        HttpResponse<String> events = client.get("/v1/jobs/" + job.path("id").asText() + "/events");
        assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<JsonNode> states = events.body().lines().filter(l -> l.startsWith("data: "))
                .map(l -> {
                    try {
                        return JSON.readTree(l.substring(6)).path("job");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
        assertThat(states).isNotEmpty();
        assertThat(states.getLast().path("status").asText()).isEqualTo("done");
        assertThat(states.getLast().path("files").asInt()).isEqualTo(4);
        assertThat(states).extracting(s -> s.path("files").asInt()).isSorted();
    }
}
