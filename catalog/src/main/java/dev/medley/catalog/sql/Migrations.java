package dev.medley.catalog.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings a catalog's schema up to date with the migrations beside this class, in
 * {@code migration/KIND/}: one folder per kind of database, the same versions and the same tables
 * and columns in each, spelled in each database's own types ({@code SchemaParityTest} holds them to it).
 */
final class Migrations {
    /** The newest migration's version; raise it with every new {@code V<n>__*.sql}, in every kind's folder. */
    static final int LATEST = 11;

    private Migrations() {}

    static void apply(Connection connection, Database database) throws SQLException {
        // Flyway costs a few hundred milliseconds of class loading and classpath scanning; a
        // catalog already at the newest version, the usual case, does not need it.
        if (appliedVersion(connection) == LATEST) {
            return;
        }
        database.flyway()
                .locations("classpath:dev/medley/catalog/sql/migration/" + database.kind())
                .load()
                .migrate();
    }

    private static int appliedVersion(Connection connection) throws SQLException {
        try (ResultSet table = connection.getMetaData().getTables(null, connection.getSchema(), "flyway_schema_history", null)) {
            if (!table.next()) {
                return 0;
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }
}
