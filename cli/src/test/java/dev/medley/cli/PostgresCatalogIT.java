package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.catalog.sql.PostgresServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job with its catalog in PostgreSQL: the plan, the journal and undo live there as they do in a file. */
class PostgresCatalogIT {
    @TempDir Path dir;

    @Test
    void processApplyThenUndoOnAPostgresqlCatalogRestoresTheLibraryByteForByte() throws Exception {
        PostgresServer server = PostgresServer.shared().orElse(null);
        assumeTrue(server != null, PostgresServer::absence);
        Path incoming = LibraryTrees.sampleIncoming(dir);
        Map<String, String> before = LibraryTrees.hashes(incoming);
        Path library = dir.resolve("library");
        String catalog = server.url(server.newDatabase());

        MedleyProcess.Result apply = MedleyProcess.run("process", incoming.toString(), "--to", library.toString(),
                "--apply", "--catalog", catalog);
        assertThat(apply.exitCode()).as(apply.stderr()).isEqualTo(1); // The damaged sample file, on purpose.
        assertThat(LibraryTrees.hashes(library)).isNotEmpty();
        assertThat(apply.stderr() + apply.stdout()).doesNotContain(PostgresServer.PASSWORD);

        MedleyProcess.Result undo = MedleyProcess.run("undo", "--last", "--catalog", catalog);
        assertThat(undo.exitCode()).as(undo.stderr()).isZero();
        assertThat(LibraryTrees.hashes(incoming)).isEqualTo(before);
        assertThat(LibraryTrees.hashes(library)).isEmpty();
    }

}
