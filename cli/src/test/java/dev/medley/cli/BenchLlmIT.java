package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code medley bench llm}, small and fast, through the packaged command. */
class BenchLlmIT {
    @Test
    void batchingTakesATenthOfTheRequestsAndFewerPromptTokensForTheSameAnswers() throws Exception {
        MedleyProcess.Result result = MedleyProcess.run("bench", "llm", "--names", "60", "--first-token-ms", "5",
                "--tokens-per-second", "100000", "--instruction-tokens", "2000", "--json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode figures = result.json().getFirst();
        assertThat(figures.path("onePerRequest").path("requests").asInt()).isEqualTo(60);
        assertThat(figures.path("batched").path("requests").asInt()).isEqualTo(6);
        assertThat(figures.path("onePerRequest").path("answered").asInt()).isEqualTo(60);
        assertThat(figures.path("batched").path("answered").asInt()).isEqualTo(60);
        assertThat(figures.path("promptTokensSaved").asDouble()).isGreaterThan(0.85);
    }
}
