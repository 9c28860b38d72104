package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medley.llm.testing.FakeProvider;
import dev.medley.llm.testing.Fault;
import dev.medley.media.sample.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code medley process --llm} and the demo library through the packaged command, against the fake provider. */
class ProcessLlmIT {
    @TempDir Path dir;

    @BeforeAll
    static void readHardNames() throws Exception {
        IdentifyLlmIT.readHardNames();
    }

    private List<String> llm(FakeProvider provider) {
        return List.of("--llm", "--llm-endpoint", provider.endpoint().toString(), "--llm-model", "gpt-4o-mini");
    }

    private static MedleyProcess.Result medley(List<String> args) throws Exception {
        return MedleyProcess.run(args.toArray(String[]::new));
    }

    @Test
    void theModelsAnswersNameThePlanSureNamesStayHomeAndARerunAsksNothing() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/Music"));
        List<String> hard = List.of("t-fire - say a prayer [nigeria] soul (1979).mp3",
                "the.lanterns.-.paper.boats.1984.mp3", "nightlines_harbourlights_boats.mp3",
                "paper.boats.-.winter.lights.(dub).mp3", "glass garden - winter signal (demo 1998).ogg");
        for (String name : hard) {
            SampleMedia.Format format = name.endsWith(".ogg") ? SampleMedia.Format.OGG_VORBIS : SampleMedia.Format.MP3;
            // Each its own content (a comment says which), or all but one would be filed as duplicates.
            SampleMedia.write(in.resolve(name), format, Duration.ofMillis(300), Map.of("comment", name));
        }
        Path tv = Files.createDirectories(dir.resolve("in/TV"));
        SampleMedia.write(tv.resolve("The.Quiet.Harbour.S02E05.720p.HDTV.x264-GRP.mkv"), SampleMedia.Format.MKV_H264_AAC,
                Duration.ofMillis(300), Map.of());
        try (FakeProvider provider = new FakeProvider(IdentifyLlmIT::oracle, n -> Fault.NONE, null, Duration.ZERO)) {
            List<String> args = new ArrayList<>(List.of("process", dir.resolve("in").toString(), "--to",
                    dir.resolve("library").toString(), "--json", "-q", "--catalog", dir.resolve("catalog.db").toString()));
            args.addAll(llm(provider));

            MedleyProcess.Result parsed = medley(List.of("identify", dir.resolve("in").toString(), "--json",
                    "--catalog", dir.resolve("catalog.db").toString()));
            Set<String> unsure = new HashSet<>();
            for (JsonNode line : parsed.json()) {
                if (line.get("confidence").asDouble() < 0.8) {
                    unsure.add(line.get("path").asText());
                }
            }

            MedleyProcess.Result first = medley(args);

            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(unsure).isNotEmpty().noneMatch(path -> path.contains("Quiet.Harbour"));
            assertThat(new HashSet<>(provider.inputsSeen())).isEqualTo(unsure);
            List<JsonNode> lines = first.json();
            JsonNode report = lines.getLast();
            assertThat(report.path("llm").path("sent").asInt()).isEqualTo(unsure.size());
            assertThat(report.path("llm").path("answered").asInt()).isEqualTo(unsure.size());
            for (String path : unsure) {
                String[] truth = IdentifyLlmIT.hard(path);
                JsonNode item = lines.stream().filter(l -> path.equals(l.path("source").asText())).findFirst().orElseThrow();
                assertThat(item.path("target").asText()).as(item.toString()).contains(truth[3]);
            }
            int requests = provider.requests();

            MedleyProcess.Result again = medley(args);

            assertThat(again.exitCode()).isZero();
            assertThat(provider.requests()).isEqualTo(requests);
            JsonNode rerun = again.json().getLast();
            assertThat(rerun.path("llm").path("fromCache").asInt()).isEqualTo(report.path("llm").path("sent").asInt());
        }
    }

    @Test
    void onTheDemoLibraryOnlyNamesBelowTheConfidenceAreSent() throws Exception {
        ProcessBuilder demo = MedleyProcess.builder(List.of(), "demo", "--json");
        demo.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        assertThat(MedleyProcess.run(demo).exitCode()).isLessThanOrEqualTo(1);
        Path home = dir.resolve("data/medley/demo");
        ProcessBuilder undo = MedleyProcess.builder(List.of(), "undo", "--last", "--catalog",
                home.resolve("catalog.db").toString());
        assertThat(MedleyProcess.run(undo).exitCode()).isZero();
        Path incoming = home.resolve("incoming");
        String catalog = dir.resolve("c.db").toString();

        MedleyProcess.Result parsed = medley(List.of("identify", incoming.toString(), "--json", "--catalog", catalog));
        Set<String> unsure = new HashSet<>();
        for (JsonNode line : parsed.json()) {
            if (line.get("confidence").asDouble() < 0.8) {
                unsure.add(line.get("path").asText());
            }
        }
        try (FakeProvider provider = new FakeProvider(IdentifyLlmIT::oracle, n -> Fault.NONE, null, Duration.ZERO)) {
            List<String> args = new ArrayList<>(List.of("identify", incoming.toString(), "--json", "--catalog", catalog));
            args.addAll(llm(provider));

            MedleyProcess.Result refined = medley(args);

            assertThat(refined.exitCode()).as(refined.stderr()).isLessThanOrEqualTo(1);
            assertThat(new HashSet<>(provider.inputsSeen())).isEqualTo(unsure);
            System.out.printf("demo library: %d files, %d sent to the model%n", parsed.json().size(), unsure.size());
        }
    }
}
