package dev.medley.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Organise plans in the catalog: written once by a dry run, read back by {@code --apply}.
 *
 * <p>Items are written in transactions of {@value #BATCH} so that a plan of 100,000 files costs a
 * few hundred commits, and read back as a stream, so that no plan is ever held in memory whole.
 * Instances are thread-safe.
 */
public final class Plans implements AutoCloseable {
    private static final int BATCH = 500;

    private final Connection connection;
    private PreparedStatement insertItem;
    private int pending;

    Plans(Connection connection) {
        this.connection = connection;
    }

    /** Records a new plan made by run {@code info.runId()}; add its items with {@link #add}. */
    public synchronized void create(PlanInfo info) {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO plans (run_id, library, mode, fallback, on_conflict, sources, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, info.runId());
            insert.setString(2, info.library());
            insert.setString(3, info.mode());
            insert.setString(4, info.fallback());
            insert.setString(5, info.onConflict());
            insert.setString(6, String.join("\n", info.sources()));
            insert.setLong(7, info.createdAt().toEpochMilli());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException("cannot record the plan: " + e.getMessage(), e);
        }
    }

    /** Adds an item to plan {@code runId}; it is committed by the next {@link #flush} at the latest. */
    public synchronized void add(long runId, PlanItem item) {
        try {
            if (insertItem == null) {
                insertItem = connection.prepareStatement("""
                        INSERT INTO plan_items (run_id, seq, role, source, target, skipped, reason, conflict, size, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            }
            if (pending == 0) {
                connection.setAutoCommit(false);
            }
            insertItem.setLong(1, runId);
            insertItem.setLong(2, item.seq());
            insertItem.setString(3, item.role());
            insertItem.setString(4, item.source());
            insertItem.setString(5, item.target());
            insertItem.setInt(6, item.skipped() ? 1 : 0);
            insertItem.setString(7, item.reason());
            insertItem.setString(8, item.conflict());
            insertItem.setLong(9, item.size());
            insertItem.setString(10, item.hash());
            insertItem.executeUpdate();
            if (++pending >= BATCH) {
                flush();
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot record the plan: " + e.getMessage(), e);
        }
    }

    /** Commits the items added so far. */
    public synchronized void flush() {
        if (pending == 0) {
            return;
        }
        try {
            connection.commit();
            connection.setAutoCommit(true);
            pending = 0;
        } catch (SQLException e) {
            throw new CatalogException("cannot record the plan: " + e.getMessage(), e);
        }
    }

    /** Returns plan {@code runId}, if there is one. */
    public synchronized Optional<PlanInfo> find(long runId) {
        return select("WHERE run_id = ?", runId);
    }

    /** Returns the newest plan, if any. */
    public synchronized Optional<PlanInfo> latest() {
        return select("WHERE run_id = (SELECT max(run_id) FROM plans)", null);
    }

    private Optional<PlanInfo> select(String where, Long argument) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT run_id, library, mode, fallback, on_conflict, sources, created_at FROM plans " + where)) {
            if (argument != null) {
                select.setLong(1, argument);
            }
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String sources = row.getString(6);
                return Optional.of(new PlanInfo(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), sources.isEmpty() ? List.of() : List.of(sources.split("\n")),
                        Instant.ofEpochMilli(row.getLong(7))));
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot read the plan: " + e.getMessage(), e);
        }
    }

    /** Passes the items of plan {@code runId} to {@code sink} in plan order, without holding them all. */
    public synchronized void items(long runId, Consumer<PlanItem> sink) {
        flush();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT seq, role, source, target, skipped, reason, conflict, size, hash
                FROM plan_items WHERE run_id = ? ORDER BY seq""")) {
            select.setLong(1, runId);
            select.setFetchSize(BATCH);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    sink.accept(new PlanItem(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getInt(5) != 0, row.getString(6), row.getString(7), row.getLong(8), row.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot read the plan: " + e.getMessage(), e);
        }
    }

    /** Returns how many items plan {@code runId} has: {@code [acting, skipped]}. */
    public synchronized long[] counts(long runId) {
        flush();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT count(*) - coalesce(sum(skipped), 0), coalesce(sum(skipped), 0) FROM plan_items WHERE run_id = ?")) {
            select.setLong(1, runId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot read the plan: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        flush();
        try {
            if (insertItem != null) {
                insertItem.close();
            }
            connection.close();
        } catch (SQLException e) {
            throw new CatalogException("cannot close the catalog: " + e.getMessage(), e);
        }
    }
}
