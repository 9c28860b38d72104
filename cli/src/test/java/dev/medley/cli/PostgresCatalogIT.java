package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.catalog.sql.PostgresServer;
import dev.medley.organize.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job with its catalog in PostgreSQL: the plan, the journal and undo live there as they do in a file. */
class PostgresCatalogIT {
    @TempDir Path dir;

    @Test
    void processApplyThenUndoOnAPostgresqlCatalogRestoresTheLibraryByteForByte() throws Exception {
        PostgresServer server = PostgresServer.shared().orElse(null);
        assumeTrue(server != null, PostgresServer::absence);
        MedleyProcess.Result demo = MedleyProcess.run("demo", "--dir", dir.resolve("demo").toString());
        assertThat(demo.exitCode()).isEqualTo(1);
        MedleyProcess.run("undo", "--last", "--catalog", dir.resolve("demo/catalog.db").toString());
        Path incoming = dir.resolve("in");
        Files.move(dir.resolve("demo/incoming"), incoming);
        Map<String, String> before = tree(incoming);
        Path library = dir.resolve("library");
        String catalog = server.url(server.newDatabase());

        MedleyProcess.Result apply = MedleyProcess.run("process", incoming.toString(), "--to", library.toString(),
                "--apply", "--catalog", catalog);
        assertThat(apply.exitCode()).as(apply.stderr()).isEqualTo(1); // The damaged sample file, on purpose.
        assertThat(tree(library)).isNotEmpty();
        assertThat(apply.stderr() + apply.stdout()).doesNotContain(PostgresServer.PASSWORD);

        MedleyProcess.Result undo = MedleyProcess.run("undo", "--last", "--catalog", catalog);
        assertThat(undo.exitCode()).as(undo.stderr()).isZero();
        assertThat(tree(incoming)).isEqualTo(before);
        assertThat(tree(library)).isEmpty();
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), ContentHash.of(file));
            }
        }
        return files;
    }
}
