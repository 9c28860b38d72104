package dev.medley.catalog.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/** A catalog in one SQLite file on this machine. */
final class SqliteDatabase extends Database {
    private final Path file;

    SqliteDatabase(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    @Override
    String kind() {
        return "sqlite";
    }

    @Override
    String describe() {
        return file.toString();
    }

    @Override
    Connection connect() throws SQLException {
        return connect(file);
    }

    static Connection connect(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            // WAL: readers and the writer do not block each other; NORMAL sync keeps every
            // commit across a process crash (not a power cut), at a fraction of FULL's cost.
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=NORMAL");
            statement.execute("PRAGMA busy_timeout=10000");
            statement.execute("PRAGMA foreign_keys=ON");
        }
        return connection;
    }

    /**
     * A connection whose transactions read, then write (plans; starting an apply). Begun lazily, such a
     * transaction cannot take the write lock once another connection has committed since its read:
     * SQLite then fails at once with SQLITE_BUSY instead of waiting. Begun IMMEDIATE, it waits for the
     * lock first. Only these: a writer begun IMMEDIATE would hold the lock between its batches.
     */
    @Override
    Connection connectForReadThenWrite() throws SQLException {
        Connection connection = connect();
        connection.unwrap(SQLiteConnection.class).getConnectionConfig()
                .setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return connection;
    }

    @Override
    FluentConfiguration flyway() {
        return Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null);
    }

    /** {@code FILE.purpose} beside the catalog's file: where crash records have always been. */
    @Override
    Path stateFolder(String purpose) {
        return file.resolveSibling(file.getFileName() + "." + purpose);
    }

    @Override
    void lockApplies(Connection connection, long planRun) {
        // The transaction began IMMEDIATE: it holds the file's write lock already.
    }

    @Override
    String integrityCheck(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new ArrayList<>();
            while (row.next()) {
                lines.add(row.getString(1));
            }
            return String.join("\n", lines);
        }
    }

    @Override
    String nowMillis() {
        return "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }

    /** One writer at a time: a claim's transaction holds the file's write lock, so none is needed. */
    @Override
    String skipLocked() {
        return "";
    }

    @Override
    String openAdvice() {
        return "if it is damaged, move it aside and run again";
    }
}
