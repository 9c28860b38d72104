package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void formatsForHumans() {
        assertThat(Durations.format(Duration.ofNanos(40_000))).isEqualTo("0.04ms");
        assertThat(Durations.format(Duration.ofMillis(2))).isEqualTo("2ms");
        assertThat(Durations.format(Duration.ofNanos(2_500_000))).isEqualTo("2.5ms");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofMillis(1_550))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.format(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(Durations.format(Duration.ofMinutes(62))).isEqualTo("1h02m");
    }

    @Test
    void clampsInsteadOfOverflowing() {
        assertThat(Durations.toNanos(Duration.ofDays(365L * 1_000))).isEqualTo(Long.MAX_VALUE);
    }
}
