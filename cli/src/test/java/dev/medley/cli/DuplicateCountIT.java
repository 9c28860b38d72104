package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organise report said "duplicate of ..." in its lines and "duplicates: 0" in its summary: a
 * file identical to one already in the library was counted as a conflict. Through the packaged
 * command, the summary's counts are those of the lines.
 */
class DuplicateCountIT {
    @TempDir Path dir;

    @Test
    void theSummaryCountsAsDuplicatesTheFilesItsLinesCallDuplicates() throws Exception {
        Path in = dir.resolve("in");
        Path library = dir.resolve("lib");
        TestMedia.write(in.resolve("Heat.1995.1080p.mkv"), 1);
        Files.createDirectories(library.resolve("Heat (1995)"));
        Files.copy(in.resolve("Heat.1995.1080p.mkv"), library.resolve("Heat (1995)/Heat (1995).mkv"));
        TestMedia.write(in.resolve("Ronin.1998.720p.mkv"), 2);
        TestMedia.write(library.resolve("Ronin (1998)/Ronin (1998).mkv"), 3); // Another cut: a conflict.
        TestMedia.write(in.resolve("Alien.1979.mkv"), 4);
        Files.createDirectories(in.resolve("copies"));
        Files.copy(in.resolve("Alien.1979.mkv"), in.resolve("copies/Alien.1979.mkv")); // A duplicate within the plan.
        String catalog = dir.resolve("catalog.db").toString();

        MedleyProcess.Result plan = MedleyProcess.run("organize", in.toString(), "--to", library.toString(),
                "--catalog", catalog);
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.lines()).filteredOn(line -> line.contains("duplicate of")).hasSize(2);
        assertThat(plan.lines()).filteredOn(line -> line.contains("target exists")).hasSize(1);
        assertThat(plan.stderr()).contains("duplicates: 2, conflicts: 1");

        MedleyProcess.Result json = MedleyProcess.run("organize", in.toString(), "--to", library.toString(),
                "--catalog", catalog, "--json", "-q");
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        String summaryLine = json.stderr().lines().filter(l -> l.startsWith("{") && l.contains("\"duplicates\""))
                .findFirst().orElseThrow();
        JsonNode summary = new ObjectMapper().readTree(summaryLine);
        assertThat(summary.get("duplicates").asLong()).isEqualTo(2);
        assertThat(summary.get("conflicts").asLong()).isEqualTo(1);

        MedleyProcess.Result process = MedleyProcess.run("process", in.toString(), "--to", library.toString(),
                "--catalog", catalog);
        assertThat(process.exitCode()).as(process.stderr()).isZero();
        assertThat(process.stdout()).contains("(duplicates: 2, conflicts: 1)");
    }
}
