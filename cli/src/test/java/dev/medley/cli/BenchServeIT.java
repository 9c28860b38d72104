package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code medley bench serve}, small and fast, through the packaged command: its table's shape, not its speed. */
class BenchServeIT {
    @Test
    void reportsEachSettingWithRatiosAndTheBatchersOwnCost() throws Exception {
        MedleyProcess.Result result = MedleyProcess.run("bench", "serve", "--requests", "24", "--clients", "8",
                "--sizes", "1,4,auto", "--c0-ms", "4", "--c1-ms", "1", "--latency-target-ms", "10", "--json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode figures = result.json().getFirst();
        JsonNode rows = figures.path("simulated");
        assertThat(rows).extracting(r -> r.path("batch").asText()).containsExactly("1", "4", "auto");
        for (JsonNode row : rows) {
            assertThat(row.path("requestsPerSecond").asDouble()).isPositive();
            assertThat(row.path("p95Ms").asDouble()).isGreaterThanOrEqualTo(row.path("p50Ms").asDouble());
            assertThat(row.path("meanBatch").asDouble()).isBetween(1.0, 64.0);
        }
        assertThat(rows.get(0).path("ratioToBatch1").asDouble()).isEqualTo(1.0);
        assertThat(rows.get(0).path("meanBatch").asDouble()).isEqualTo(1.0);
        assertThat(rows.get(1).path("meanBatch").asDouble()).isLessThanOrEqualTo(4.0);
        assertThat(rows.get(1).path("idealPerSecond").asDouble()).isEqualTo(4 / 0.008, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(rows.get(2).path("targetMs").asInt()).isEqualTo(10);
        assertThat(figures.path("queueOverheadMicrosPerItem").asDouble()).isPositive();
    }

    @Test
    void refusesBadSizes() throws Exception {
        MedleyProcess.Result result = MedleyProcess.run("bench", "serve", "--sizes", "1,huge");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--sizes");
    }
}
