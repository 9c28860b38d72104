package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteCallTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(RemoteCall.retryAfter(headers("Retry-After", "7"), clock)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RemoteCall.retryAfter(headers("Retry-After", " 1.5 "), clock)).isEqualTo(Duration.ofMillis(1500));
        assertThat(RemoteCall.retryAfter(headers("Retry-After", "0"), clock)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        assertThat(RemoteCall.retryAfter(headers("Retry-After", "Thu, 01 Jan 2026 00:01:30 GMT"), clock))
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void waitsNoLongerForADateInThePast() {
        assertThat(RemoteCall.retryAfter(headers("Retry-After", "Wed, 31 Dec 2025 23:59:00 GMT"), clock))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void prefersMillisecondsWhenTheServerGivesThem() {
        HttpHeaders both = HttpHeaders.of(Map.of("Retry-After", List.of("2"), "retry-after-ms", List.of("250")),
                (name, value) -> true);

        assertThat(RemoteCall.retryAfter(both, clock)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void ignoresAnUnreadableOrMissingRetryAfter() {
        assertThat(RemoteCall.retryAfter(headers("Retry-After", "soon"), clock)).isNull();
        assertThat(RemoteCall.retryAfter(headers("Retry-After", "-3"), clock)).isNull();
        assertThat(RemoteCall.retryAfter(headers("Retry-After", "NaN"), clock)).isNull();
        assertThat(RemoteCall.retryAfter(HttpHeaders.of(Map.of(), (name, value) -> true), clock)).isNull();
    }

    @Test
    void formatsDurationsForMessages() {
        assertThat(RemoteCall.format(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(RemoteCall.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(RemoteCall.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (n, v) -> true);
    }
}
