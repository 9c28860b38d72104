package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.media.sample.SampleMedia;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code medley serve} as a process: real HTTP on loopback, the built-in engine, SIGTERM to stop. */
class ServeIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path dir;

    private static HttpResponse<String> upload(int port, byte[] file, String format) throws Exception {
        String boundary = "medley-test";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\n" + format + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/audio/transcriptions"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTranscriptionsAndStopsInOrderOnSigterm() throws Exception {
        Path wav = dir.resolve("tone.wav");
        SampleMedia.write(wav, SampleMedia.Format.WAV, Duration.ofMillis(800), Map.of());
        Process server = MedleyProcess.builder(List.of(), "serve", "--port", "0").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            Matcher serving = Pattern.compile("serving .* on http://127\\.0\\.0\\.1:(\\d+)/v1").matcher(String.valueOf(line));
            assertThat(serving.find()).as(line).isTrue();
            int port = Integer.parseInt(serving.group(1));

            HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> json = upload(port, Files.readAllBytes(wav), "json");
            HttpResponse<String> notAudio = upload(port, "not audio at all".getBytes(StandardCharsets.UTF_8), "json");
            HttpResponse<String> again = upload(port, Files.readAllBytes(wav), "text");

            assertThat(models.statusCode()).isEqualTo(200);
            assertThat(models.body()).contains("\"whisper-1\"");
            assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
            assertThat(json.body()).startsWith("{\"text\":");
            assertThat(notAudio.statusCode()).isEqualTo(400);
            assertThat(notAudio.body()).contains("\"error\"").doesNotContain("\tat ");
            assertThat(again.statusCode()).isEqualTo(200);

            server.destroy(); // SIGTERM
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void refusesToListenBeyondThisMachineWithoutAToken() throws Exception {
        MedleyProcess.Result result = MedleyProcess.run("serve", "--host", "0.0.0.0", "--port", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("needs a token");
    }

    /**
     * SIGTERM while 32 clients keep a simulated engine busy: every request sent before the signal is
     * answered with its own result, later ones are refused (503) or find the port closed, and the
     * server exits with 0.
     */
    @Test
    void sigtermUnderLoadFinishesEveryRequestInFlightAndExitsZero() throws Exception {
        Process server = MedleyProcess.builder(List.of(), "serve", "--port", "0", "--engine", "simulated:30,3",
                "--max-pending", "256").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
            Matcher serving = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/v1").matcher(String.valueOf(err.readLine()));
            assertThat(serving.find()).isTrue();
            int port = Integer.parseInt(serving.group(1));
            java.util.concurrent.atomic.AtomicLong signalled = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
            java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
            List<String> lost = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < 32; c++) {
                    pool.submit(() -> {
                        while (true) {
                            int level = 1_000 + next.getAndIncrement();
                            byte[] wav = tone(level);
                            long sent = System.nanoTime();
                            HttpResponse<String> response;
                            try {
                                response = upload(port, wav, "json");
                            } catch (java.io.IOException e) {
                                if (sent < signalled.get()) {
                                    lost.add(level + ": " + e);
                                }
                                return null; // the server has gone: this client stops
                            }
                            if (response.statusCode() == 503) {
                                refused.incrementAndGet();
                                return null;
                            }
                            if (response.statusCode() != 200 || !response.body().contains("level " + level)) {
                                lost.add(level + ": " + response.statusCode() + " " + response.body());
                            } else {
                                answered.incrementAndGet();
                            }
                        }
                    });
                }
                while (answered.get() < 100) {
                    Thread.sleep(10);
                }
                signalled.set(System.nanoTime());
                server.destroy(); // SIGTERM, with 32 requests in flight or queued
            }
            assertThat(lost).isEmpty();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
        } finally {
            server.destroyForcibly();
        }
    }

    /** Returns half a second of the constant 16-bit level {@code level}, which the simulated engine hears as "level N". */
    private static byte[] tone(int level) {
        int samples = 8_000;
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + 2 * samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16_000)
                .putInt(32_000).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) level);
        }
        return wav.array();
    }
}
