package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.media.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job end to end through the packaged command: demo (process --apply), undo, organize's refusals. */
class ProcessCommandIT {
    @TempDir Path dir;

    @Test
    void theDemoFilesTheSampleAndUndoPutsItBackExactly() throws Exception {
        MedleyProcess.Result demo = MedleyProcess.run("demo", "--dir", dir.toString());
        assertThat(demo.exitCode()).as(demo.stderr()).isEqualTo(1); // The damaged sample file, on purpose.
        assertThat(demo.stdout()).contains("Report", "identified", "applied", "Cut Short.flac");
        Path library = dir.resolve("library");
        assertThat(library.resolve("Harbour Lights/Season 01/Harbour Lights - S01E01 - Pilot.mkv")).isRegularFile();
        assertThat(library.resolve("The Quiet Field (2018)/The Quiet Field (2018).en.srt")).isRegularFile();
        assertThat(library.resolve("The Quiet Field (2018)/Trailers/Trailer.webm")).isRegularFile();
        assertThat(library.resolve("Nina Kraft/Night Lines (2019)/cover.jpg")).isRegularFile();
        Path incoming = dir.resolve("incoming");
        assertThat(incoming.resolve("TV/Harbour Lights/Season 1/harbour lights pilot (copy).mkv")).isRegularFile();
        assertThat(incoming.resolve("Films/The Quiet Field (2018)/Sample/the.quiet.field.sample.mkv")).isRegularFile();

        MedleyProcess.Result undo = MedleyProcess.run("undo", "--last", "--catalog", dir.resolve("catalog.db").toString());
        assertThat(undo.exitCode()).as(undo.stderr()).isZero();
        assertThat(LibraryTrees.hashes(library)).isEmpty();

        // Run again: the same plan, the same result, and the JSON report says so.
        MedleyProcess.Result again = MedleyProcess.run("process", incoming.toString(), "--to", library.toString(),
                "--catalog", dir.resolve("catalog.db").toString(), "--json", "-q");
        assertThat(again.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(again.lines().getLast());
        assertThat(report.get("type").asText()).isEqualTo("report");
        assertThat(report.get("probe").get("fromCatalog").asLong()).isEqualTo(report.get("files").asLong() - 1);
        assertThat(report.get("plan").get("duplicates").asLong()).isEqualTo(1);
        assertThat(report.has("apply")).isFalse();
    }

    @Test
    void undoRestoresTheOriginalTreeExactly() throws Exception {
        Path incoming = LibraryTrees.sampleIncoming(dir);
        Map<String, String> before = LibraryTrees.hashes(incoming);
        String catalog = dir.resolve("catalog.db").toString();
        Path library = dir.resolve("lib");

        MedleyProcess.Result unreviewed = MedleyProcess.run("organize", incoming.toString(), "--to", library.toString(),
                "--apply", "--catalog", catalog);
        assertThat(unreviewed.exitCode()).isEqualTo(2);
        assertThat(unreviewed.stderr()).contains("no reviewed plan");

        MedleyProcess.Result plan = MedleyProcess.run("organize", incoming.toString(), "--to", library.toString(),
                "--catalog", catalog);
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(LibraryTrees.hashes(incoming)).isEqualTo(before); // A dry run touches nothing.
        MedleyProcess.Result apply = MedleyProcess.run("organize", incoming.toString(), "--to", library.toString(),
                "--apply", "--catalog", catalog);
        assertThat(apply.exitCode()).as(apply.stderr()).isZero();
        assertThat(LibraryTrees.hashes(library)).hasSize(plan.lines().stream().filter(l -> l.startsWith("move")).toList().size());

        MedleyProcess.Result undo = MedleyProcess.run("undo", "--last", "--catalog", catalog);
        assertThat(undo.exitCode()).as(undo.stderr()).isZero();
        assertThat(LibraryTrees.hashes(incoming)).isEqualTo(before);
        assertThat(LibraryTrees.hashes(library)).isEmpty();
        MedleyProcess.Result history = MedleyProcess.run("history", "--catalog", catalog, "--json");
        assertThat(history.lines()).extracting(line -> new ObjectMapper().readTree(line).get("command").asText())
                .startsWith("undo", "apply", "organize");
    }

    @Test
    void processJsonMixedThreeShapesWithoutATypeAndFailuresWereStrings() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        Path incoming = Files.createDirectories(dir.resolve("incoming/Nina Kraft/Night Lines (2019)"));
        Files.move(TestMedia.make(incoming, TestMedia.KINDS.get(0)), incoming.resolve("01 Blue Hour.mp3"));
        Files.writeString(incoming.resolve("02 Broken.mp3"), "ID3 and then nothing");
        MedleyProcess.Result result = MedleyProcess.run("process", dir.resolve("incoming").toString(), "--to",
                dir.resolve("library").toString(), "--apply", "--json", "-q", "--catalog", dir.resolve("c.db").toString());
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.lines()) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).extracting(line -> line.path("type").asText())
                .contains("plan-item", "apply-item").endsWith("report")
                .allSatisfy(type -> assertThat(type).isIn("plan-item", "apply-item", "report"));
        JsonNode failure = lines.getLast().get("failures").get(0);
        assertThat(failure.isObject()).as(failure.toString()).isTrue();
        assertThat(failure.get("path").asText()).endsWith("02 Broken.mp3");
        assertThat(failure.get("stage").asText()).isEqualTo("probe");
        assertThat(failure.get("error").asText()).isNotBlank();
        assertThat(lines.getLast().get("failures")).hasSize(1);
    }
}
