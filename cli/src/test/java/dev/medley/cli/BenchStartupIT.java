package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.media.TestMedia;
import org.junit.jupiter.api.Test;

/** `medley bench startup` with a handful of files: both measurements run and the figures are there. */
class BenchStartupIT {
    @Test
    void timesAnEmptyProbeAndGeneratedFilesAgainstFfprobePerFile() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        MedleyProcess.Result bench = MedleyProcess.run("bench", "startup", "--files", "4", "--runs", "1", "--json");
        assertThat(bench.exitCode()).as(bench.stderr()).isZero();
        JsonNode figures = new ObjectMapper().readTree(bench.lines().getLast());
        assertThat(figures.get("files").asInt()).isEqualTo(4);
        assertThat(figures.get("workers").asInt()).isEqualTo(2);
        assertThat(figures.get("emptyProbeRuns")).hasSize(1);
        for (String figure : new String[] {"emptyProbeSeconds", "probeSeconds", "ffprobeSeconds", "ratio"}) {
            assertThat(figures.get(figure).asDouble()).as(figure).isPositive();
        }
    }
}
