package dev.medley.speech;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one window to {@code POST /v1/audio/transcriptions} and returns the server's answer as it
 * came; judging the answer is the caller's business.
 */
final class RemoteClient implements AutoCloseable {

    static final String PATH = "/audio/transcriptions";

    private final HttpClient http;
    private final URI uri;
    private final String apiKey;
    private final String model;
    private final String language;
    private final Duration timeout;

    /**
     * Prepares a client for the server at {@code endpoint}, given with or without {@code /v1}.
     *
     * @param apiKey sent as a bearer token; null or blank for none
     * @param language an ISO 639-1 code, or {@code auto} or null to let the server detect it
     * @param timeout the longest one exchange may take, from sending to the last byte of the answer
     */
    RemoteClient(URI endpoint, String apiKey, String model, String language, Duration timeout) {
        this.uri = transcriptionsUri(endpoint);
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.model = model;
        this.language = language == null || language.isBlank() || language.equalsIgnoreCase("auto") ? null : language;
        this.timeout = timeout;
        // Plain-HTTP servers get HTTP/1.1 straight away: some local servers mishandle the h2c upgrade.
        this.http = HttpClient.newBuilder()
                .version("http".equalsIgnoreCase(uri.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .connectTimeout(timeout)
                .build();
    }

    /** Returns the transcription URL for a base URL given with or without a trailing {@code /v1}. */
    static URI transcriptionsUri(URI endpoint) {
        String base = endpoint.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create((base.endsWith("/v1") ? base : base + "/v1") + PATH);
    }

    URI uri() {
        return uri;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Sends {@code window} and returns the answer, whatever its status.
     *
     * @throws HttpTimeoutException when no complete answer came within the timeout
     * @throws IOException when the connection failed or was reset
     * @throws InterruptedException when interrupted; the exchange is abandoned
     */
    HttpResponse<byte[]> send(AudioWindow window) throws IOException, InterruptedException {
        MultipartBody body = MultipartBody.withRandomBoundary()
                .file("file", "audio.wav", "audio/wav", WavEncoder.encode(window.samples()))
                .field("model", model)
                .field("response_format", "verbose_json")
                .field("timestamp_granularities[]", "segment")
                .field("timestamp_granularities[]", "word");
        if (language != null) {
            body.field("language", language);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", body.contentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        // The request timeout stops at the headers; waiting on the future bounds the body too.
        CompletableFuture<HttpResponse<byte[]>> answer =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            return answer.get(nanos(timeout), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + RemoteCall.format(timeout));
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new HttpTimeoutException("no answer within " + RemoteCall.format(timeout));
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Drops every connection at once; exchanges still running fail. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
