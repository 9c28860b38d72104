package dev.medley.server;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The dashboard: a page and its script, served from the jar, with nothing fetched from elsewhere, so it
 * works offline. The page holds no data; it asks the API, with the token the user gives it.
 */
final class Dashboard {
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    private Dashboard() {}

    /** Paths anyone may load: the page's own files, which carry no data. */
    static boolean isPublic(String path) {
        return path.equals("/") || path.startsWith("/dashboard/") && FILES.containsKey(path.substring(11));
    }

    static void register(HttpRouting.Builder routing) {
        routing.get("/", (request, response) -> send(response, "index.html"));
        routing.get("/dashboard/{file}", Dashboard::file);
    }

    private static void file(ServerRequest request, ServerResponse response) throws IOException {
        String name = request.path().pathParameters().get("file");
        if (!FILES.containsKey(name)) {
            MedleyServer.error(response, 404, "invalid_request_error", "no such dashboard file");
            return;
        }
        send(response, name);
    }

    private static void send(ServerResponse response, String name) throws IOException {
        try (InputStream in = Dashboard.class.getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                MedleyServer.error(response, 404, "invalid_request_error", "the dashboard is not in this build");
                return;
            }
            response.header(HeaderNames.CONTENT_TYPE, FILES.get(name));
            response.header(HeaderNames.CACHE_CONTROL, "no-cache");
            response.header(HeaderNames.create("Content-Security-Policy"), "default-src 'self'; media-src 'self' blob:");
            response.send(in.readAllBytes());
        }
    }
}
