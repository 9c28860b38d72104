package dev.medley.catalog.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both kinds of catalog have one schema: the same migrations by version and name, the same tables and columns. */
class SchemaParityTest {
    @TempDir Path dir;

    @Test
    void everyMigrationExistsForEveryKindOfDatabase() throws Exception {
        assertThat(migrations("postgresql")).isEqualTo(migrations("sqlite"))
                .hasSize(Migrations.LATEST)
                .contains("V10__run_hosts.sql", "V11__work_queue.sql");
    }

    @Test
    void sqliteAndPostgresqlCatalogsHaveTheSameTablesAndColumns() throws Exception {
        PostgresServer server = PostgresServer.shared().orElse(null);
        assumeTrue(server != null, PostgresServer::absence);
        Map<String, Set<String>> sqlite;
        try (SqlCatalog catalog = SqlCatalog.open(dir.resolve("catalog.db"));
                Connection connection = catalog.database().connect()) {
            sqlite = columns(connection);
        }
        Map<String, Set<String>> postgresql;
        try (SqlCatalog catalog = SqlCatalog.openPostgres(server.url(server.newDatabase()));
                Connection connection = catalog.database().connect()) {
            postgresql = columns(connection);
        }
        assertThat(postgresql).isEqualTo(sqlite).containsKeys("files", "journal", "runs");
        assertThat(postgresql.get("runs")).contains("host", "heartbeat_at");
    }

    private static Set<String> migrations(String kind) throws URISyntaxException, java.io.IOException {
        Path folder = Path.of(SchemaParityTest.class.getResource("/dev/medley/catalog/sql/migration/" + kind).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    private static Map<String, Set<String>> columns(Connection connection) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        Map<String, Set<String>> tables = new TreeMap<>();
        try (ResultSet column = metadata.getColumns(null, connection.getSchema(), "%", "%")) {
            while (column.next()) {
                String table = column.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                if (!table.equals("flyway_schema_history") && !table.startsWith("sqlite_")) {
                    tables.computeIfAbsent(table, name -> new TreeSet<>())
                            .add(column.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return tables;
    }
}
