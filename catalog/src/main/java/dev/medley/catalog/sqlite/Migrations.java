package dev.medley.catalog.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** Brings a catalog's schema up to date with the migrations beside this class, in {@code migration/}. */
final class Migrations {
    /** The newest migration's version; raise it with every new {@code V<n>__*.sql}. */
    static final int LATEST = 9;

    private Migrations() {}

    static void apply(Connection connection, Path file) throws SQLException {
        // Flyway costs a few hundred milliseconds of class loading and classpath scanning; a
        // catalog already at the newest version, the usual case, does not need it.
        if (appliedVersion(connection) == LATEST) {
            return;
        }
        Flyway.configure()
                .dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:dev/medley/catalog/sqlite/migration")
                .load()
                .migrate();
    }

    private static int appliedVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet table = statement.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'")) {
                if (!table.next()) {
                    return 0;
                }
            }
            try (ResultSet row = statement.executeQuery(
                    "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }
}
