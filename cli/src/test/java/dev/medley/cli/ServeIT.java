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
}
