package dev.medley.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogsTest {
    @TempDir Path dir;

    @Test
    void aPlainPathAndAnSqliteUrlOpenTheSameCatalogFile() {
        Path file = dir.resolve("nested/catalog.db");
        long run;
        try (Catalog catalog = Catalogs.open(file.toString())) {
            run = catalog.startRun("scan", "");
        }
        assertThat(file).isRegularFile();
        for (String location : new String[] {"sqlite:" + file, "SQLite:" + file, "jdbc:sqlite:" + file}) {
            try (Catalog catalog = Catalogs.open(location)) {
                assertThat(catalog.run(run)).as(location).isPresent();
            }
        }
        try (Catalog catalog = Catalog.open(file)) {
            assertThat(catalog.run(run)).isPresent();
        }
    }

    @Test
    void anUnreachablePostgresqlIsNamedWithoutItsPassword() {
        // Port 1 on loopback: nothing listens there, so the driver is refused at once.
        for (String location : new String[] {"postgresql://medley:secret@127.0.0.1:1/medley",
                "jdbc:postgresql://127.0.0.1:1/medley?user=medley&password=secret", "postgres://127.0.0.1:1/medley"}) {
            assertThatThrownBy(() -> Catalogs.open(location)).as(location).isInstanceOf(CatalogException.class)
                    .hasMessageContaining("cannot open the catalog postgresql://")
                    .hasMessageContaining("127.0.0.1:1/medley")
                    .hasMessageContaining("check that the server is running")
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void anyOtherSchemeIsAClearError() {
        assertThatThrownBy(() -> Catalogs.open("mysql://db.example/medley")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("starts with mysql:, which names no kind of catalog")
                .hasMessageContaining("./NAME");
        assertThatThrownBy(() -> Catalogs.open("jdbc:catalog.db")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("names no kind of catalog after jdbc:");
        assertThatThrownBy(() -> Catalogs.open("sqlite:")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("names no file");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aFileWhoseNameHoldsAColonIsWrittenWithItsFolder() {
        Path file = dir.resolve("my:catalog.db");
        try (Catalog catalog = Catalogs.open(file.toString())) {
            catalog.startRun("scan", "");
        }
        assertThat(file).isRegularFile();
    }
}
