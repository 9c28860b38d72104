package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.RunRecord;
import dev.medley.core.RawPaths;
import dev.medley.media.MediaProbe;
import dev.medley.metadata.Identify;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names that are not valid UTF-8 keep their bytes through planning, applying and undoing: two
 * names that differ only in such a byte stay two files with two targets, a folder with such a name
 * is entered and filed, targets keep the bytes of the names they come from, and nothing shows
 * U+FFFD.
 */
class NonUtf8NamesTest {
    private static final Planner.Probes PLAYABLE = PlayableProbes.withTags(Map.of());

    @TempDir Path dir;

    /** Returns the path of {@code folder}'s child with the name {@code name}, in which \xNN stands for byte NN. */
    static Path child(Path folder, String name) {
        return RawPaths.resolve(folder, RawPaths.text(bytes(name)));
    }

    /** Returns {@code name}'s bytes: UTF-8, with each \xNN as the byte NN. */
    static byte[] bytes(String name) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < name.length(); i++) {
            if (name.startsWith("\\x", i)) {
                out.write(HexFormat.fromHexDigits(name, i + 2, i + 4));
                i += 3;
            } else {
                out.writeBytes(String.valueOf(name.charAt(i)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    /** Returns every file below {@code root}: its path below the root as {@code \xNN}-shown bytes, to its content. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(RawPaths.display(root.relativize(file)), Files.readString(file));
            }
        }
        return files;
    }

    private record Applied(long applyRun, List<Applier.Result> results) {}

    private List<Planner.Planned> plan(Catalog catalog, long run, Mode mode) {
        List<Planner.Planned> lines = new ArrayList<>();
        new Planner(catalog, new Planner.Options(dir.resolve("lib"), List.of(dir.resolve("in")), mode, false,
                OnConflict.SKIP, Templates.DEFAULT)).plan(run, PLAYABLE, Identify.DEFAULT, lines::add, (path, problem) -> {
                    throw new AssertionError(path + ": " + problem);
                });
        catalog.finishRun(run, RunRecord.Status.COMPLETED, new RunRecord.Counts(0, 0, 0, 0));
        return lines;
    }

    private static Applied apply(Catalog catalog, long plan) {
        long run = catalog.startRun("apply", "--plan " + plan);
        List<Applier.Result> results = new ArrayList<>();
        new Applier(catalog).apply(plan, run, results::add);
        catalog.finishRun(run, RunRecord.Status.COMPLETED, new RunRecord.Counts(0, 0, 0, 0));
        return new Applied(run, results);
    }

    @Test
    void namesThatAreNotUtf8ArePlannedMovedCopiedAndUndoneWithTheirBytes() throws Exception {
        Path in = dir.resolve("in");
        write(child(in, "Heat\\xff.1995.mkv"), "heat, one cut");
        write(child(in, "Heat\\xfe.1995.mkv"), "heat, another cut");
        Path folder = child(in, "Ronin \\xc3(1998)");
        write(child(folder, "Ronin.1998.mkv"), "ronin");
        write(child(folder, "Ronin.1998.\\xff.srt"), "subtitles");
        Map<String, String> before = tree(in);
        assertThat(before).containsOnlyKeys("Heat\\xff.1995.mkv", "Heat\\xfe.1995.mkv", "Ronin \\xc3(1998)/Ronin.1998.mkv",
                "Ronin \\xc3(1998)/Ronin.1998.\\xff.srt");
        Map<String, String> filed = Map.of(
                "Heat\\xff (1995)/Heat\\xff (1995).mkv", "heat, one cut",
                "Heat\\xfe (1995)/Heat\\xfe (1995).mkv", "heat, another cut",
                "Ronin (1998)/Ronin (1998).mkv", "ronin",
                "Ronin (1998)/Ronin (1998).\\xff.srt", "subtitles");

        for (Mode mode : List.of(Mode.MOVE, Mode.COPY)) {
            try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
                long plan = catalog.startRun("organize", "");
                List<Planner.Planned> lines = plan(catalog, plan, mode);
                assertThat(lines).as("%s: every file planned, none skipped", mode).hasSize(4)
                        .allSatisfy(line -> assertThat(line.item().skipped()).as(line.item().reason()).isFalse());
                for (Planner.Planned line : lines) {
                    String shown = PathKey.display(line.item().source()) + PathKey.display(line.item().target())
                            + line.item().reason();
                    assertThat(shown).doesNotContain("\uFFFD").doesNotContain("?");
                }

                Applied applied = apply(catalog, plan);
                assertThat(applied.results()).extracting(Applier.Result::status).containsOnly(Applier.Status.DONE);
                assertThat(tree(dir.resolve("lib"))).as("%s: the library, bytes and all", mode).isEqualTo(filed);
                assertThat(tree(in)).as("%s: the sources", mode).isEqualTo(mode == Mode.MOVE ? Map.of() : before);

                List<Undo.Result> undone = new ArrayList<>();
                new Undo(catalog).undo(applied.applyRun(), catalog.startRun("undo", ""), undone::add);
                assertThat(undone).extracting(Undo.Result::status).containsOnly(Applier.Status.DONE);
                assertThat(tree(in)).as("%s: undone, every byte of every name back", mode).isEqualTo(before);
                assertThat(tree(dir.resolve("lib"))).isEmpty();
            }
        }
    }
}
