package dev.medley.catalog.sql;

import dev.medley.catalog.CatalogException;
import dev.medley.catalog.Journal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The journal in table {@code journal} (V3__organize.sql): one row per {@link Journal.Entry}, keyed by
 * {@code (run_id, seq)}, its state stored as lower-case text. Each method runs in auto-commit mode, so
 * it has committed when it returns.
 */
final class SqlJournal implements Journal {
    private static final String COLUMNS =
            "run_id, seq, plan_run, plan_seq, action, source, target, temp, size, mtime_ns, hash, state, detail";

    private final Connection connection;

    SqlJournal(Connection connection) {
        this.connection = connection;
    }

    @Override
    public synchronized void begin(Entry entry) {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO journal (" + COLUMNS
                + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, entry.runId());
            insert.setLong(2, entry.seq());
            insert.setLong(3, entry.planRun());
            insert.setLong(4, entry.planSeq());
            insert.setString(5, entry.action());
            insert.setString(6, entry.source());
            insert.setString(7, entry.target());
            insert.setString(8, entry.temp());
            insert.setLong(9, entry.size());
            insert.setLong(10, entry.mtimeNanos());
            insert.setString(11, entry.hash());
            insert.setString(12, EnumText.of(entry.state()));
            insert.setString(13, entry.detail());
            insert.setLong(14, System.currentTimeMillis());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void advance(long runId, long seq, State state, String hash, String detail) {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE journal SET state = ?, hash = coalesce(?, hash), detail = ?, updated_at = ?
                WHERE run_id = ? AND seq = ?""")) {
            update.setString(1, EnumText.of(state));
            update.setString(2, hash);
            update.setString(3, detail);
            update.setLong(4, System.currentTimeMillis());
            update.setLong(5, runId);
            update.setLong(6, seq);
            update.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void markUndone(long planRun, long planSeq, long undoRun) {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE journal SET state = 'undone', updated_at = ?
                WHERE plan_run = ? AND plan_seq = ? AND state = 'done' AND run_id <> ? AND action <> 'remove'
                  AND run_id IN (SELECT id FROM runs WHERE command <> 'undo')""")) {
            update.setLong(1, System.currentTimeMillis());
            update.setLong(2, planRun);
            update.setLong(3, planSeq);
            update.setLong(4, undoRun);
            update.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized List<Entry> interrupted() {
        List<Entry> entries = new ArrayList<>();
        query("SELECT j." + COLUMNS.replace(", ", ", j.") + " FROM journal j JOIN runs r ON r.id = j.run_id "
                + "WHERE j.state IN ('started', 'copied') AND r.status <> 'running' ORDER BY j.run_id, j.seq",
                -1, entries::add);
        return entries;
    }

    @Override
    public synchronized void entries(long runId, Consumer<Entry> sink) {
        query("SELECT " + COLUMNS + " FROM journal WHERE run_id = ? ORDER BY seq", runId, sink);
    }

    @Override
    public synchronized void entriesReversed(long runId, Consumer<Entry> sink) {
        query("SELECT " + COLUMNS + " FROM journal WHERE run_id = ? ORDER BY seq DESC", runId, sink);
    }

    @Override
    public synchronized Set<Long> doneItems(long planRun) {
        Set<Long> done = new HashSet<>();
        query("SELECT " + COLUMNS + " FROM journal WHERE plan_run = ? AND state = 'done' AND action <> 'remove'"
                + " AND run_id IN (SELECT id FROM runs WHERE command <> 'undo')",
                planRun, entry -> done.add(entry.planSeq()));
        return done;
    }

    @Override
    public synchronized long doneItemCount(long planRun) {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(DISTINCT plan_seq) FROM journal WHERE plan_run = ? AND state = 'done' AND action <> 'remove'
                  AND run_id IN (SELECT id FROM runs WHERE command <> 'undo')""")) {
            select.setLong(1, planRun);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized boolean anyUndone(long runId) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM journal WHERE run_id = ? AND state = 'undone' LIMIT 1")) {
            select.setLong(1, runId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void query(String sql, long argument, Consumer<Entry> sink) {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (argument >= 0) {
                select.setLong(1, argument);
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    sink.accept(new Entry(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                            row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getLong(9),
                            row.getLong(10), row.getString(11), EnumText.parse(State.class, row.getString(12)), row.getString(13)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private CatalogException failure(SQLException e) {
        return new CatalogException("cannot use the organiser's journal: " + e.getMessage()
                + "; the files are as the journal last said, run `medley history` to recover", e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }
}
