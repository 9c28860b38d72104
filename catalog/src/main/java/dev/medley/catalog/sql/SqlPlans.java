package dev.medley.catalog.sql;

import dev.medley.catalog.CatalogException;
import dev.medley.catalog.PlanInfo;
import dev.medley.catalog.PlanItem;
import dev.medley.catalog.Plans;
import dev.medley.core.RawPaths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plans in tables {@code plans} and {@code plan_items}, with the planning state in {@code plan_names},
 * {@code plan_folders} and {@code plan_contents} (V3__organize.sql, V4__planning_state.sql).
 *
 * <p>Writes join one open transaction that is committed every {@value #BATCH} writes; reads on this
 * connection see them before the commit.
 */
final class SqlPlans implements Plans {
    private static final int BATCH = 500;

    private final Connection connection;
    private PreparedStatement insertItem;
    private PreparedStatement claimName;
    private PreparedStatement selectFolder;
    private PreparedStatement insertFolder;
    private PreparedStatement firstOfSize;
    private PreparedStatement unhashedOfSize;
    private PreparedStatement sameContent;
    private PreparedStatement insertContent;
    private PreparedStatement updateHash;
    private int pending;

    SqlPlans(Connection connection) {
        this.connection = connection;
    }

    @Override
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

    @Override
    public synchronized void add(long runId, PlanItem item) {
        try {
            if (insertItem == null) {
                insertItem = connection.prepareStatement("""
                        INSERT INTO plan_items (run_id, seq, role, source, target, skipped, reason, conflict, size, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            }
            beginWrite();
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
            endWrite();
        } catch (SQLException e) {
            throw new CatalogException("cannot record the plan: " + e.getMessage(), e);
        }
    }

    // Writes join the open batch transaction; reads on this connection see them before the commit.
    private void beginWrite() throws SQLException {
        if (pending == 0) {
            connection.setAutoCommit(false);
        }
    }

    private void endWrite() {
        if (++pending >= BATCH) {
            flush();
        }
    }

    @Override
    public synchronized boolean claimName(long runId, long nameKey) {
        try {
            if (claimName == null) {
                claimName = connection.prepareStatement(
                        "INSERT INTO plan_names (run_id, name_key) VALUES (?, ?) ON CONFLICT DO NOTHING");
            }
            beginWrite();
            claimName.setLong(1, runId);
            claimName.setLong(2, nameKey);
            boolean claimed = claimName.executeUpdate() == 1;
            endWrite();
            return claimed;
        } catch (SQLException e) {
            throw new CatalogException("cannot record the plan: " + e.getMessage(), e);
        }
    }

    // Keys and spellings are stored as the bytes their escaped text stands for: SQLite text would turn
    // the lone surrogates of a name that is not UTF-8 into '?', and so two folders into one.
    @Override
    public synchronized String folderSpelling(long runId, String folderKey, Supplier<String> proposed) {
        try {
            if (selectFolder == null) {
                selectFolder = connection.prepareStatement(
                        "SELECT spelling FROM plan_folders WHERE run_id = ? AND folder_key = ?");
                insertFolder = connection.prepareStatement(
                        "INSERT INTO plan_folders (run_id, folder_key, spelling) VALUES (?, ?, ?)");
            }
            byte[] key = RawPaths.encode(folderKey);
            selectFolder.setLong(1, runId);
            selectFolder.setBytes(2, key);
            try (ResultSet row = selectFolder.executeQuery()) {
                if (row.next()) {
                    return RawPaths.text(row.getBytes(1));
                }
            }
            String spelling = proposed.get();
            beginWrite();
            insertFolder.setLong(1, runId);
            insertFolder.setBytes(2, key);
            insertFolder.setBytes(3, RawPaths.encode(spelling));
            insertFolder.executeUpdate();
            endWrite();
            return spelling;
        } catch (SQLException e) {
            throw new CatalogException("cannot record the plan: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Content> firstOfSize(long runId, long size) {
        try {
            if (firstOfSize == null) {
                firstOfSize = connection.prepareStatement("""
                        SELECT id, source, hash FROM plan_contents WHERE run_id = ? AND size = ? ORDER BY id LIMIT 1""");
            }
            firstOfSize.setLong(1, runId);
            firstOfSize.setLong(2, size);
            return content(firstOfSize);
        } catch (SQLException e) {
            throw new CatalogException("cannot read the plan: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<Content> unhashedOfSize(long runId, long size, int limit) {
        try {
            if (unhashedOfSize == null) {
                unhashedOfSize = connection.prepareStatement("""
                        SELECT id, source, hash FROM plan_contents WHERE run_id = ? AND size = ? AND hash IS NULL
                        ORDER BY id LIMIT ?""");
            }
            unhashedOfSize.setLong(1, runId);
            unhashedOfSize.setLong(2, size);
            unhashedOfSize.setInt(3, limit);
            List<Content> found = new java.util.ArrayList<>();
            try (ResultSet row = unhashedOfSize.executeQuery()) {
                while (row.next()) {
                    found.add(new Content(row.getLong(1), row.getString(2), row.getString(3)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new CatalogException("cannot read the plan: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Content> firstWithContent(long runId, long size, String hash) {
        try {
            if (sameContent == null) {
                sameContent = connection.prepareStatement("""
                        SELECT id, source, hash FROM plan_contents WHERE run_id = ? AND size = ? AND hash = ?
                        ORDER BY id LIMIT 1""");
            }
            sameContent.setLong(1, runId);
            sameContent.setLong(2, size);
            sameContent.setString(3, hash);
            return content(sameContent);
        } catch (SQLException e) {
            throw new CatalogException("cannot read the plan: " + e.getMessage(), e);
        }
    }

    private static Optional<Content> content(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(new Content(row.getLong(1), row.getString(2), row.getString(3)))
                    : Optional.empty();
        }
    }

    @Override
    public synchronized void addContent(long runId, long size, String source, String hash) {
        try {
            if (insertContent == null) {
                insertContent = connection.prepareStatement(
                        "INSERT INTO plan_contents (run_id, size, hash, source) VALUES (?, ?, ?, ?)");
            }
            beginWrite();
            insertContent.setLong(1, runId);
            insertContent.setLong(2, size);
            insertContent.setString(3, hash);
            insertContent.setString(4, source);
            insertContent.executeUpdate();
            endWrite();
        } catch (SQLException e) {
            throw new CatalogException("cannot record the plan: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void setContentHash(long contentId, String hash) {
        try {
            if (updateHash == null) {
                updateHash = connection.prepareStatement("UPDATE plan_contents SET hash = ? WHERE id = ?");
            }
            beginWrite();
            updateHash.setString(1, hash);
            updateHash.setLong(2, contentId);
            updateHash.executeUpdate();
            endWrite();
        } catch (SQLException e) {
            throw new CatalogException("cannot record the plan: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void forgetPlanningState(long runId) {
        flush();
        try {
            connection.setAutoCommit(false);
            for (String table : List.of("plan_names", "plan_folders", "plan_contents")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                    delete.setLong(1, runId);
                    delete.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new CatalogException("cannot record the plan: " + e.getMessage(), e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // The connection is broken; closing it reports that.
            }
        }
    }

    @Override
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

    @Override
    public synchronized Optional<PlanInfo> find(long runId) {
        return select("WHERE run_id = ?", runId);
    }

    @Override
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

    @Override
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

    @Override
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
            for (PreparedStatement statement : new PreparedStatement[] {insertItem, claimName, selectFolder, insertFolder,
                    firstOfSize, unhashedOfSize, sameContent, insertContent, updateHash}) {
                if (statement != null) {
                    statement.close();
                }
            }
            connection.close();
        } catch (SQLException e) {
            throw new CatalogException("cannot close the catalog: " + e.getMessage(), e);
        }
    }
}
