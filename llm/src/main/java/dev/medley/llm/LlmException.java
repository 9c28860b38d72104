package dev.medley.llm;

import java.time.Duration;

/**
 * A request to the model failed as a whole. {@link #retryable()} says whether sending it again may
 * work (rate limited, server error, timeout, dropped connection); {@link #retryAfter()} is how long
 * the server asked to wait, or null. Messages never carry the API key.
 */
public final class LlmException extends Exception {
    /** What went wrong, by what the caller does next. */
    public enum Kind {
        /** 429: wait (Retry-After when given) and try again. */
        RATE_LIMITED(true),
        /** 5xx, 408, 409: try again after a backoff. */
        SERVER(true),
        /** No answer within the timeout. */
        TIMEOUT(true),
        /** The connection failed or dropped, or the body could not be read. */
        CONNECTION(true),
        /** The server does not take {@code response_format: json_schema}. */
        SCHEMA_UNSUPPORTED(false),
        /** Any other 4xx: the request itself is wrong, or the key; sending it again will not help. */
        REJECTED(false);

        final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    LlmException(Kind kind, int status, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** Returns the HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return kind.retryable;
    }

    /** Returns how long the server asked to wait before the next request, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
