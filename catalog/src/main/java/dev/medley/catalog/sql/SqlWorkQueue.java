package dev.medley.catalog.sql;

import dev.medley.catalog.CatalogException;
import dev.medley.catalog.WorkQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The work queue in tables {@code jobs} and {@code job_items} (V11__work_queue.sql), on a connection
 * of its own in auto-commit mode. Claims lock the rows they take with {@code FOR UPDATE SKIP LOCKED}
 * where the database has it (PostgreSQL); SQLite has one writer at a time, which serialises them.
 */
final class SqlWorkQueue implements WorkQueue {
    private static final int INSERT_BATCH = 500;

    private final Database database;
    private final Connection connection;
    private final String now;

    SqlWorkQueue(Database database, Connection connection) {
        this.database = database;
        this.connection = connection;
        this.now = database.nowMillis();
    }

    @Override
    public synchronized long createJob(String name, String kind, String spec, Long runId) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO jobs (name, kind, spec, run_id, created_at) VALUES (?, ?, ?, ?, " + now + ")",
                new String[] {"id"})) {
            insert.setString(1, name);
            insert.setString(2, kind);
            insert.setString(3, spec);
            insert.setObject(4, runId);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("record job " + name + " in", e);
        }
    }

    @Override
    public synchronized void addItems(long jobId, long firstSeq, List<String> paths) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO job_items (job_id, seq, path) VALUES (?, ?, ?)")) {
            connection.setAutoCommit(false);
            try {
                for (int i = 0; i < paths.size(); i++) {
                    insert.setLong(1, jobId);
                    insert.setLong(2, firstSeq + i);
                    insert.setString(3, paths.get(i));
                    insert.addBatch();
                    if ((i + 1) % INSERT_BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("record the files of job " + jobId + " in", e);
        }
    }

    @Override
    public synchronized void listed(long jobId, long total) {
        update("UPDATE jobs SET status = 'running', total = ? WHERE id = ? AND status = 'listing'", total, jobId);
    }

    @Override
    public synchronized List<Claim> claim(long jobId, String member, int max, Duration lease) {
        // The job must be running (listed, not cancelled); items are free, or held on a lease that has run out.
        // The pick is a materialised CTE, evaluated once: as a plain IN (subquery), PostgreSQL may run the
        // subquery again per row, and with SKIP LOCKED each run picks other rows, so more than `max` are taken.
        String sql = "WITH picked AS MATERIALIZED (SELECT seq FROM job_items"
                + "   WHERE job_id = ? AND (state = 'pending' OR (state = 'claimed' AND lease_until < " + now + "))"
                + "   AND refused_by NOT LIKE ?"
                + "   AND EXISTS (SELECT 1 FROM jobs WHERE id = ? AND status = 'running')"
                + "   ORDER BY seq LIMIT ?" + database.skipLocked() + ")"
                + " UPDATE job_items SET state = 'claimed', claimed_by = ?, lease_until = " + now + " + ?,"
                + " attempts = attempts + 1"
                + " WHERE job_id = ? AND seq IN (SELECT seq FROM picked)"
                + " RETURNING seq, path, attempts";
        try (PreparedStatement claim = connection.prepareStatement(sql)) {
            claim.setLong(1, jobId);
            claim.setString(2, "%\n" + member + "\n%");
            claim.setLong(3, jobId);
            claim.setInt(4, max);
            claim.setString(5, member);
            claim.setLong(6, lease.toMillis());
            claim.setLong(7, jobId);
            List<Claim> claims = new ArrayList<>();
            try (ResultSet row = claim.executeQuery()) {
                while (row.next()) {
                    claims.add(new Claim(jobId, row.getLong(1), row.getString(2), row.getInt(3)));
                }
            }
            claims.sort(Comparator.comparingLong(Claim::seq));
            return claims;
        } catch (SQLException e) {
            throw failure("claim work of job " + jobId + " in", e);
        }
    }

    @Override
    public synchronized boolean complete(long jobId, long seq, String member, boolean ok, String outcome) {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE job_items SET state = ?, outcome = ?, finished_at = " + now + ", lease_until = NULL"
                        + " WHERE job_id = ? AND seq = ? AND claimed_by = ? AND state = 'claimed'")) {
            update.setString(1, ok ? "done" : "failed");
            update.setString(2, outcome);
            update.setLong(3, jobId);
            update.setLong(4, seq);
            update.setString(5, member);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("record a result of job " + jobId + " in", e);
        }
    }

    @Override
    public synchronized boolean refuse(long jobId, long seq, String member, String reason, int members) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT refused_by FROM job_items WHERE job_id = ? AND seq = ? AND claimed_by = ? AND state = 'claimed'")) {
            select.setLong(1, jobId);
            select.setLong(2, seq);
            select.setString(3, member);
            String refusedBy;
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false; // No longer ours: whoever holds it now decides.
                }
                refusedBy = row.getString(1);
            }
            // Held under our claim, the row changes only through us: read, then write, is safe.
            String refusals = (refusedBy.isEmpty() ? "\n" : refusedBy) + member + "\n";
            boolean failed = refusals.strip().split("\n").length >= members;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE job_items SET refused_by = ?, state = ?, claimed_by = CASE WHEN ? THEN claimed_by END,"
                            + " lease_until = NULL, outcome = ?, finished_at = CASE WHEN ? THEN " + now + " END"
                            + " WHERE job_id = ? AND seq = ? AND claimed_by = ? AND state = 'claimed'")) {
                update.setString(1, refusals);
                update.setString(2, failed ? "failed" : "pending");
                update.setBoolean(3, failed);
                update.setString(4, failed ? reason : null);
                update.setBoolean(5, failed);
                update.setLong(6, jobId);
                update.setLong(7, seq);
                update.setString(8, member);
                update.executeUpdate();
            }
            return failed;
        } catch (SQLException e) {
            throw failure("give back an item of job " + jobId + " in", e);
        }
    }

    @Override
    public synchronized int renew(String claimants, Duration lease) {
        return update("UPDATE job_items SET lease_until = " + now + " + ? WHERE claimed_by LIKE ? ESCAPE '\\' AND state = 'claimed'",
                lease.toMillis(), likePrefix(claimants));
    }

    @Override
    public synchronized int release(String claimants) {
        return update("UPDATE job_items SET state = 'pending', lease_until = NULL WHERE claimed_by LIKE ? ESCAPE '\\' AND state = 'claimed'",
                likePrefix(claimants));
    }

    // Claimant names are Medley's own (a UUID, a slash, a number); escaping keeps any other literal too.
    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    @Override
    public synchronized java.util.Map<String, Long> claimsByMember() {
        java.util.Map<String, Long> byMember = new java.util.TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT claimed_by, count(*) FROM job_items WHERE state = 'claimed' GROUP BY claimed_by");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                String claimant = row.getString(1);
                int slash = claimant.indexOf('/');
                byMember.merge(slash < 0 ? claimant : claimant.substring(0, slash), row.getLong(2), Long::sum);
            }
            return byMember;
        } catch (SQLException e) {
            throw failure("read the claims in", e);
        }
    }

    @Override
    public synchronized boolean finishIfDone(long jobId) {
        update("UPDATE jobs SET status = 'completed', ended_at = " + now + " WHERE id = ? AND status = 'running'"
                + " AND NOT EXISTS (SELECT 1 FROM job_items WHERE job_id = ? AND state IN ('pending', 'claimed'))",
                jobId, jobId);
        return job(jobId).map(job -> job.status() == Status.COMPLETED).orElse(false);
    }

    @Override
    public synchronized void cancel(long jobId) {
        update("UPDATE jobs SET status = 'cancelled', ended_at = " + now + " WHERE id = ? AND status IN ('listing', 'running')",
                jobId);
    }

    @Override
    public synchronized List<Outcome> takeUnreported(long jobId, int max) {
        String sql = "WITH picked AS MATERIALIZED (SELECT seq FROM job_items"
                + " WHERE job_id = ? AND reported = 0 AND state IN ('done', 'failed') ORDER BY seq LIMIT ?"
                + database.skipLocked() + ")"
                + " UPDATE job_items SET reported = 1 WHERE job_id = ? AND seq IN (SELECT seq FROM picked)"
                + " RETURNING seq, path, state, outcome";
        try (PreparedStatement take = connection.prepareStatement(sql)) {
            take.setLong(1, jobId);
            take.setInt(2, max);
            take.setLong(3, jobId);
            List<Outcome> outcomes = new ArrayList<>();
            try (ResultSet row = take.executeQuery()) {
                while (row.next()) {
                    outcomes.add(new Outcome(row.getLong(1), row.getString(2), "done".equals(row.getString(3)),
                            row.getString(4)));
                }
            }
            outcomes.sort(Comparator.comparingLong(Outcome::seq));
            return outcomes;
        } catch (SQLException e) {
            throw failure("read results of job " + jobId + " from", e);
        }
    }

    @Override
    public synchronized Optional<Job> job(long jobId) {
        return selectJobs("WHERE j.id = ?", jobId).stream().findFirst();
    }

    @Override
    public synchronized Optional<Job> job(String name) {
        return selectJobs("WHERE j.name = ?", name).stream().findFirst();
    }

    @Override
    public synchronized List<Job> jobs(int limit) {
        return selectJobs("ORDER BY j.id DESC LIMIT ?", limit);
    }

    private List<Job> selectJobs(String clause, Object argument) {
        String sql = """
                SELECT j.id, j.name, j.kind, j.spec, j.status, j.total, j.created_at, j.ended_at,
                       (SELECT count(*) FROM job_items i WHERE i.job_id = j.id AND i.state = 'pending'),
                       (SELECT count(*) FROM job_items i WHERE i.job_id = j.id AND i.state = 'claimed'),
                       (SELECT count(*) FROM job_items i WHERE i.job_id = j.id AND i.state = 'done'),
                       (SELECT count(*) FROM job_items i WHERE i.job_id = j.id AND i.state = 'failed'),
                       (SELECT count(*) FROM job_items i WHERE i.job_id = j.id AND i.attempts > 1),
                       (SELECT min(finished_at) FROM job_items i WHERE i.job_id = j.id),
                       (SELECT max(finished_at) FROM job_items i WHERE i.job_id = j.id)
                FROM jobs j\s""" + clause;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, argument);
            List<Job> jobs = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long ended = row.getLong(8);
                    jobs.add(new Job(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            EnumText.parse(Status.class, row.getString(5)), row.getLong(6), row.getLong(9),
                            row.getLong(10), row.getLong(11), row.getLong(12), row.getLong(13),
                            Instant.ofEpochMilli(row.getLong(7)), instant(ended), instant(row.getLong(14)),
                            instant(row.getLong(15))));
                }
            }
            return jobs;
        } catch (SQLException e) {
            throw failure("read jobs from", e);
        }
    }

    // Zero is how JDBC reads a null time.
    private static Instant instant(long epochMillis) {
        return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis);
    }

    private int update(String sql, Object... arguments) {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                update.setObject(i + 1, arguments[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    private CatalogException failure(String what, SQLException e) {
        return new CatalogException("cannot " + what + " the catalog " + database.describe() + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
