package dev.medley.core;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Decides whether a failed attempt is tried again, and how long to wait first.
 *
 * <p>The wait before attempt {@code n + 1} is {@code initialBackoff * multiplier^(n - 1)}, capped at
 * {@code maxBackoff}, then scaled by a random factor in {@code [1 - jitter, 1 + jitter]} and capped
 * again, so that workers failing together do not retry in lockstep.
 *
 * @param maxAttempts    attempts in all, including the first; at least 1
 * @param initialBackoff wait before the second attempt
 * @param maxBackoff     longest wait between attempts; not below {@code initialBackoff}
 * @param multiplier     growth of the wait per attempt; at least 1
 * @param jitter         relative random spread of each wait, from 0 to 1
 * @param retryable      accepts the failures worth another attempt
 */
public record RetryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double multiplier,
        double jitter,
        Predicate<Throwable> retryable) {

    /** Tries each item once. */
    public static final RetryPolicy NONE =
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0, failure -> false);

    /** Tries transient failures ({@link #isTransient}) up to 3 times: 200 ms, then 400 ms, ±20%. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(
            3, Duration.ofMillis(200), Duration.ofSeconds(10), 2.0, 0.2, RetryPolicy::isTransient);

    /** Validates every component; throws {@link IllegalArgumentException} on a bad one. */
    public RetryPolicy {
        Check.positive(maxAttempts, "maxAttempts");
        Check.notNegative(initialBackoff, "initialBackoff");
        Check.notNegative(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
        }
        Check.notNull(retryable, "retryable");
    }

    /**
     * Returns the wait after failed attempt number {@code attempt} (1-based), before the next one.
     *
     * @throws IllegalArgumentException when {@code attempt} is below 1
     */
    public Duration backoff(int attempt, RandomGenerator random) {
        Check.positive(attempt, "attempt");
        double cap = Durations.toNanos(maxBackoff);
        double base = Math.min(cap, Durations.toNanos(initialBackoff) * Math.pow(multiplier, attempt - 1));
        double factor = jitter == 0.0 ? 1.0 : 1.0 - jitter + 2.0 * jitter * random.nextDouble();
        return Duration.ofNanos((long) Math.min(cap, base * factor));
    }

    /**
     * Tells whether a failure is likely to pass on another attempt: {@link RetryableException},
     * {@link TimeoutException}, {@link SocketTimeoutException} and I/O errors, except those saying a
     * file is missing, forbidden or otherwise wrong on disk ({@link java.nio.file.NoSuchFileException},
     * {@link java.nio.file.AccessDeniedException}, other {@link FileSystemException} subclasses, a
     * plain {@link FileSystemException} whose reason says the file does not exist, and
     * {@link FileNotFoundException}). An {@link UncheckedIOException} is judged by its cause.
     */
    public static boolean isTransient(Throwable failure) {
        Throwable t = failure instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : failure;
        if (t instanceof RetryableException || t instanceof TimeoutException || t instanceof SocketTimeoutException) {
            return true;
        }
        return t instanceof IOException io && !isAboutTheFile(io);
    }

    // Trying again cannot make a missing or forbidden file appear.
    private static boolean isAboutTheFile(IOException e) {
        if (e instanceof FileNotFoundException) {
            return true;
        }
        if (!(e instanceof FileSystemException fs)) {
            return false;
        }
        if (fs.getClass() != FileSystemException.class) {
            return true;
        }
        String reason = fs.getReason();
        return reason != null && reason.toLowerCase(Locale.ROOT).contains("no such file");
    }
}
