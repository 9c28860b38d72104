package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** `medley bench organize` on a small library: every generated file is planned, and the figures are there. */
class BenchOrganizeIT {
    @Test
    void plansEveryGeneratedFileColdAndWarmAndMeasuresTheLiveHeap() throws Exception {
        MedleyProcess.Result bench = MedleyProcess.run("bench", "organize", "--files", "150", "--film-folders", "3", "--json");
        assertThat(bench.exitCode()).as(bench.stderr()).isZero();
        JsonNode figures = new ObjectMapper().readTree(bench.lines().getLast());
        assertThat(figures.get("files").asInt()).isEqualTo(150);
        for (String library : new String[] {"quarter", "full"}) {
            int media = library.equals("full") ? 150 : 37;
            for (String run : new String[] {"coldDryRun", "warmDryRun"}) {
                JsonNode step = figures.get(library).get(run);
                assertThat(step.get("planned").asLong()).as(library + " " + run)
                        .isEqualTo(media + BenchOrganizeCommand.subtitles(media));
                assertThat(step.get("skipped").asLong()).isZero();
                assertThat(step.get("liveHeapBeforeMiB").asDouble()).isPositive();
                assertThat(step.get("peakLiveHeapMiB").asDouble()).isGreaterThanOrEqualTo(step.get("liveHeapBeforeMiB").asDouble());
                assertThat(step.get("wallSeconds").asDouble()).isPositive();
            }
        }
    }
}
