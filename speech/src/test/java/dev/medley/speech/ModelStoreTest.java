package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    private static final String NAME = "tiny-test";

    @TempDir
    static Path source;

    private static byte[] model;
    private static String modelSha256;

    @TempDir
    Path dir;

    private FaultyServer server;

    @BeforeAll
    static void writeModel() throws IOException {
        Path file = TinyWhisperModel.write(source.resolve("ggml-" + NAME + ".bin"));
        model = Files.readAllBytes(file);
        modelSha256 = ModelStore.sha256(file);
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new FaultyServer(model);
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private ModelStore store(int attempts, Map<String, String> knownSha256) {
        return new ModelStore(dir, server.base(), new ModelDownload(attempts, Duration.ofSeconds(5)), knownSha256);
    }

    @Test
    void resumesAfterTheConnectionDropsAndChecksTheHash() throws Exception {
        server.dropAfter = model.length / 2;
        RecordingProgress progress = new RecordingProgress();

        ModelStore.Pulled pulled = store(3, Map.of(NAME, modelSha256)).pull(NAME, progress);

        assertThat(pulled.file()).isEqualTo(dir.resolve("ggml-tiny-test.bin"));
        assertThat(pulled.hashKnown()).isTrue();
        assertThat(pulled.alreadyPresent()).isFalse();
        assertThat(pulled.sha256()).isEqualTo(modelSha256);
        assertThat(Files.readAllBytes(pulled.file())).isEqualTo(model);
        assertThat(server.ranges).containsExactly("none", "bytes=" + model.length / 2 + "-");
        assertThat(progress.starts).containsExactly("0/" + model.length, model.length / 2 + "/" + model.length);
        assertThat(progress.last).isEqualTo(model.length);
        assertThat(dir.resolve("ggml-tiny-test.bin.part")).doesNotExist();
        assertThat(dir.resolve("ggml-tiny-test.bin.sha256"))
                .hasContent(modelSha256 + "  ggml-tiny-test.bin");
        assertThat(store(1, Map.of(NAME, modelSha256)).list())
                .containsExactly(new ModelStore.Model(NAME, pulled.file(), model.length, true));
    }

    @Test
    void aFailedPullLeavesItsPartForTheNextPull() throws Exception {
        server.dropAfter = 1_000_000;
        assertThatThrownBy(() -> store(1, Map.of(NAME, modelSha256)).pull(NAME, ModelStore.Progress.NONE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("pull again to resume");
        assertThat(dir.resolve("ggml-tiny-test.bin")).doesNotExist();
        assertThat(dir.resolve("ggml-tiny-test.bin.part")).hasSize(1_000_000);

        ModelStore.Pulled pulled = store(1, Map.of(NAME, modelSha256)).pull(NAME, ModelStore.Progress.NONE);

        assertThat(server.ranges).containsExactly("none", "bytes=1000000-");
        assertThat(Files.readAllBytes(pulled.file())).isEqualTo(model);
    }

    @Test
    void aCorruptedDownloadFailsItsHashAndLeavesNothing() throws Exception {
        server.body[server.body.length / 3] ^= 0x40;

        assertThatThrownBy(() -> store(3, Map.of(NAME, modelSha256)).pull(NAME, ModelStore.Progress.NONE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not the published " + modelSha256);
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void recordsTheHashOfAModelItHasNoneFor() throws Exception {
        ModelStore store = store(1, Map.of());

        ModelStore.Pulled pulled = store.pull(NAME, ModelStore.Progress.NONE);

        assertThat(pulled.hashKnown()).isFalse();
        assertThat(pulled.sha256()).isEqualTo(modelSha256);
        ModelStore.Verification check = store.verify(NAME);
        assertThat(check.ok()).isTrue();
        assertThat(check.expectedSha256()).isEqualTo(modelSha256);

        byte[] changed = model.clone();
        changed[changed.length - 1] ^= 1;
        Files.write(pulled.file(), changed);
        ModelStore.Verification recheck = store.verify(NAME);
        assertThat(recheck.ok()).isFalse();
        assertThat(recheck.problem()).contains("expected " + modelSha256);
        assertThat(store.list()).extracting(ModelStore.Model::verified).containsExactly(false);
    }

    @Test
    void aDownloadThatIsNoModelIsDeleted() throws Exception {
        server.body = "<html>rate limited</html>".repeat(100).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> store(1, Map.of()).pull(NAME, ModelStore.Progress.NONE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ggml magic");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aMissingModelIsNotRetried() throws IOException {
        assertThatThrownBy(() -> store(5, Map.of()).pull("nope", ModelStore.Progress.NONE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 404");
        assertThat(server.ranges).hasSize(1);
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void startsOverWhenTheServerIgnoresTheRange() throws Exception {
        Files.write(dir.resolve("ggml-tiny-test.bin.part"), Arrays.copyOf(new byte[] {1, 2, 3}, 5000));
        server.ignoreRanges = true;

        ModelStore.Pulled pulled = store(1, Map.of(NAME, modelSha256)).pull(NAME, ModelStore.Progress.NONE);

        assertThat(server.ranges).containsExactly("bytes=5000-");
        assertThat(Files.readAllBytes(pulled.file())).isEqualTo(model);
    }

    @Test
    void finishesAPartThatIsAlreadyWholeOrStartsOverOneTooLong() throws Exception {
        Files.write(dir.resolve("ggml-tiny-test.bin.part"), model);
        assertThat(store(1, Map.of(NAME, modelSha256)).pull(NAME, ModelStore.Progress.NONE).sha256())
                .isEqualTo(modelSha256);
        Files.delete(dir.resolve("ggml-tiny-test.bin"));

        Files.write(dir.resolve("ggml-tiny-test.bin.part"), Arrays.copyOf(model, model.length + 10));
        assertThat(store(2, Map.of(NAME, modelSha256)).pull(NAME, ModelStore.Progress.NONE).sha256())
                .isEqualTo(modelSha256);
        assertThat(server.ranges).containsExactly("bytes=" + model.length + "-", "bytes=" + (model.length + 10) + "-",
                "none");
    }

    @Test
    void aModelAlreadyHereIsVerifiedNotDownloaded() throws Exception {
        ModelStore store = store(1, Map.of(NAME, modelSha256));
        Files.write(store.path(NAME), model);

        ModelStore.Pulled pulled = store.pull(NAME, ModelStore.Progress.NONE);

        assertThat(pulled.alreadyPresent()).isTrue();
        assertThat(server.ranges).isEmpty();
        assertThat(store.list()).extracting(ModelStore.Model::verified).containsExactly(true);
    }

    @Test
    void namesAreCheckedAndMissingModelsReported() throws IOException {
        ModelStore store = store(1, Map.of());
        assertThatThrownBy(() -> store.pull("../../etc/passwd", ModelStore.Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.verify("base.en"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("medley models pull base.en");
        assertThat(new ModelStore(dir.resolve("absent")).list()).isEmpty();
    }

    @Test
    void downloadsFromHuggingFaceUnlessConfiguredOtherwise() {
        assertThat(new ModelStore(dir, ModelStore.DEFAULT_BASE_URL).url("base.en")).hasToString(
                "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin");
        assertThat(new ModelStore(dir, URI.create("http://mirror.local/models")).url("tiny"))
                .hasToString("http://mirror.local/models/ggml-tiny.bin");
        String before = System.getProperty("medley.models.url");
        System.setProperty("medley.models.url", "http://127.0.0.1:9/m/");
        try {
            assertThat(new ModelStore(dir).url("small")).hasToString("http://127.0.0.1:9/m/ggml-small.bin");
        } finally {
            if (before == null) {
                System.clearProperty("medley.models.url");
            } else {
                System.setProperty("medley.models.url", before);
            }
        }
        assertThat(ModelStore.knownSha256("base.en")).hasValue(
                "a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002");
        assertThat(ModelStore.knownSha256("large-v9")).isEmpty();
    }

    /** Records the start of each attempt and the last byte count. */
    private static final class RecordingProgress implements ModelStore.Progress {
        final List<String> starts = new CopyOnWriteArrayList<>();
        volatile long last;

        @Override
        public void started(long resumedFrom, long total) {
            starts.add(resumedFrom + "/" + total);
        }

        @Override
        public void transferred(long done, long total) {
            last = done;
        }
    }

    /**
     * Serves {@code /ggml-tiny-test.bin} on the loopback interface with range requests, and can drop the first
     * response part way or ignore ranges. Records each request's Range header.
     */
    private static final class FaultyServer {
        final List<String> ranges = new CopyOnWriteArrayList<>();
        volatile byte[] body;
        volatile long dropAfter = -1;
        volatile boolean ignoreRanges;
        private final HttpServer http;

        FaultyServer(byte[] body) throws IOException {
            this.body = body.clone();
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/models/", this::serve);
            http.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/models/");
        }

        void stop() {
            http.stop(0);
        }

        private void serve(HttpExchange exchange) throws IOException {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "none" : range);
            byte[] bytes = body;
            if (!exchange.getRequestURI().getPath().equals("/models/ggml-" + NAME + ".bin")) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            int start = 0;
            if (range != null && !ignoreRanges) {
                start = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
                if (start >= bytes.length) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + bytes.length);
                    exchange.sendResponseHeaders(416, -1);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().set("Content-Range",
                        "bytes " + start + "-" + (bytes.length - 1) + "/" + bytes.length);
            }
            exchange.sendResponseHeaders(start > 0 ? 206 : 200, bytes.length - start);
            OutputStream out = exchange.getResponseBody();
            long drop = dropAfter;
            if (drop >= 0) {
                // Once only: send part of the body, then cut the connection under the client.
                dropAfter = -1;
                out.write(bytes, start, (int) drop - start);
                out.flush();
                exchange.close();
                return;
            }
            out.write(bytes, start, bytes.length - start);
            exchange.close();
        }
    }
}
