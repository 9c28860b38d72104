package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final RetryPolicy POLICY = new RetryPolicy(
            8, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.25, RetryPolicy::isTransient);

    @Test
    void growsExponentiallyUpToTheCapWithoutJitter() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, 0.0, t -> true);
        RandomGenerator random = new Random(1);

        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(a -> policy.backoff(a, random)))
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                        Duration.ofMillis(800), Duration.ofMillis(1000), Duration.ofMillis(1000));
    }

    @Property(tries = 300)
    void staysWithinJitterBoundsAndTheCap(@ForAll @IntRange(min = 1, max = 12) int attempt, @ForAll long seed) {
        long base = Math.min(2_000, 100L << (attempt - 1));

        Duration backoff = POLICY.backoff(attempt, new Random(seed));

        assertThat(backoff.toNanos()).isBetween(
                (long) (base * 0.75 * 1_000_000), Math.min(2_000_000_000L, (long) (base * 1.25 * 1_000_000)));
    }

    @Test
    void jitterReachesBothEndsOfItsRange() {
        RandomGenerator low = () -> 0L;
        RandomGenerator high = new RandomGenerator() {
            @Override
            public long nextLong() {
                return -1L;
            }

            @Override
            public double nextDouble() {
                return Math.nextDown(1.0);
            }
        };

        assertThat(POLICY.backoff(1, low)).isEqualTo(Duration.ofMillis(75));
        assertThat(POLICY.backoff(1, high).toNanos()).isBetween(124_999_000L, 125_000_000L);
    }

    @Test
    void defaultRetriesTransientFailuresThreeTimes() {
        assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(3);
        assertThat(RetryPolicy.DEFAULT.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(RetryPolicy.DEFAULT.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(RetryPolicy.DEFAULT.retryable().test(new RetryableException("busy"))).isTrue();
        assertThat(RetryPolicy.DEFAULT.retryable().test(new IllegalStateException("bug"))).isFalse();
        assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.NONE.retryable().test(new RetryableException("busy"))).isFalse();
    }

    @Test
    void judgesTransientFailures() {
        assertThat(RetryPolicy.isTransient(new RetryableException("busy"))).isTrue();
        assertThat(RetryPolicy.isTransient(new TimeoutException())).isTrue();
        assertThat(RetryPolicy.isTransient(new SocketTimeoutException())).isTrue();
        assertThat(RetryPolicy.isTransient(new IOException("connection reset"))).isTrue();
        assertThat(RetryPolicy.isTransient(new UncheckedIOException(new IOException("reset")))).isTrue();
        assertThat(RetryPolicy.isTransient(new FileSystemException("/a", null, "Device or resource busy"))).isTrue();

        assertThat(RetryPolicy.isTransient(new NoSuchFileException("/a"))).isFalse();
        assertThat(RetryPolicy.isTransient(new AccessDeniedException("/a"))).isFalse();
        assertThat(RetryPolicy.isTransient(new NotDirectoryException("/a"))).isFalse();
        assertThat(RetryPolicy.isTransient(new FileSystemException("/a", null, "No such file or directory"))).isFalse();
        assertThat(RetryPolicy.isTransient(new FileNotFoundException("/a"))).isFalse();
        assertThat(RetryPolicy.isTransient(new UncheckedIOException(new NoSuchFileException("/a")))).isFalse();
        assertThat(RetryPolicy.isTransient(new IllegalArgumentException())).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1, 0, t -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1), 1, 0, t -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than initialBackoff");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 0.5, 0, t -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 1, 1.5, t -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> POLICY.backoff(0, new Random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempt");
    }
}
