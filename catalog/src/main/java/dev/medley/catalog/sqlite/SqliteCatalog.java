package dev.medley.catalog.sqlite;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.CatalogException;
import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.IdentityRecord;
import dev.medley.catalog.Journal;
import dev.medley.catalog.KnownFile;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.Plans;
import dev.medley.catalog.ProbeRecord;
import dev.medley.catalog.QuarantineRecord;
import dev.medley.catalog.RemoteBatch;
import dev.medley.catalog.RunRecord;
import dev.medley.catalog.TranscriptRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * The catalog in one SQLite file on this machine. Its location is the file's path, or
 * {@code sqlite:PATH} ({@link dev.medley.catalog.Catalogs}).
 *
 * <p>The file is in WAL mode, so readers never wait for the writer, and a process killed at any
 * moment leaves the catalog as it was after the last commit. Reads go through one connection,
 * shared under this object's lock; the writer, plans and journal each get a connection of their
 * own, so that their transactions do not mix with reads.
 *
 * <p>Instances are thread-safe.
 */
public final class SqliteCatalog implements Catalog {
    private static final java.time.Duration PROCESS_START_SLACK = java.time.Duration.ofMinutes(1);

    private final Path file;
    private final Connection connection;
    private final PreparedStatement lookup;
    private volatile boolean anyQuarantine;

    private SqliteCatalog(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.lookup = connection.prepareStatement("""
                SELECT f.id, f.path, f.size, f.mtime_ns, f.fingerprint, f.status,
                       p.size, p.mtime_ns, p.ok, p.error, p.prober, p.result,
                       i.size, i.mtime_ns, i.parser_version, i.kind, i.confidence, i.fields
                FROM files f LEFT JOIN probes p ON p.file_id = f.id LEFT JOIN identities i ON i.file_id = f.id
                WHERE f.path = ?""");
    }

    /**
     * Opens the catalog at {@code file}, creating it and its parent directories when absent.
     *
     * @throws CatalogException if the file cannot be created, opened or migrated
     */
    public static SqliteCatalog open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new CatalogException("cannot create the catalog's folder " + absolute.getParent()
                    + ": " + e.getMessage() + "; choose another place with --catalog PATH", e);
        }
        try {
            Connection connection = connect(absolute);
            Migrations.apply(connection, absolute);
            SqliteCatalog catalog = new SqliteCatalog(absolute, connection);
            catalog.markDeadRunsInterrupted();
            catalog.anyQuarantine = catalog.hasRows("quarantine");
            return catalog;
        } catch (SQLException e) {
            throw new CatalogException("cannot open the catalog " + absolute + ": " + e.getMessage()
                    + "; if it is damaged, move it aside and run again", e);
        }
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

    /** Returns the catalog's file. */
    public Path file() {
        return file;
    }

    /** Returns {@code FILE.purpose} beside the catalog's file: a folder of state for each catalog file. */
    @Override
    public Path stateFolder(String purpose) {
        return file.resolveSibling(file.getFileName() + "." + purpose);
    }

    @Override
    public CatalogWriter writer(long runId) {
        try {
            return new SqliteCatalogWriter(connect(file), runId);
        } catch (SQLException e) {
            throw new CatalogException("cannot open the catalog " + file + " for writing: " + e.getMessage(), e);
        }
    }

    @Override
    public Plans plans() {
        try {
            Connection connection = connect(file);
            // Plans read, then write, in one transaction. Begun lazily, such a transaction cannot take
            // the write lock once another connection has committed since its read: SQLite then fails
            // at once with SQLITE_BUSY instead of waiting. Begun IMMEDIATE, it waits for the lock first.
            connection.unwrap(SQLiteConnection.class).getConnectionConfig()
                    .setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            return new SqlitePlans(connection);
        } catch (SQLException e) {
            throw failure("open", e);
        }
    }

    @Override
    public Journal journal() {
        try {
            return new SqliteJournal(connect(file));
        } catch (SQLException e) {
            throw failure("open", e);
        }
    }

    @Override
    public synchronized Optional<KnownFile> lookup(String path) {
        try {
            lookup.setString(1, path);
            try (ResultSet row = lookup.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                ProbeRecord probe = null;
                if (row.getObject(7) != null) {
                    probe = new ProbeRecord(row.getString(2), row.getLong(7), row.getLong(8),
                            row.getInt(9) != 0, row.getString(10), row.getString(11), row.getString(12));
                }
                IdentityRecord identity = null;
                if (row.getObject(13) != null) {
                    identity = new IdentityRecord(row.getString(2), row.getLong(13), row.getLong(14),
                            row.getString(15), row.getString(16), row.getDouble(17), row.getString(18));
                }
                return Optional.of(new KnownFile(row.getLong(1), row.getString(2), row.getLong(3),
                        row.getLong(4), row.getString(5), "missing".equals(row.getString(6)), probe, identity));
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized Optional<String> answer(String key) {
        try (PreparedStatement select = connection.prepareStatement("SELECT answer FROM answers WHERE key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized void saveAnswer(String key, String answer) {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO answers (key, answer, saved_at) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET answer = excluded.answer, saved_at = excluded.saved_at""")) {
            upsert.setString(1, key);
            upsert.setString(2, answer);
            upsert.setLong(3, System.currentTimeMillis());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    @Override
    public synchronized void saveRemoteBatch(RemoteBatch batch) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO remote_batches (id, endpoint, requests, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, batch.id());
            insert.setString(2, batch.endpoint());
            insert.setString(3, batch.requests());
            insert.setLong(4, batch.createdAt());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    @Override
    public synchronized List<RemoteBatch> openRemoteBatches(String endpoint) {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, endpoint, requests, created_at FROM remote_batches
                WHERE endpoint = ? AND closed_at IS NULL ORDER BY created_at, id""")) {
            select.setString(1, endpoint);
            List<RemoteBatch> open = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    open.add(new RemoteBatch(row.getString(1), row.getString(2), row.getString(3), row.getLong(4)));
                }
            }
            return open;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized void closeRemoteBatch(String id) {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE remote_batches SET closed_at = ? WHERE id = ?")) {
            update.setLong(1, System.currentTimeMillis());
            update.setString(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    @Override
    public synchronized Optional<TranscriptRecord> transcript(String path) {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT t.size, t.mtime_ns, t.ok, t.error, t.engine, t.model, t.outputs, t.audio_seconds,
                       t.processing_seconds
                FROM transcripts t JOIN files f ON f.id = t.file_id WHERE f.path = ?""")) {
            select.setString(1, path);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String outputs = row.getString(7);
                return Optional.of(new TranscriptRecord(path, row.getLong(1), row.getLong(2), row.getInt(3) != 0,
                        row.getString(4), row.getString(5), row.getString(6),
                        outputs.isEmpty() ? List.of() : List.of(outputs.split("\n")), row.getDouble(8), row.getDouble(9)));
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized void quarantine(QuarantineRecord record) {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO quarantine (path, size, mtime_ns, status, stage, reason, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
                    status = excluded.status, stage = excluded.stage, reason = excluded.reason,
                    updated_at = excluded.updated_at""")) {
            upsert.setString(1, record.path());
            upsert.setLong(2, record.size());
            upsert.setLong(3, record.mtimeNanos());
            upsert.setString(4, record.quarantined() ? "quarantined" : "suspect");
            upsert.setString(5, record.stage());
            upsert.setString(6, record.reason());
            upsert.setLong(7, System.currentTimeMillis());
            upsert.executeUpdate();
            anyQuarantine = true;
        } catch (SQLException e) {
            throw failure("write to", e);
        }
    }

    @Override
    public synchronized Optional<QuarantineRecord> quarantined(String path) {
        if (!anyQuarantine) {
            return Optional.empty(); // The common case costs no query.
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT size, mtime_ns, status, stage, reason FROM quarantine WHERE path = ?")) {
            select.setString(1, path);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new QuarantineRecord(path, row.getLong(1), row.getLong(2),
                                "quarantined".equals(row.getString(3)), row.getString(4), row.getString(5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized void clearSuspect(String path) {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM quarantine WHERE path = ? AND status = 'suspect'")) {
            delete.setString(1, path);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("write to", e);
        }
    }

    @Override
    public synchronized long startRun(String command, String arguments) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO runs (command, arguments, pid, started_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, command);
            insert.setString(2, arguments);
            insert.setLong(3, ProcessHandle.current().pid());
            insert.setLong(4, System.currentTimeMillis());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("record a run in", e);
        }
    }

    @Override
    public synchronized long startApply(long planRun) {
        try (Statement transaction = connection.createStatement()) {
            transaction.execute("BEGIN IMMEDIATE"); // Takes the write lock now: no other apply starts between check and record.
            boolean committed = false;
            try {
                String holder = runningApply(planRun);
                if (holder != null) {
                    throw new CatalogException("plan " + planRun + " is being applied by another medley (" + holder
                            + "); let it finish, or stop it and apply again: what it did is journaled and is resumed");
                }
                long runId = startRun("apply", "--plan " + planRun);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO plan_applies (run_id, plan_run) VALUES (?, ?)")) {
                    insert.setLong(1, runId);
                    insert.setLong(2, planRun);
                    insert.executeUpdate();
                }
                transaction.execute("COMMIT");
                committed = true;
                return runId;
            } finally {
                if (!committed) {
                    transaction.execute("ROLLBACK");
                }
            }
        } catch (SQLException e) {
            throw failure("record a run in", e);
        }
    }

    // Returns "pid N, run M" of a live apply of the plan, or null.
    private String runningApply(long planRun) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT r.id, r.pid, r.started_at FROM plan_applies a JOIN runs r ON r.id = a.run_id
                WHERE a.plan_run = ? AND r.status = 'running'""")) {
            select.setLong(1, planRun);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    if (processRuns(row.getLong(2), Instant.ofEpochMilli(row.getLong(3)))) {
                        return "pid " + row.getLong(2) + ", apply run " + row.getLong(1);
                    }
                }
            }
        }
        return null;
    }

    @Override
    public synchronized List<RunRecord> applies(long planRun) {
        return selectRuns("WHERE id IN (SELECT run_id FROM plan_applies WHERE plan_run = ?) ORDER BY id DESC", planRun);
    }

    @Override
    public synchronized void finishRun(long runId, RunRecord.Status status, RunRecord.Counts counts) {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE runs SET ended_at = ?, status = ?, total = ?, ok = ?, failed = ?, skipped = ?
                WHERE id = ?""")) {
            update.setLong(1, System.currentTimeMillis());
            update.setString(2, EnumText.of(status));
            update.setLong(3, counts.total());
            update.setLong(4, counts.ok());
            update.setLong(5, counts.failed());
            update.setLong(6, counts.skipped());
            update.setLong(7, runId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw failure("record a run in", e);
        }
    }

    @Override
    public synchronized Optional<RunRecord> run(long runId) {
        return selectRuns("WHERE id = ?", runId).stream().findFirst();
    }

    @Override
    public synchronized List<RunRecord> runs(int limit) {
        return selectRuns("ORDER BY id DESC LIMIT ?", limit);
    }

    private List<RunRecord> selectRuns(String clause, long argument) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, command, arguments, started_at, ended_at, status, total, ok, failed, skipped FROM runs "
                        + clause)) {
            select.setLong(1, argument);
            List<RunRecord> runs = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long ended = row.getLong(5);
                    runs.add(new RunRecord(row.getLong(1), row.getString(2), row.getString(3),
                            Instant.ofEpochMilli(row.getLong(4)), row.wasNull() || ended == 0 ? null : Instant.ofEpochMilli(ended),
                            EnumText.parse(RunRecord.Status.class, row.getString(6)),
                            row.getLong(7), row.getLong(8), row.getLong(9), row.getLong(10)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized int markMissing(long runId, Collection<Path> roots, Collection<Path> unreadable) {
        StringBuilder sql = new StringBuilder("""
                UPDATE files SET status = 'missing'
                WHERE status = 'present' AND (last_seen_run IS NULL OR last_seen_run <> ?) AND (0""");
        List<String> arguments = new ArrayList<>();
        for (Path root : roots) {
            for (String[] range : PathKey.rangesBelow(root)) {
                sql.append(" OR (path >= ? AND path < ?)");
                arguments.add(range[0]);
                arguments.add(range[1]);
            }
        }
        sql.append(')');
        for (Path directory : unreadable) {
            for (String[] range : PathKey.rangesBelow(directory)) {
                sql.append(" AND NOT (path >= ? AND path < ?)");
                arguments.add(range[0]);
                arguments.add(range[1]);
            }
        }
        try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
            update.setLong(1, runId);
            for (int i = 0; i < arguments.size(); i++) {
                update.setString(i + 2, arguments.get(i));
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    @Override
    public synchronized long[] fileCounts() {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        SELECT (SELECT count(*) FROM files WHERE status = 'present'),
                               (SELECT count(*) FROM files WHERE status = 'missing'),
                               (SELECT count(*) FROM probes)""")) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2), row.getLong(3)};
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Runs SQLite's integrity check and returns its verdict ({@code ok} when sound). */
    @Override
    public synchronized String integrityCheck() {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new ArrayList<>();
            while (row.next()) {
                lines.add(row.getString(1));
            }
            return String.join("\n", lines);
        } catch (SQLException e) {
            throw failure("check", e);
        }
    }

    private boolean hasRows(String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
            return row.next() && row.getInt(1) != 0;
        }
    }

    // A run still marked running whose process is gone was killed: say so, so that history is honest.
    private void markDeadRunsInterrupted() throws SQLException {
        List<long[]> running = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT id, pid, started_at FROM runs WHERE status = 'running'")) {
            while (row.next()) {
                running.add(new long[] {row.getLong(1), row.getLong(2), row.getLong(3)});
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE runs SET status = 'interrupted' WHERE id = ?")) {
            for (long[] run : running) {
                if (!processRuns(run[1], Instant.ofEpochMilli(run[2]))) {
                    update.setLong(1, run[0]);
                    update.executeUpdate();
                }
            }
        }
    }

    /**
     * Returns whether the process that started a run at {@code runStarted} is still running: one with
     * its pid lives, and did not start well after the run (it would be another process given the pid
     * again). "Well": a process's start time is known to about a second, and clocks get adjusted.
     */
    private static boolean processRuns(long pid, Instant runStarted) {
        Instant latestStart = runStarted.plus(PROCESS_START_SLACK);
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().startInstant().map(start -> !start.isAfter(latestStart)).orElse(true))
                .orElse(false);
    }

    private CatalogException failure(String verb, SQLException e) {
        return new CatalogException("cannot " + verb + " the catalog " + file + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            lookup.close();
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
