package dev.medley.catalog;

/**
 * Records changes to the catalog from many threads, grouping them into transactions on a thread of
 * its own (group commit).
 *
 * <p>Callers never wait for the disk: they queue a change and go on. Changes are committed in the
 * order they were queued, a batch at a time, so that a process killed at any moment loses at most
 * the changes of the last fraction of a second, which the next run then redoes. The queue is
 * bounded: a caller that outpaces the disk waits. A change that cannot be written makes every later
 * call throw {@link CatalogException}.
 *
 * <p>Implementations are thread-safe.
 */
public interface CatalogWriter extends AutoCloseable {

    /** Queues: the file exists in this state and was seen by this run. */
    void upsertFile(FileState file);

    /**
     * Queues: the catalog's file {@code fileId} ({@link KnownFile#id()}), present and unchanged, was
     * seen by this run. Cheaper than {@link #upsertFile} for the files a rerun finds as they were.
     */
    void markSeen(long fileId);

    /** Queues: this is the file's latest probe. The file must have been upserted before. */
    void saveProbe(ProbeRecord probe);

    /** Queues: this is the file's latest transcript. The file must have been upserted before. */
    void saveTranscript(TranscriptRecord transcript);

    /** Queues: this is the file's latest identity. The file must have been upserted before. */
    void saveIdentity(IdentityRecord identity);

    /** Waits until everything queued so far is committed. */
    void flush();

    /** Commits everything queued, then releases the writer. */
    @Override
    void close();
}
