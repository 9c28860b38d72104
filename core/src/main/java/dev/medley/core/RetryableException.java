package dev.medley.core;

/** Marks a failure worth retrying, such as a busy service or a dropped connection. */
public class RetryableException extends RuntimeException {

    /** Creates an exception with a message. */
    public RetryableException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the failure behind it. */
    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception wrapping the failure behind it. */
    public RetryableException(Throwable cause) {
        super(cause);
    }
}
