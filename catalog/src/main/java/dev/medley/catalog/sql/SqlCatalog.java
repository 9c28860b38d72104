package dev.medley.catalog.sql;

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
import dev.medley.catalog.WorkQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The catalog in a SQL database: one SQLite file on this machine ({@code PATH} or {@code sqlite:PATH}),
 * or a PostgreSQL database shared by many ({@code postgresql://...}); see {@link dev.medley.catalog.Catalogs}.
 * What differs between the two is in {@link Database}; the SQL here is the same for both.
 *
 * <p>A SQLite file is in WAL mode, so readers never wait for the writer, and a process killed at any
 * moment leaves the catalog as it was after the last commit. Reads go through one connection,
 * shared under this object's lock; the writer, plans and journal each get a connection of their
 * own, so that their transactions do not mix with reads.
 *
 * <p>Runs record the host and process that run them, and a heartbeat while they do: a run left
 * {@code running} by a process that is gone is marked interrupted, whether that process was on this
 * machine (its pid is gone) or on another (its heartbeat stopped for {@link #RUN_LEASE}).
 *
 * <p>Instances are thread-safe.
 */
public final class SqlCatalog implements Catalog {
    private static final Duration PROCESS_START_SLACK = Duration.ofMinutes(1);
    /** How long a run on another machine stays alive without a heartbeat. */
    static final Duration RUN_LEASE = Duration.ofMinutes(2);
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final Database database;
    private final Connection connection;
    private final PreparedStatement lookup;
    private final Set<Long> activeRuns = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat;
    private volatile boolean anyQuarantine;

    private SqlCatalog(Database database, Connection connection) throws SQLException {
        this.database = database;
        this.connection = connection;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("catalog-heartbeat").daemon().factory());
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
    public static SqlCatalog open(Path file) {
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
        return open(new SqliteDatabase(absolute));
    }

    /**
     * Opens the catalog in the PostgreSQL database at {@code location}, a libpq or JDBC URL, bringing
     * its schema up to date. Many medleys may open one database at once.
     *
     * @throws CatalogException if the URL cannot be read, or the database cannot be reached or migrated
     */
    public static SqlCatalog openPostgres(String location) {
        return open(PostgresDatabase.of(location));
    }

    private static SqlCatalog open(Database database) {
        Connection connection = null;
        try {
            connection = database.connectForReadThenWrite(); // Its one transaction: starting an apply.
            Migrations.apply(connection, database);
            SqlCatalog catalog = new SqlCatalog(database, connection);
            catalog.interruptDeadRuns();
            catalog.anyQuarantine = catalog.hasRows("quarantine");
            return catalog;
        } catch (CatalogException e) {
            closeQuietly(connection);
            throw e;
        } catch (SQLException | org.flywaydb.core.api.FlywayException e) {
            closeQuietly(connection);
            throw new CatalogException("cannot open the catalog " + database.describe() + ": " + e.getMessage()
                    + "; " + database.openAdvice(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Reporting why it was opened in vain matters more.
            }
        }
    }

    /** Returns the database the catalog lives in. */
    Database database() {
        return database;
    }

    @Override
    public Path stateFolder(String purpose) {
        return database.stateFolder(purpose);
    }

    @Override
    public CatalogWriter writer(long runId) {
        try {
            return new SqlCatalogWriter(database.connect(), runId);
        } catch (SQLException e) {
            throw new CatalogException("cannot open the catalog " + database.describe() + " for writing: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Plans plans() {
        try {
            return new SqlPlans(database.connectForReadThenWrite());
        } catch (SQLException e) {
            throw failure("open", e);
        }
    }

    @Override
    public WorkQueue workQueue() {
        try {
            return new SqlWorkQueue(database, database.connect());
        } catch (SQLException e) {
            throw failure("open", e);
        }
    }

    @Override
    public Journal journal() {
        try {
            return new SqlJournal(database.connect());
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
                "INSERT INTO runs (command, arguments, pid, host, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            long now = System.currentTimeMillis();
            insert.setString(1, command);
            insert.setString(2, arguments);
            insert.setLong(3, ProcessHandle.current().pid());
            insert.setString(4, Hosts.THIS_HOST);
            insert.setLong(5, now);
            insert.setLong(6, now);
            insert.executeUpdate();
            long runId;
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                runId = keys.getLong(1);
            }
            if (activeRuns.add(runId) && activeRuns.size() == 1) {
                scheduleHeartbeat();
            }
            return runId;
        } catch (SQLException e) {
            throw failure("record a run in", e);
        }
    }

    @Override
    public synchronized long startApply(long planRun) {
        try {
            connection.setAutoCommit(false);
            boolean committed = false;
            long runId = -1;
            try {
                database.lockApplies(connection, planRun); // No other apply of the plan starts between check and record.
                String holder = runningApply(planRun);
                if (holder != null) {
                    throw new dev.medley.catalog.PlanBeingAppliedException("plan " + planRun
                            + " is being applied by another medley (" + holder
                            + "); let it finish, or stop it and apply again: what it did is journaled and is resumed");
                }
                runId = startRun("apply", "--plan " + planRun);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO plan_applies (run_id, plan_run) VALUES (?, ?)")) {
                    insert.setLong(1, runId);
                    insert.setLong(2, planRun);
                    insert.executeUpdate();
                }
                connection.commit();
                committed = true;
                return runId;
            } finally {
                if (!committed) {
                    connection.rollback();
                    activeRuns.remove(runId); // Rolled back: the run was never recorded.
                }
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("record a run in", e);
        }
    }

    // Returns "pid N, run M" of a live apply of the plan, or null.
    private String runningApply(long planRun) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT r.id, r.pid, r.started_at, r.host, r.heartbeat_at FROM plan_applies a JOIN runs r ON r.id = a.run_id
                WHERE a.plan_run = ? AND r.status = 'running'""")) {
            select.setLong(1, planRun);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String host = row.getString(4);
                    if (runIsAlive(host, row.getLong(2), row.getLong(3), row.getLong(5))) {
                        return (host == null || host.equals(Hosts.THIS_HOST) ? "" : "host " + host + ", ")
                                + "pid " + row.getLong(2) + ", apply run " + row.getLong(1);
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
            activeRuns.remove(runId);
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
                WHERE status = 'present' AND (last_seen_run IS NULL OR last_seen_run <> ?) AND (1 = 0""");
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

    @Override
    public synchronized String integrityCheck() {
        try {
            return database.integrityCheck(connection);
        } catch (SQLException e) {
            throw failure("check", e);
        }
    }

    private boolean hasRows(String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
            return row.next() && row.getBoolean(1);
        }
    }

    // A run still marked running whose process is gone was killed: say so, so that history is honest.
    @Override
    public synchronized int interruptDeadRuns() {
        List<Long> dead = new ArrayList<>();
        try {
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(
                            "SELECT id, pid, started_at, host, heartbeat_at FROM runs WHERE status = 'running'")) {
                while (row.next()) {
                    if (!activeRuns.contains(row.getLong(1))
                            && !runIsAlive(row.getString(4), row.getLong(2), row.getLong(3), row.getLong(5))) {
                        dead.add(row.getLong(1));
                    }
                }
            }
            int marked = 0;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'")) {
                for (long runId : dead) {
                    update.setLong(1, runId);
                    marked += update.executeUpdate();
                }
            }
            return marked;
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    /**
     * Returns whether a run marked running is still going: on this machine (or recorded before runs
     * named their host), whether its process lives; on another, whether its heartbeat is recent.
     */
    private static boolean runIsAlive(String host, long pid, long startedMillis, long heartbeatMillis) {
        if (host == null || host.equals(Hosts.THIS_HOST)) {
            return processRuns(pid, Instant.ofEpochMilli(startedMillis));
        }
        long last = heartbeatMillis > 0 ? heartbeatMillis : startedMillis;
        return System.currentTimeMillis() - last < RUN_LEASE.toMillis();
    }

    // Keeps this process's runs alive in the eyes of other machines, until each is finished.
    private void scheduleHeartbeat() {
        heartbeat.schedule(this::beat, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        if (activeRuns.isEmpty()) {
            return; // The next startRun schedules it again.
        }
        synchronized (this) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'")) {
                for (long runId : activeRuns) {
                    update.setLong(1, System.currentTimeMillis());
                    update.setLong(2, runId);
                    update.executeUpdate();
                }
            } catch (SQLException e) {
                // Missed beats only make other machines think a run died sooner; the next beat tries again.
            }
        }
        scheduleHeartbeat();
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
        return new CatalogException("cannot " + verb + " the catalog " + database.describe() + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        heartbeat.shutdownNow();
        try {
            lookup.close();
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
