package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final FakeClock clock = new FakeClock();

    private RateLimiter.Builder limiter() {
        return RateLimiter.builder().ticker(clock).sleeper(clock);
    }

    @Test
    void admitsTheLimitPerMinuteThenRefusesUntilTheClockAdvances() {
        RateLimiter limiter = limiter().requestsPerMinute(3).build();

        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isFalse();
        clock.advance(Duration.ofSeconds(19));
        assertThat(limiter.tryAcquire(0)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isFalse();
    }

    @Test
    void acquireSleepsThroughTheSleeperUntilItsTurn() throws InterruptedException {
        RateLimiter limiter = limiter().requestsPerMinute(3).build();

        for (int i = 0; i < 5; i++) {
            limiter.acquire(0);
        }

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(20));
    }

    @Test
    void limitsTokensPerMinute() throws InterruptedException {
        RateLimiter limiter = limiter().tokensPerMinute(1_000).build();

        limiter.acquire(600);
        assertThat(limiter.tryAcquire(600)).isFalse();
        assertThat(limiter.tryAcquire(400)).isTrue();
        limiter.acquire(300);

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(18));
    }

    @Test
    void refusesARequestLargerThanTheTokenLimitAtOnce() {
        RateLimiter limiter = limiter().tokensPerMinute(1_000).build();

        assertThatThrownBy(() -> limiter.acquire(1_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a request for 1001 tokens can never pass: the limit is 1000 tokens per minute");
        assertThatThrownBy(() -> limiter.tryAcquire(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void limitsRequestsPerDayAlongsideTheMinuteLimit() throws InterruptedException {
        RateLimiter limiter = limiter().requestsPerMinute(100).requestsPerDay(3).build();

        limiter.acquire(0);
        limiter.acquire(0);
        limiter.acquire(0);
        assertThat(limiter.tryAcquire(0)).isFalse();
        limiter.acquire(0);

        assertThat(clock.sleeps()).containsExactly(Duration.ofHours(8));
    }

    @Test
    void givesTheReservationBackWhenInterruptedWhileWaiting() {
        RateLimiter limiter = RateLimiter.builder().requestsPerMinute(1).ticker(clock)
                .sleeper(d -> {
                    throw new InterruptedException();
                })
                .build();
        assertThat(limiter.tryAcquire(0)).isTrue();

        assertThatThrownBy(() -> limiter.acquire(0)).isInstanceOf(InterruptedException.class);
        clock.advance(Duration.ofMinutes(1));

        assertThat(limiter.tryAcquire(0)).isTrue();
    }

    @Test
    void unlimitedAdmitsEverything() throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            RateLimiter.UNLIMITED.acquire(1_000_000);
        }
        assertThat(RateLimiter.UNLIMITED.tryAcquire(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void builderValidatesEachArgumentAndRejectsASecondCall() {
        assertThatThrownBy(() -> RateLimiter.builder().requestsPerMinute(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestsPerMinute");
        assertThatThrownBy(() -> RateLimiter.builder().ticker(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticker");
        assertThatThrownBy(() -> RateLimiter.builder().tokensPerMinute(5).tokensPerMinute(6))
                .isInstanceOf(IllegalStateException.class).hasMessage("tokensPerMinute was already set");
    }
}
