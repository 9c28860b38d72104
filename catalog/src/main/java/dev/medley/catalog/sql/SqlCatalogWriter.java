package dev.medley.catalog.sql;

import dev.medley.catalog.CatalogException;
import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.FileState;
import dev.medley.catalog.IdentityRecord;
import dev.medley.catalog.ProbeRecord;
import dev.medley.catalog.TranscriptRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The writer: one connection of its own, in manual-commit mode, written by one thread that drains
 * the queue a batch at a time. Upserts of probes, transcripts and identities find the file's row by
 * its path in the same statement.
 */
final class SqlCatalogWriter implements CatalogWriter {
    private static final int MAX_BATCH = 1024;
    private static final int QUEUE_CAPACITY = 8192;
    private static final long IDLE_POLL_MILLIS = 100;

    private final Connection connection;
    private final long runId;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final PreparedStatement upsertFile;
    private final PreparedStatement markSeen;
    private final PreparedStatement saveProbe;
    private final PreparedStatement saveTranscript;
    private final PreparedStatement saveIdentity;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean closed;

    SqlCatalogWriter(Connection connection, long runId) throws SQLException {
        this.connection = connection;
        this.runId = runId;
        connection.setAutoCommit(false);
        this.upsertFile = connection.prepareStatement("""
                INSERT INTO files (path, size, mtime_ns, fingerprint, status, first_seen_run, last_seen_run)
                VALUES (?, ?, ?, ?, 'present', ?, ?)
                ON CONFLICT (path) DO UPDATE SET
                    fingerprint = coalesce(excluded.fingerprint,
                        CASE WHEN files.size = excluded.size AND files.mtime_ns = excluded.mtime_ns
                             THEN files.fingerprint END),
                    size = excluded.size,
                    mtime_ns = excluded.mtime_ns,
                    status = 'present',
                    last_seen_run = excluded.last_seen_run""");
        this.markSeen = connection.prepareStatement("UPDATE files SET last_seen_run = ? WHERE id = ?");
        this.saveProbe = connection.prepareStatement("""
                INSERT INTO probes (file_id, size, mtime_ns, ok, error, prober, result, run_id, probed_at)
                SELECT id, ?, ?, ?, ?, ?, ?, ?, ? FROM files WHERE path = ? AND true
                ON CONFLICT (file_id) DO UPDATE SET
                    size = excluded.size, mtime_ns = excluded.mtime_ns, ok = excluded.ok,
                    error = excluded.error, prober = excluded.prober, result = excluded.result,
                    run_id = excluded.run_id, probed_at = excluded.probed_at""");
        this.saveTranscript = connection.prepareStatement("""
                INSERT INTO transcripts (file_id, size, mtime_ns, ok, error, engine, model, outputs, audio_seconds,
                                         processing_seconds, run_id, updated_at)
                SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM files WHERE path = ? AND true
                ON CONFLICT (file_id) DO UPDATE SET
                    size = excluded.size, mtime_ns = excluded.mtime_ns, ok = excluded.ok, error = excluded.error,
                    engine = excluded.engine, model = excluded.model, outputs = excluded.outputs,
                    audio_seconds = excluded.audio_seconds, processing_seconds = excluded.processing_seconds,
                    run_id = excluded.run_id, updated_at = excluded.updated_at""");
        this.saveIdentity = connection.prepareStatement("""
                INSERT INTO identities (file_id, size, mtime_ns, parser_version, kind, confidence, fields, run_id,
                                        identified_at)
                SELECT id, ?, ?, ?, ?, ?, ?, ?, ? FROM files WHERE path = ? AND true
                ON CONFLICT (file_id) DO UPDATE SET
                    size = excluded.size, mtime_ns = excluded.mtime_ns, parser_version = excluded.parser_version,
                    kind = excluded.kind, confidence = excluded.confidence, fields = excluded.fields,
                    run_id = excluded.run_id, identified_at = excluded.identified_at""");
        this.thread = Thread.ofPlatform().name("catalog-writer").daemon().start(this::writeLoop);
    }

    @Override
    public void upsertFile(FileState file) {
        enqueue(file);
    }

    @Override
    public void markSeen(long fileId) {
        enqueue(new Seen(fileId));
    }

    private record Seen(long fileId) {}

    @Override
    public void saveProbe(ProbeRecord probe) {
        enqueue(probe);
    }

    @Override
    public void saveTranscript(TranscriptRecord transcript) {
        enqueue(transcript);
    }

    @Override
    public void saveIdentity(IdentityRecord identity) {
        enqueue(identity);
    }

    @Override
    public void flush() {
        CountDownLatch done = new CountDownLatch(1);
        enqueue(done);
        try {
            while (!done.await(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                checkHealthy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while waiting for the catalog", e);
        }
        checkHealthy();
    }

    private void enqueue(Object change) {
        checkHealthy();
        if (closed) {
            throw new IllegalStateException("the catalog writer is closed");
        }
        try {
            while (!queue.offer(change, IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                checkHealthy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while writing to the catalog", e);
        }
    }

    private void checkHealthy() {
        Throwable cause = failure;
        if (cause != null) {
            throw new CatalogException("cannot write to the catalog: " + cause.getMessage()
                    + " (is the disk full or the file read-only?)", cause);
        }
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                Object first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            failure = e;
            rollbackQuietly();
            // Release anyone waiting on a flush; they will see the failure.
            queue.forEach(change -> {
                if (change instanceof CountDownLatch latch) {
                    latch.countDown();
                }
            });
        }
    }

    private void commit(List<Object> batch) throws SQLException {
        List<CountDownLatch> flushes = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Object change : batch) {
            switch (change) {
                case FileState file -> {
                    upsertFile.setString(1, file.path());
                    upsertFile.setLong(2, file.size());
                    upsertFile.setLong(3, file.mtimeNanos());
                    upsertFile.setString(4, file.fingerprint());
                    upsertFile.setLong(5, runId);
                    upsertFile.setLong(6, runId);
                    upsertFile.executeUpdate();
                }
                case Seen seen -> {
                    markSeen.setLong(1, runId);
                    markSeen.setLong(2, seen.fileId());
                    markSeen.executeUpdate();
                }
                case ProbeRecord probe -> {
                    saveProbe.setLong(1, probe.size());
                    saveProbe.setLong(2, probe.mtimeNanos());
                    saveProbe.setInt(3, probe.ok() ? 1 : 0);
                    saveProbe.setString(4, probe.error());
                    saveProbe.setString(5, probe.prober());
                    saveProbe.setString(6, probe.resultJson());
                    saveProbe.setLong(7, runId);
                    saveProbe.setLong(8, now);
                    saveProbe.setString(9, probe.path());
                    saveProbe.executeUpdate();
                }
                case TranscriptRecord transcript -> {
                    saveTranscript.setLong(1, transcript.size());
                    saveTranscript.setLong(2, transcript.mtimeNanos());
                    saveTranscript.setInt(3, transcript.ok() ? 1 : 0);
                    saveTranscript.setString(4, transcript.error());
                    saveTranscript.setString(5, transcript.engine());
                    saveTranscript.setString(6, transcript.model());
                    saveTranscript.setString(7, String.join("\n", transcript.outputs()));
                    saveTranscript.setDouble(8, transcript.audioSeconds());
                    saveTranscript.setDouble(9, transcript.processingSeconds());
                    saveTranscript.setLong(10, runId);
                    saveTranscript.setLong(11, now);
                    saveTranscript.setString(12, transcript.path());
                    saveTranscript.executeUpdate();
                }
                case IdentityRecord identity -> {
                    saveIdentity.setLong(1, identity.size());
                    saveIdentity.setLong(2, identity.mtimeNanos());
                    saveIdentity.setString(3, identity.parserVersion());
                    saveIdentity.setString(4, identity.kind());
                    saveIdentity.setDouble(5, identity.confidence());
                    saveIdentity.setString(6, identity.fieldsJson());
                    saveIdentity.setLong(7, runId);
                    saveIdentity.setLong(8, now);
                    saveIdentity.setString(9, identity.path());
                    saveIdentity.executeUpdate();
                }
                case CountDownLatch flush -> flushes.add(flush);
                default -> throw new IllegalStateException("unknown change " + change);
            }
        }
        connection.commit();
        flushes.forEach(CountDownLatch::countDown);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The failure that brought us here is the one worth reporting.
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                flush();
            }
        } finally {
            closed = true;
            try {
                thread.join();
                upsertFile.close();
                markSeen.close();
                saveProbe.close();
                saveTranscript.close();
                saveIdentity.close();
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                throw new CatalogException("cannot close the catalog: " + e.getMessage(), e);
            }
        }
        checkHealthy();
    }
}
