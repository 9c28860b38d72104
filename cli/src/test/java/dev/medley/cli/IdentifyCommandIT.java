package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.media.sample.SampleMedia;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code medley identify} through the packaged command. */
class IdentifyCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void stdinModeAnswersEveryLineInOrder() throws Exception {
        List<String> names = List.of("The.Big.Show.S02E05E06.720p.HDTV.x264-GRP.mkv", "A Quiet Film (2018) 1080p BluRay.mkv",
                "Nina Kraft - Blue Hour (Live).mp3", "x".repeat(10_000) + ".mkv", "((((((((((((((((((((((((((((()))))");
        Process process = MedleyProcess.builder(List.of(), "identify", "--stdin", "--json").start();
        try (var in = process.getOutputStream()) {
            in.write(String.join("\n", names).getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(l -> l.get("input").asText()).containsExactlyElementsOf(names);
        assertThat(lines.get(0).get("kind").asText()).isEqualTo("episode");
        assertThat(lines.get(0).get("season").asInt()).isEqualTo(2);
        assertThat(lines.get(0).get("episode").isArray()).isTrue();
        assertThat(lines.get(1).get("kind").asText()).isEqualTo("movie");
        assertThat(lines.get(1).get("year").asInt()).isEqualTo(2018);
        assertThat(lines.get(2).get("kind").asText()).isEqualTo("music");
        assertThat(lines).allSatisfy(l -> assertThat(l.has("kind")).isTrue());
    }

    @Test
    void stdinGivesExactlyOneLinePerInputLineBlankOnesIncludedAndEchoesEachInputAsGiven() throws Exception {
        // Blank lines were skipped and inputs trimmed, so answers no longer lined up with the lines given.
        List<String> names = List.of("  The.Show.S01E02.mkv  ", "", "   ", "Film.Title.2018.1080p.mkv", "\t",
                "Artist - Song.mp3", "", "trailing line without a newline");
        Process process = MedleyProcess.builder(List.of(), "identify", "--stdin", "--json").start();
        try (var in = process.getOutputStream()) {
            // Windows line endings on some lines: the carriage return belongs to the line ending.
            in.write((names.get(0) + "\r\n" + String.join("\n", names.subList(1, names.size()))).getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        List<JsonNode> lines = MedleyProcess.jsonLines(out);
        assertThat(out.split("\n", -1)).hasSize(names.size() + 1); // one line each, each ended
        assertThat(lines).extracting(l -> l.get("input").asText()).containsExactlyElementsOf(names);
        assertThat(lines).allSatisfy(l -> assertThat(l.get("confidence").asDouble()).isBetween(0.0, 1.0));
        for (int i : new int[] {1, 2, 4, 6}) {
            assertThat(lines.get(i).get("kind").asText()).isEqualTo("other");
            assertThat(lines.get(i).get("error").asText()).isEqualTo("empty name");
        }
        assertThat(lines.get(0).get("title").asText()).isEqualTo("The Show");
        assertThat(lines.get(0).get("confidence").asDouble()).isGreaterThanOrEqualTo(0.8);
        assertThat(lines.get(3).get("kind").asText()).isEqualTo("movie");
    }

    @Test
    void tagsFromId3VorbisAndMp4AreReportedWithSourceTag() throws Exception {
        Path music = Files.createDirectories(dir.resolve("unsorted"));
        Map<String, String> tags = Map.of("artist", "Nina Kraft", "album", "Night Lines", "title", "Blue Hour",
                "date", "2019", "track", "3");
        SampleMedia.write(music.resolve("track one.mp3"), SampleMedia.Format.MP3, Duration.ofSeconds(1), tags);
        SampleMedia.write(music.resolve("track two.flac"), SampleMedia.Format.FLAC, Duration.ofSeconds(1), tags);
        SampleMedia.write(music.resolve("track three.m4a"), SampleMedia.Format.M4A_AAC, Duration.ofSeconds(1), tags);
        MedleyProcess.Result result = MedleyProcess.run("identify", music.toString(), "--json", "--catalog",
                dir.resolve("c.db").toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.lines()).hasSize(3);
        for (String line : result.lines()) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.get("kind").asText()).isEqualTo("music");
            assertThat(node.get("artist").asText()).isEqualTo("Nina Kraft");
            assertThat(node.get("album").asText()).isEqualTo("Night Lines");
            assertThat(node.get("title").asText()).isEqualTo("Blue Hour");
            assertThat(node.get("track").asInt()).isEqualTo(3);
            for (String field : List.of("artist", "album", "title", "track")) {
                assertThat(node.get("sources").get(field).get("source").asText()).as(field).isEqualTo("tag");
            }
        }
    }

    @Test
    void confidencesPrintedAs0point49999999999999994() throws Exception {
        Path library = dir.resolve("library");
        // An episode number read from a bare number is guessed: 0.7 - 0.2, which a double holds as 0.49999999999999994.
        for (String name : List.of("TV/Show/Show 105.mkv", "Anime/[Grp] Some Anime - 12 [1080p].mkv",
                "Films/The Quiet Field (2018)/the.quiet.field.mkv", "Music/Nina Kraft/Night Lines/03 blue hour.mp3")) {
            Files.createDirectories(library.resolve(name).getParent());
            Files.write(library.resolve(name), new byte[] {1});
        }
        MedleyProcess.Result result = MedleyProcess.run("identify", library.toString(), "--json", "--catalog",
                dir.resolve("c.db").toString());
        assertThat(result.lines()).hasSize(4);
        List<Double> confidences = new ArrayList<>();
        for (String line : result.lines()) {
            JSON.readTree(line).get("sources").forEach(source -> confidences.add(source.get("confidence").asDouble()));
        }
        assertThat(confidences).contains(0.5)
                .allSatisfy(c -> assertThat(c).isBetween(0.0, 1.0).isEqualTo(Math.round(c * 100) / 100.0));
        assertThat(result.stdout()).doesNotContainPattern("\\d\\.\\d{3,}");
    }

    @Test
    void readsTheFoldersBelowTheGivenFolderAsProcessDoes() throws Exception {
        Path roads = TestMedia.write(dir.resolve("alice/DL/Portishead - Roads.mp3"), 1);
        Path strangers = TestMedia.write(dir.resolve("alice/Dummy/03 - Strangers.mp3"), 2);
        MedleyProcess.Result result = MedleyProcess.run("identify", dir.resolve("alice").toString(), "--json",
                "--catalog", dir.resolve("c.db").toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Map<String, JsonNode> byPath = new java.util.HashMap<>();
        for (JsonNode line : result.json()) {
            byPath.put(line.get("path").asText(), line);
        }
        JsonNode song = byPath.get(roads.toString());
        assertThat(song.get("artist").asText()).isEqualTo("Portishead");
        assertThat(song.has("album")).as("DL is no album").isFalse();
        assertThat(song.has("albumArtist")).isFalse();
        JsonNode track = byPath.get(strangers.toString());
        assertThat(track.get("album").asText()).isEqualTo("Dummy");
        assertThat(track.has("albumArtist")).as("the folder given names no artist").isFalse();
    }
}
