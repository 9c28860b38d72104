package dev.medley.speech;

import dev.medley.core.RateLimiter;
import dev.medley.core.RetryPolicy;
import dev.medley.core.RetryableException;
import dev.medley.core.Sleeper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Takes one window through its attempts: rate limit, request, reading the answer, and a wait
 * before each retry.
 *
 * <p>Retried while the policy has attempts left and its predicate accepts the failure (offered as
 * a {@link RetryableException}): HTTP 408, 429 and 5xx, timeouts, and connections that failed or
 * were reset. The wait is the server's {@code Retry-After} (seconds or an HTTP-date; also
 * {@code retry-after-ms}) when it sends one, else the policy's backoff. Never retried: any other
 * 4xx. A malformed or truncated answer is retried once at most: a cut-off body is usually a dropped
 * connection, but a server that sends nonsense twice will go on doing so.
 *
 * <p>Every attempt takes one request from the rate limiter, retries included, since the server
 * counts them all. It takes no tokens: transcription is billed by audio time, not tokens.
 */
final class RemoteCall {

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");

    private final RemoteClient client;
    private final RateLimiter rateLimiter;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final String language;

    RemoteCall(RemoteClient client, RateLimiter rateLimiter, RetryPolicy retry, Sleeper sleeper, Clock clock,
            String language) {
        this.client = client;
        this.rateLimiter = rateLimiter;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        this.language = language;
    }

    /**
     * Returns the transcript of {@code window}.
     *
     * @throws RetryableException when the last attempt failed in a way that may pass later
     *     (busy or failing server, timeout, connection)
     * @throws RemoteException when the server refused the request or answered nonsense
     * @throws InterruptedException when interrupted while waiting or sending
     */
    WindowTranscript transcribe(AudioWindow window) throws Exception {
        if (window.samples().length == 0) {
            return new WindowTranscript(window.id(), List.of(), RemoteAnswers.isoCode(language));
        }
        boolean malformedBefore = false;
        for (int attempt = 1; ; attempt++) {
            rateLimiter.acquire(0);
            Failure failure;
            try {
                HttpResponse<byte[]> response = client.send(window);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    try {
                        return RemoteAnswers.transcript(window, response.body(), language);
                    } catch (RemoteException e) {
                        failure = new Failure("malformed answer from " + client.uri() + ": " + e.getMessage(), e,
                                malformedBefore ? Kind.REFUSED : Kind.MALFORMED, null);
                        malformedBefore = true;
                    }
                } else {
                    failure = statusFailure(status, response);
                }
            } catch (HttpTimeoutException e) {
                failure = new Failure("no answer from " + client.uri() + " within " + format(client.timeout()), e,
                        Kind.TRANSIENT, null);
            } catch (IOException e) {
                failure = new Failure("connection to " + client.uri() + " failed: " + describe(e), e,
                        Kind.TRANSIENT, null);
            }
            if (!shouldRetry(failure, attempt)) {
                throw failure.toException(window, attempt);
            }
            sleeper.sleep(failure.retryAfter() != null
                    ? failure.retryAfter()
                    : retry.backoff(attempt, ThreadLocalRandom.current()));
        }
    }

    private Failure statusFailure(int status, HttpResponse<byte[]> response) {
        String message = RemoteAnswers.errorMessage(response.body());
        String reason = "HTTP " + status + " from " + client.uri() + (message.isEmpty() ? "" : ": " + message);
        boolean busy = status == 408 || status == 429 || status >= 500;
        return new Failure(reason, null, busy ? Kind.TRANSIENT : Kind.REFUSED,
                busy ? retryAfter(response.headers(), clock) : null);
    }

    private boolean shouldRetry(Failure failure, int attempt) {
        if (failure.kind() == Kind.REFUSED || attempt >= retry.maxAttempts()) {
            return false;
        }
        try {
            return retry.retryable().test(new RetryableException(failure.reason(), failure.cause()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Returns how long the server asks to wait, or null when it does not say or says it unreadably. */
    static Duration retryAfter(HttpHeaders headers, Clock clock) {
        Optional<String> millis = headers.firstValue("retry-after-ms").map(String::strip);
        if (millis.isPresent() && DECIMAL.matcher(millis.get()).matches()) {
            return Duration.ofNanos(Math.round(Double.parseDouble(millis.get()) * 1e6));
        }
        String value = headers.firstValue("retry-after").map(String::strip).orElse("");
        if (DECIMAL.matcher(value).matches()) {
            return Duration.ofNanos(Math.round(Double.parseDouble(value) * 1e9));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Returns {@code d} for people: 300ms, 5s, 1.5s. */
    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Tells how a failed attempt may go on. */
    private enum Kind {
        /** May pass on another attempt, and later. */
        TRANSIENT,
        /** A first unreadable answer: one more attempt. */
        MALFORMED,
        /** Another attempt would fail the same way. */
        REFUSED
    }

    private record Failure(String reason, Throwable cause, Kind kind, Duration retryAfter) {
        Exception toException(AudioWindow window, int attempts) {
            String message = "window " + window.id() + ": " + reason + " (" + attempts
                    + (attempts == 1 ? " attempt)" : " attempts)");
            return kind == Kind.TRANSIENT ? new RetryableException(message, cause) : new RemoteException(message, cause);
        }
    }
}
