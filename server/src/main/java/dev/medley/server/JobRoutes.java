package dev.medley.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.RunRecord;
import dev.medley.catalog.TranscriptRecord;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The library side of the server: jobs ({@code /v1/jobs}), the catalog's runs ({@code /v1/runs}), and the
 * files under the roots that the dashboard's transcript viewer plays ({@code /v1/library/...}).
 */
final class JobRoutes {
    private static final Map<String, String> AUDIO_TYPES = Map.of("mp3", "audio/mpeg", "wav", "audio/wav", "flac",
            "audio/flac", "ogg", "audio/ogg", "opus", "audio/ogg", "m4a", "audio/mp4", "mp4", "video/mp4", "webm",
            "video/webm", "mkv", "video/x-matroska", "aac", "audio/aac");

    private final MedleyServer server;
    private final LibraryJobs jobs;
    private final ServeOptions options;

    private JobRoutes(MedleyServer server, LibraryJobs jobs, ServeOptions options) {
        this.server = server;
        this.jobs = jobs;
        this.options = options;
    }

    static void register(HttpRouting.Builder routing, MedleyServer server, LibraryJobs jobs, ServeOptions options) {
        JobRoutes routes = new JobRoutes(server, jobs, options);
        routing.post("/v1/jobs", routes::create);
        routing.get("/v1/jobs", routes::list);
        routing.get("/v1/jobs/{id}", routes::get);
        routing.delete("/v1/jobs/{id}", routes::cancel);
        routing.get("/v1/jobs/{id}/events", routes::events);
        routing.get("/v1/jobs/{id}/plan", routes::plan);
        routing.post("/v1/jobs/{id}/apply", routes::apply);
        routing.get("/v1/runs", routes::runs);
        routing.get("/v1/library/audio", routes::audio);
        routing.get("/v1/library/transcript", routes::transcript);
    }

    private boolean available(ServerResponse response) {
        if (jobs == null) {
            MedleyServer.error(response, 404, "invalid_request_error",
                    "this server runs no library jobs: start it with --root DIR");
            return false;
        }
        return true;
    }

    private LibraryJobs.Job job(ServerRequest request, ServerResponse response) {
        if (!available(response)) {
            return null;
        }
        String id = request.path().pathParameters().get("id");
        LibraryJobs.Job job = jobs.get(id);
        if (job == null) {
            MedleyServer.error(response, 404, "invalid_request_error", "no job with that id");
        }
        return job;
    }

    private void create(ServerRequest request, ServerResponse response) throws IOException {
        if (!available(response)) {
            return;
        }
        JsonNode body;
        try {
            body = MedleyServer.JSON.readTree(server.body(request));
        } catch (IOException e) {
            MedleyServer.error(response, 400, "invalid_request_error", "the body is not JSON");
            return;
        }
        LibraryJobs.Kind kind;
        try {
            kind = LibraryJobs.Kind.valueOf(body.path("kind").asText("").toUpperCase(Locale.ROOT));
            if (kind == LibraryJobs.Kind.APPLY) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            MedleyServer.error(response, 400, "invalid_request_error",
                    "kind must be probe, identify, transcribe or plan (apply a plan with POST /v1/jobs/ID/apply)");
            return;
        }
        try {
            LibraryJobs.Job job = jobs.submit(new LibraryJobs.Request(kind, texts(body.path("paths")),
                    body.hasNonNull("to") ? body.path("to").asText() : null,
                    body.hasNonNull("mode") ? body.path("mode").asText() : null, texts(body.path("formats")), null));
            MedleyServer.json(response, 202, job.json());
        } catch (IllegalArgumentException e) {
            MedleyServer.error(response, 400, "invalid_request_error", e.getMessage());
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(node -> texts.add(node.asText()));
        } else if (array.isTextual()) {
            texts.add(array.asText());
        }
        return texts;
    }

    private void list(ServerRequest request, ServerResponse response) throws IOException {
        if (!available(response)) {
            return;
        }
        ObjectNode list = MedleyServer.JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        List<LibraryJobs.Job> all = jobs.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            data.add(all.get(i).json());
        }
        MedleyServer.json(response, 200, list);
    }

    private void get(ServerRequest request, ServerResponse response) throws IOException {
        LibraryJobs.Job job = job(request, response);
        if (job != null) {
            MedleyServer.json(response, 200, job.json());
        }
    }

    private void cancel(ServerRequest request, ServerResponse response) throws IOException {
        LibraryJobs.Job job = job(request, response);
        if (job != null) {
            jobs.cancel(job.id);
            MedleyServer.json(response, 200, job.json());
        }
    }

    /** Server-sent events: the job's state each time it changes (at most ten a second), until it ends. */
    private void events(ServerRequest request, ServerResponse response) throws IOException {
        LibraryJobs.Job job = job(request, response);
        if (job == null) {
            return;
        }
        OutputStream out = MedleyServer.sse(response);
        long seen = -1;
        try {
            while (true) {
                long version = job.version();
                if (version != seen) {
                    seen = version;
                    ObjectNode state = job.json();
                    MedleyServer.event(out, MedleyServer.JSON.createObjectNode().put("type", "job.progress")
                            .set("job", state));
                    if (job.finished()) {
                        break;
                    }
                }
                Thread.sleep(100);
                if (job.awaitChange(seen, 15_000) == seen && !job.finished()) {
                    out.write(": still running\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.flush();
                }
                if (server.draining()) {
                    break;
                }
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | java.io.UncheckedIOException e) {
            // The client left; the job goes on.
        }
    }

    private void plan(ServerRequest request, ServerResponse response) throws IOException {
        LibraryJobs.Job job = job(request, response);
        if (job == null) {
            return;
        }
        JsonNode plan = job.json().path("plan");
        if (plan.isMissingNode()) {
            MedleyServer.error(response, 409, "invalid_request_error", "this job has no plan (yet): plan jobs have one "
                    + "once they are done");
            return;
        }
        int limit = Math.min(5_000, Math.max(1, request.query().first("limit").asOptional().map(Integer::parseInt)
                .orElse(1_000)));
        ObjectNode list = MedleyServer.JSON.createObjectNode().put("object", "list").put("run_id", plan.path("run_id").asLong());
        list.set("data", jobs.planItems(plan.path("run_id").asLong(), limit));
        MedleyServer.json(response, 200, list);
    }

    private void apply(ServerRequest request, ServerResponse response) throws IOException {
        LibraryJobs.Job job = job(request, response);
        if (job == null) {
            return;
        }
        JsonNode plan = job.json().path("plan");
        if (plan.isMissingNode() || !job.json().path("status").asText().equals("done")) {
            MedleyServer.error(response, 409, "invalid_request_error", "only a finished plan job can be applied");
            return;
        }
        try {
            LibraryJobs.Job applying = jobs.submit(new LibraryJobs.Request(LibraryJobs.Kind.APPLY, List.of(), null, null,
                    null, plan.path("run_id").asLong()));
            MedleyServer.json(response, 202, applying.json());
        } catch (IllegalArgumentException e) {
            MedleyServer.error(response, 400, "invalid_request_error", e.getMessage());
        }
    }

    private void runs(ServerRequest request, ServerResponse response) throws IOException {
        if (!available(response)) {
            return;
        }
        ObjectNode list = MedleyServer.JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (RunRecord run : jobs.catalog().runs(50)) {
            ObjectNode node = data.addObject();
            node.put("id", run.id()).put("command", run.command()).put("status", run.status().name().toLowerCase(Locale.ROOT))
                    .put("started_at", run.startedAt().getEpochSecond()).put("total", run.total()).put("ok", run.ok())
                    .put("failed", run.failed()).put("skipped", run.skipped());
            if (run.endedAt() != null) {
                node.put("ended_at", run.endedAt().getEpochSecond());
            }
        }
        MedleyServer.json(response, 200, list);
    }

    private Path libraryFile(ServerRequest request, ServerResponse response) {
        if (!available(response)) {
            return null;
        }
        try {
            return Roots.resolve(options.roots(), request.query().first("path").asOptional().orElse(""));
        } catch (IllegalArgumentException e) {
            MedleyServer.error(response, 400, "invalid_request_error", e.getMessage());
            return null;
        }
    }

    /** The audio of a file under the roots, for the transcript viewer's player. */
    private void audio(ServerRequest request, ServerResponse response) throws IOException {
        Path file = libraryFile(request, response);
        if (file == null) {
            return;
        }
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        response.header(HeaderNames.CONTENT_TYPE, AUDIO_TYPES.getOrDefault(extension, "application/octet-stream"));
        response.header(HeaderNames.CONTENT_LENGTH, String.valueOf(Files.size(file)));
        try (InputStream in = Files.newInputStream(file); OutputStream out = response.outputStream()) {
            in.transferTo(out);
        }
    }

    /** The latest transcript of a file under the roots, as cues with times, from the JSON a transcribe job wrote. */
    private void transcript(ServerRequest request, ServerResponse response) throws IOException {
        Path file = libraryFile(request, response);
        if (file == null) {
            return;
        }
        Optional<TranscriptRecord> record = jobs.catalog().transcript(PathKey.of(file));
        Optional<Path> json = record.filter(TranscriptRecord::ok).stream().flatMap(r -> r.outputs().stream())
                .filter(o -> o.endsWith(".json")).map(Path::of).filter(Files::isRegularFile).findFirst();
        if (json.isEmpty()) {
            MedleyServer.error(response, 404, "invalid_request_error", "no transcript of that file yet: run a "
                    + "transcribe job with json among its formats");
            return;
        }
        MedleyServer.json(response, 200, MedleyServer.JSON.readTree(json.get().toFile()));
    }
}
