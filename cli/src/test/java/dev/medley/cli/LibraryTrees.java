package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.core.RawPaths;
import dev.medley.organize.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Folders of media as the organise tests compare them: every file's place and content. */
final class LibraryTrees {
    private LibraryTrees() {}

    /** Returns every file below {@code root}, by its path relative to it (bytes not UTF-8 as {@code \xNN}), to its content hash. */
    static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(RawPaths.display(root.relativize(file)), ContentHash.of(file));
            }
        }
        return files;
    }

    /**
     * Returns {@code dir/in}: the demo's sample of incoming media (films, episodes, music, a damaged
     * file, a duplicate), made by running the demo in {@code dir/demo} and undoing it.
     */
    static Path sampleIncoming(Path dir) throws IOException, InterruptedException {
        MedleyProcess.Result demo = MedleyProcess.run("demo", "--dir", dir.resolve("demo").toString());
        assertThat(demo.exitCode()).as(demo.stderr()).isEqualTo(1); // The damaged sample file, on purpose.
        MedleyProcess.Result undo = MedleyProcess.run("undo", "--last", "--catalog", dir.resolve("demo/catalog.db").toString());
        assertThat(undo.exitCode()).as(undo.stderr()).isZero();
        return Files.move(dir.resolve("demo/incoming"), dir.resolve("in"));
    }
}
