package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.llm.testing.FakeProvider;
import dev.medley.llm.testing.Fault;
import dev.medley.media.sample.SampleMedia;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code medley identify --llm} through the packaged command, against the fake provider on loopback. */
class IdentifyLlmIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What each hard name is: the oracle the fake model answers from. */
    private static final Map<String, String[]> HARD = new LinkedHashMap<>();
    private static final List<String> SURE = List.of(
            "The.Quiet.Harbour.S02E05.720p.HDTV.x264-GRP.mkv",
            "Paper Boats (2014) 1080p BluRay x264-GRP.mkv",
            "Winter.Signal.S01E01.1080p.WEB-DL.DDP5.1.H.264-GRP.mkv",
            "Stone Garden (1999) [1080p].mkv");

    @TempDir Path dir;

    @BeforeAll
    static void readHardNames() throws IOException {
        if (!HARD.isEmpty()) {
            return;
        }
        try (InputStream in = IdentifyLlmIT.class.getResourceAsStream("/llm/hard-music-names.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cells = line.split("\t", -1);
                    HARD.put(cells[0], cells);
                }
            }
        }
        assertThat(HARD).hasSize(50);
    }

    /** The fake model: the table's answer for a hard name; for anything else, the parser's reading, unsure. */
    static ObjectNode oracle(ObjectNode item) {
        String input = item.path("input").asText();
        String name = input.substring(input.lastIndexOf('/') + 1);
        String[] known = HARD.get(name);
        ObjectNode answer = JSON.createObjectNode();
        JsonNode parsed = item.path("parsed");
        answer.put("kind", known != null ? known[1] : parsed.path("kind").asText("other"));
        answer.put("title", known != null ? blankToNull(known[3]) : parsed.path("title").asText(null));
        Integer year = known != null && !known[4].isEmpty() ? Integer.valueOf(known[4])
                : parsed.has("year") ? parsed.get("year").asInt() : null;
        if (year == null) {
            answer.putNull("year");
        } else {
            answer.put("year", year);
        }
        for (String field : List.of("season", "episode", "track")) {
            answer.putNull(field);
        }
        answer.putNull("episodeTitle");
        answer.put("artist", known != null ? blankToNull(known[2]) : parsed.path("artist").asText(null));
        answer.putNull("album");
        answer.putNull("featuring");
        answer.put("version", known != null ? blankToNull(known[5]) : null);
        answer.put("confidence", known != null ? 0.9 : 0.5);
        return answer;
    }

    /** Returns the table's row for the file name at the end of {@code path}. */
    static String[] hard(String path) {
        return HARD.get(path.substring(path.lastIndexOf('/') + 1));
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private ProcessBuilder identify(FakeProvider provider, String which, String... more) {
        List<String> args = new ArrayList<>(List.of("identify", "--json", "--catalog", dir.resolve("catalog.db").toString(),
                "--llm", which, "--llm-endpoint", provider.endpoint().toString(), "--llm-model", "gpt-4o-mini"));
        args.addAll(List.of(more));
        return MedleyProcess.builder(List.of(), args.toArray(String[]::new));
    }

    private static MedleyProcess.Result withStdin(ProcessBuilder builder, List<String> lines) throws Exception {
        return MedleyProcess.run(builder, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unsureNamesAreAnsweredByTheModelSureOnesAreNeverSentAndARerunSendsNothing() throws Exception {
        List<String> names = new ArrayList<>(HARD.keySet());
        names.addAll(SURE);
        try (FakeProvider provider = new FakeProvider(IdentifyLlmIT::oracle, n -> Fault.NONE, null, Duration.ZERO)) {
            MedleyProcess.Result first = withStdin(identify(provider, "unsure", "--stdin"), names);

            assertThat(first.exitCode()).as(first.stderr()).isZero();
            List<JsonNode> lines = first.json();
            assertThat(lines).extracting(l -> l.get("input").asText()).containsExactlyElementsOf(names);
            Set<String> sent = new HashSet<>(provider.inputsSeen());
            assertThat(sent).isNotEmpty().doesNotContainAnyElementsOf(SURE);
            assertThat(HARD.keySet()).containsAll(sent);
            for (JsonNode line : lines) {
                String input = line.get("input").asText();
                if (sent.contains(input)) {
                    String[] truth = HARD.get(input);
                    assertThat(line.path("title").asText(null)).as(input).isEqualTo(blankToNull(truth[3]));
                    assertThat(line.path("artist").asText(null)).as(input).isEqualTo(blankToNull(truth[2]));
                }
            }
            assertThat(provider.inputsSeen()).hasSameSizeAs(sent); // Each sent once.
            assertThat(MedleyProcess.jsonLines(first.stderr()).getLast().get("requests").asInt())
                    .isEqualTo(provider.requests());
            int requests = provider.requests();

            MedleyProcess.Result again = withStdin(identify(provider, "unsure", "--stdin"), names);

            assertThat(again.exitCode()).isZero();
            assertThat(provider.inputsSeen()).as(again.stderr()).hasSize(sent.size());
            assertThat(provider.requests()).isEqualTo(requests);
            assertThat(again.stdout()).isEqualTo(first.stdout());
            assertThat(MedleyProcess.jsonLines(again.stderr()).getLast().get("fromCache").asInt()).isEqualTo(sent.size());
        }
    }

    @Test
    void tagsStillWinTheModelsFieldsAreMarkedAsItsAndTheKeyShowsNowhere() throws Exception {
        String key = "sk-medley-test-" + Long.toHexString(System.nanoTime());
        Path music = Files.createDirectories(dir.resolve("in"));
        String hard = "t-fire - say a prayer [nigeria] soul (1979).mp3";
        SampleMedia.write(music.resolve(hard), SampleMedia.Format.MP3, Duration.ofMillis(300), Map.of("artist", "Tagged Artist"));
        try (FakeProvider provider = new FakeProvider(IdentifyLlmIT::oracle, n -> Fault.NONE, key, Duration.ZERO)) {
            ProcessBuilder builder = identify(provider, "all", music.toString());
            builder.environment().put("MEDLEY_LLM_API_KEY", key);
            MedleyProcess.Result result = MedleyProcess.run(builder);

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode line = result.json().getFirst();
            assertThat(line.get("artist").asText()).isEqualTo("Tagged Artist");
            assertThat(line.path("sources").path("artist").path("source").asText()).isEqualTo("tag");
            assertThat(line.get("title").asText()).isEqualTo("Say a Prayer");
            assertThat(line.path("sources").path("title").path("source").asText()).isEqualTo("llm");
            assertThat(provider.authorizations()).containsOnly("Bearer " + key);
            assertThat(result.stdout()).doesNotContain(key);
            assertThat(result.stderr()).doesNotContain(key);
            for (Path file : Files.list(dir).filter(p -> p.getFileName().toString().startsWith("catalog.db") && Files.isRegularFile(p)).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(key);
            }
        }
    }

    @Test
    void aRunKilledMidwayIsResumedAskingOnlyWhatWasNeverAnswered() throws Exception {
        List<String> names = new ArrayList<>(HARD.keySet());
        // The fourth request never answers: the first three have been answered and kept when the run is killed.
        IntFunction<Fault> hangs = n -> n >= 3 ? Fault.STALL : Fault.NONE;
        Set<String> firstSent;
        int port;
        try (FakeProvider provider = new FakeProvider(IdentifyLlmIT::oracle, hangs, null, Duration.ofSeconds(60))) {
            port = provider.endpoint().getPort();
            Process process = identify(provider, "unsure", "--stdin", "--llm-workers", "1", "--llm-batch-size", "5")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = process.getOutputStream()) {
                in.write(String.join("\n", names).getBytes(StandardCharsets.UTF_8));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (provider.requests() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(provider.requests()).isEqualTo(4);
            process.destroyForcibly(); // SIGKILL
            process.waitFor(10, TimeUnit.SECONDS);
            firstSent = new HashSet<>(provider.inputsSeen());
        }
        assertThat(firstSent).hasSize(15);
        // The same endpoint again: answers are kept by endpoint, model, prompt and name.
        try (FakeProvider provider = new FakeProvider(IdentifyLlmIT::oracle, n -> Fault.NONE, null, Duration.ZERO, port)) {
            MedleyProcess.Result resumed = withStdin(identify(provider, "unsure", "--stdin"), names);

            assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
            Set<String> secondSent = new HashSet<>(provider.inputsSeen());
            assertThat(secondSent).doesNotContainAnyElementsOf(firstSent);
            assertThat(provider.inputsSeen()).hasSameSizeAs(secondSent);
            JsonNode stats = MedleyProcess.jsonLines(resumed.stderr()).getLast();
            assertThat(stats.get("fromCache").asInt()).isEqualTo(15);
            assertThat(stats.get("answered").asInt()).isEqualTo(secondSent.size());
        }
    }

    @Test
    void theBatchApiSubmitsOnceAndARunKilledWhileWaitingIsResumedMatchingEveryResultByCustomId() throws Exception {
        List<String> names = new ArrayList<>(HARD.keySet());
        try (FakeProvider provider = new FakeProvider(IdentifyLlmIT::oracle, n -> Fault.NONE, null, Duration.ZERO)) {
            provider.batches(Integer.MAX_VALUE, n -> Fault.NONE); // Never done while the first run waits.
            Process waiting = identify(provider, "unsure", "--stdin", "--llm-batch-api", "--llm-batch-poll", "0.05")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = waiting.getOutputStream()) {
                in.write(String.join("\n", names).getBytes(StandardCharsets.UTF_8));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (provider.batchIds().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // Polled a few times: the batch is kept in the catalog by now.
            waiting.destroyForcibly(); // SIGKILL
            waiting.waitFor(10, TimeUnit.SECONDS);
            assertThat(provider.batchIds()).hasSize(1);
            provider.batches(1, n -> Fault.NONE); // Done at the next look.

            MedleyProcess.Result resumed = withStdin(identify(provider, "unsure", "--stdin", "--llm-batch-api", "--resume",
                    "--llm-batch-poll", "0.05"), names);

            assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
            assertThat(provider.batchIds()).hasSize(1);
            assertThat(provider.requests()).isZero();
            Set<String> sent = new HashSet<>(provider.inputsSeen());
            assertThat(sent).isNotEmpty();
            for (JsonNode line : resumed.json()) {
                String input = line.get("input").asText();
                if (sent.contains(input)) {
                    assertThat(line.path("title").asText(null)).as(input).isEqualTo(blankToNull(HARD.get(input)[3]));
                    assertThat(line.path("artist").asText(null)).as(input).isEqualTo(blankToNull(HARD.get(input)[2]));
                }
            }
            assertThat(MedleyProcess.jsonLines(resumed.stderr()).getLast().get("answered").asInt()).isEqualTo(sent.size());
            assertThat(provider.violations()).isEmpty();
        }
    }
}
