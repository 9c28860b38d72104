package dev.medley.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The write-ahead journal of file operations: every move, copy, link or removal an apply or undo
 * run makes is recorded here before it starts and again when it ends, each record committed before
 * the file system is touched.
 *
 * <h2>Format</h2>
 * One row of table {@code journal} per operation, keyed by {@code (run_id, seq)}:
 * <pre>
 *   run  seq  plan  item  action  source             target                     temp                           state
 *   42   0    41    0     move    /in/a.mkv          /lib/A (2001)/A (2001).mkv /lib/A (2001)/.medley-42-0.part done
 *   42   1    41    1     move    /in/a.en.srt       /lib/A (2001)/A (2001).en.srt  ...                        started
 * </pre>
 * {@code size}, {@code mtime_ns} and {@code hash} describe the file as it was when the operation
 * began ({@code hash} is set once a copy has been verified). States move only forward:
 * <pre>
 *   started ─▶ copied ─▶ done ─▶ undone
 *      │          │
 *      └──────────┴──▶ failed | rolled_back
 * </pre>
 * {@code started} and {@code copied} are open: an operation left open by a run that is no longer
 * running was interrupted, and the organiser's recovery finishes it ({@code done}) or undoes its
 * half ({@code rolled_back}) by looking at the files themselves. The rule that makes that always
 * possible: a source is deleted only after its target is complete and in place, and nothing is
 * ever written to a target name but by an atomic rename or link of a verified file.
 *
 * <p>Instances are thread-safe; every method commits before it returns.
 */
public final class Journal implements AutoCloseable {
    /** The life of one operation. */
    public enum State {
        STARTED, COPIED, DONE, FAILED, ROLLED_BACK, UNDONE;

        String sql() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State fromSql(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }

        /** Returns whether an operation in this state may be half done. */
        public boolean open() {
            return this == STARTED || this == COPIED;
        }
    }

    /**
     * One operation.
     *
     * @param planRun the plan the operation carries out (or undoes)
     * @param planSeq the plan item
     * @param action move, copy, hardlink, symlink, reflink, or remove (undo of a copy or link)
     * @param source the {@link PathKey} of the file acted on
     * @param target the {@link PathKey} it goes to (for remove: the file removed)
     * @param temp the temporary file a copy is written to, or null
     */
    public record Entry(
            long runId, long seq, long planRun, long planSeq, String action, String source, String target,
            String temp, long size, long mtimeNanos, String hash, State state, String detail) {

        /** Returns this entry in another state. */
        public Entry with(State newState, String newHash, String newDetail) {
            return new Entry(runId, seq, planRun, planSeq, action, source, target, temp, size, mtimeNanos,
                    newHash, newState, newDetail);
        }
    }

    private static final String COLUMNS =
            "run_id, seq, plan_run, plan_seq, action, source, target, temp, size, mtime_ns, hash, state, detail";

    private final Connection connection;

    Journal(Connection connection) {
        this.connection = connection;
    }

    /** Records that an operation is about to start. */
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
            insert.setString(12, entry.state().sql());
            insert.setString(13, entry.detail());
            insert.setLong(14, System.currentTimeMillis());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Records that operation {@code (runId, seq)} reached {@code state}. */
    public synchronized void advance(long runId, long seq, State state, String hash, String detail) {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE journal SET state = ?, hash = coalesce(?, hash), detail = ?, updated_at = ?
                WHERE run_id = ? AND seq = ?""")) {
            update.setString(1, state.sql());
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

    /** Marks the done operations that carried out plan item {@code (planRun, planSeq)} as undone. */
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

    /** Returns the open operations of runs that are no longer running: those to recover. */
    public synchronized List<Entry> interrupted() {
        List<Entry> entries = new ArrayList<>();
        query("SELECT j." + COLUMNS.replace(", ", ", j.") + " FROM journal j JOIN runs r ON r.id = j.run_id "
                + "WHERE j.state IN ('started', 'copied') AND r.status <> 'running' ORDER BY j.run_id, j.seq",
                -1, entries::add);
        return entries;
    }

    /** Passes the operations of run {@code runId} to {@code sink}, in the order they were made. */
    public synchronized void entries(long runId, Consumer<Entry> sink) {
        query("SELECT " + COLUMNS + " FROM journal WHERE run_id = ? ORDER BY seq", runId, sink);
    }

    /** Passes the operations of run {@code runId} to {@code sink}, newest first. */
    public synchronized void entriesReversed(long runId, Consumer<Entry> sink) {
        query("SELECT " + COLUMNS + " FROM journal WHERE run_id = ? ORDER BY seq DESC", runId, sink);
    }

    /** Returns the items of plan {@code planRun} that an apply run has carried out and no undo has reverted. */
    public synchronized Set<Long> doneItems(long planRun) {
        Set<Long> done = new HashSet<>();
        query("SELECT " + COLUMNS + " FROM journal WHERE plan_run = ? AND state = 'done' AND action <> 'remove'"
                + " AND run_id IN (SELECT id FROM runs WHERE command <> 'undo')",
                planRun, entry -> done.add(entry.planSeq()));
        return done;
    }

    /** Returns how many items of plan {@code planRun} {@link #doneItems} holds, counted without holding them. */
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

    /** Returns whether an undo has reverted any operation of run {@code runId}. */
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

    /** Returns how many operations of run {@code runId} are in each state, indexed by {@link State#ordinal}. */
    public synchronized long[] counts(long runId) {
        long[] counts = new long[State.values().length];
        entries(runId, entry -> counts[entry.state().ordinal()]++);
        return counts;
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
                            row.getLong(10), row.getString(11), State.fromSql(row.getString(12)), row.getString(13)));
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
