package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.core.RawPaths;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that are not valid UTF-8, through the packaged command: Java reads each such byte as
 * U+FFFD, so two files printed the same, {@code process} refused the whole run ("appears twice",
 * exit 2), a folder with such a name was never filed, and moved files got lossy names (a\xff.mp3
 * became bytes a EF BF BD .mp3). Here every name keeps its bytes and shows as \xNN.
 */
class NonUtf8NamesIT {
    @TempDir Path dir;

    /** Returns the child of {@code folder} named {@code name}, in which \xNN stands for the byte NN. */
    private static Path child(Path folder, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < name.length(); i++) {
            if (name.startsWith("\\x", i)) {
                bytes.write(HexFormat.fromHexDigits(name, i + 2, i + 4));
                i += 3;
            } else {
                bytes.writeBytes(String.valueOf(name.charAt(i)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return RawPaths.resolve(folder, RawPaths.text(bytes.toByteArray()));
    }

    /** Returns every file below {@code root}: its path below the root with bytes that are not UTF-8 as \xNN, to its hash. */
    private static void assertNoReplacementCharacter(MedleyProcess.Result result) {
        assertThat(result.stdout()).doesNotContain("\uFFFD");
        assertThat(result.stderr()).doesNotContain("\uFFFD");
    }

    @Test
    void namesThatAreNotUtf8AreShownEscapedPlannedAppliedAndUndoneWithTheirBytes() throws Exception {
        Path in = dir.resolve("in");
        TestMedia.write(child(in, "Heat\\xff.1995.mkv"), 1);
        TestMedia.write(child(in, "Heat\\xfe.1995.mkv"), 2);
        // Below the folder given, an artist's and an album's folder: the folder given itself names neither.
        Path album = child(child(in, "Nina Kraft"), "Night Lines");
        TestMedia.write(child(album, "a\\xff.mp3"), 3);
        TestMedia.write(child(album, "a\\xfe.mp3"), 4);
        Path folder = child(in, "Ronin \\xc3(1998)");
        TestMedia.write(child(folder, "Ronin.1998.mkv"), 5);
        Files.writeString(child(folder, "Ronin.1998.\\xff.srt"), "1\n00:00:00,000 --> 00:00:01,000\nsubtitle\n");
        Map<String, String> before = LibraryTrees.hashes(in);
        assertThat(before).hasSize(6);
        Path library = dir.resolve("lib");
        String catalog = dir.resolve("catalog.db").toString();

        MedleyProcess.Result process = MedleyProcess.run("process", in.toString(), "--to", library.toString(),
                "--catalog", catalog);
        assertThat(process.exitCode()).as(process.stderr()).isZero();
        assertNoReplacementCharacter(process);
        assertThat(process.stdout()).contains("in/Heat\\xff.1995.mkv", "in/Heat\\xfe.1995.mkv",
                "in/Nina Kraft/Night Lines/a\\xff.mp3", "in/Nina Kraft/Night Lines/a\\xfe.mp3", "in/Ronin \\xc3(1998)/Ronin.1998.mkv");

        MedleyProcess.Result plan = MedleyProcess.run("organize", in.toString(), "--to", library.toString(),
                "--catalog", catalog);
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertNoReplacementCharacter(plan);
        assertThat(plan.stdout()).contains(
                "-> Heat\\xff (1995)/Heat\\xff (1995).mkv", "-> Heat\\xfe (1995)/Heat\\xfe (1995).mkv",
                "-> Ronin (1998)/Ronin (1998).mkv", "-> Ronin (1998)/Ronin (1998).\\xff.srt",
                // Taken for tracks, their folders for artist and album: the title keeps its byte.
                "/A\\xff.mp3  (track 'A\\xff'", "/A\\xfe.mp3  (track 'A\\xfe'");

        MedleyProcess.Result apply = MedleyProcess.run("organize", "--apply", "--catalog", catalog);
        assertThat(apply.exitCode()).as(apply.stderr()).isZero();
        assertNoReplacementCharacter(apply);
        Map<String, String> filed = LibraryTrees.hashes(library);
        assertThat(filed).hasSize(6).containsAllEntriesOf(Map.of(
                "Heat\\xff (1995)/Heat\\xff (1995).mkv", before.get("Heat\\xff.1995.mkv"),
                "Heat\\xfe (1995)/Heat\\xfe (1995).mkv", before.get("Heat\\xfe.1995.mkv"),
                "Ronin (1998)/Ronin (1998).mkv", before.get("Ronin \\xc3(1998)/Ronin.1998.mkv"),
                "Ronin (1998)/Ronin (1998).\\xff.srt", before.get("Ronin \\xc3(1998)/Ronin.1998.\\xff.srt")));
        assertThat(filed).anySatisfy((name, hash) -> {
            assertThat(name).endsWith("/A\\xff.mp3");
            assertThat(hash).isEqualTo(before.get("Nina Kraft/Night Lines/a\\xff.mp3"));
        }).anySatisfy((name, hash) -> {
            assertThat(name).endsWith("/A\\xfe.mp3");
            assertThat(hash).isEqualTo(before.get("Nina Kraft/Night Lines/a\\xfe.mp3"));
        });
        assertThat(Files.exists(child(library, "Heat\\xff (1995)"))).as("the byte itself, not EF BF BD").isTrue();

        MedleyProcess.Result undo = MedleyProcess.run("undo", "--last", "--catalog", catalog);
        assertThat(undo.exitCode()).as(undo.stderr()).isZero();
        assertNoReplacementCharacter(undo);
        assertThat(undo.stdout()).contains("restored  " + in + "/Ronin \\xc3(1998)/Ronin.1998.\\xff.srt");
        assertThat(LibraryTrees.hashes(in)).isEqualTo(before);
        assertThat(LibraryTrees.hashes(library)).isEmpty();

        MedleyProcess.Result copy = MedleyProcess.run("organize", in.toString(), "--to", library.toString(),
                "--mode", "copy", "--apply", "--yes", "--json", "--catalog", catalog);
        assertThat(copy.exitCode()).as(copy.stderr()).isZero();
        assertNoReplacementCharacter(copy);
        assertThat(copy.stdout()).contains("\"source\":\"" + in + "/Heat\\\\xfe.1995.mkv\"");
        assertThat(LibraryTrees.hashes(library)).isEqualTo(filed);
        assertThat(LibraryTrees.hashes(in)).isEqualTo(before);
    }
}
