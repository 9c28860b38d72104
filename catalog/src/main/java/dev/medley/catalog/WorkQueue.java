package dev.medley.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Work shared by the members of a cluster, kept in the catalog: a job is one submitted command over a
 * list of files, and each file an item that one member at a time claims.
 *
 * <p>A claim is a lease: the member renews it while it works ({@link #renew}); a member that dies
 * stops renewing, and once the lease has run out another member claims the item again. A result
 * counts only from the member that holds the claim ({@link #complete} is fenced by it), so an item
 * taken over is finished once, by whichever member holds it last. Lease times are the database's
 * clock, not the members'.
 *
 * <p>Each method commits before it returns. Implementations are thread-safe.
 */
public interface WorkQueue extends AutoCloseable {

    /** Where a job is: its files being listed, then running until every item is done or failed. */
    enum Status { LISTING, RUNNING, COMPLETED, CANCELLED }

    /**
     * A job and how far it is: its items by state, and when its first and last items finished (null
     * before any has).
     */
    record Job(long id, String name, String kind, String spec, Status status, long total, long pending,
            long claimed, long done, long failed, long takenOver, Instant createdAt, Instant endedAt,
            Instant firstFinishedAt, Instant lastFinishedAt) {
        /** Returns whether every item is done or failed. */
        public boolean finished() {
            return status == Status.COMPLETED || status == Status.CANCELLED;
        }
    }

    /**
     * An item claimed by a member.
     *
     * @param attempts how many claims the item has had, this one included: more than one means it was taken over
     */
    record Claim(long jobId, long seq, String path, int attempts) {}

    /** A finished item, for the submitter: {@code outcome} is the result line the member wrote. */
    record Outcome(long seq, String path, boolean ok, String outcome) {}

    /**
     * Records a new job, still being listed, and returns its id.
     *
     * @throws CatalogException if a job of that name exists
     */
    long createJob(String name, String kind, String spec, Long runId);

    /** Adds items {@code firstSeq}, {@code firstSeq + 1}, ... to a job being listed, in one transaction. */
    void addItems(long jobId, long firstSeq, List<String> paths);

    /** Marks the listing complete: the job has {@code total} items, and runs until each is finished. */
    void listed(long jobId, long total);

    /**
     * Claims up to {@code max} items of job {@code jobId} for {@code member}, in listing order: items
     * no one holds, and items whose holder's lease has run out, leaving those the member refused.
     * Members claiming at once get different items and do not wait for each other.
     */
    List<Claim> claim(long jobId, String member, int max, Duration lease);

    /**
     * Records the result of an item claimed by {@code member}; returns false, recording nothing, when
     * the member no longer holds the claim (its lease ran out and another member took the item).
     */
    boolean complete(long jobId, long seq, String member, boolean ok, String outcome);

    /**
     * Gives back an item {@code member} cannot read (the file is not at its path there, say), so that
     * another member takes it; when {@code members} members have refused it, it fails with
     * {@code reason}. Returns whether it failed.
     */
    boolean refuse(long jobId, long seq, String member, String reason, int members);

    /**
     * Extends the leases of every item held by a claimant whose name starts with {@code claimants}
     * (a member names its claimants {@code MEMBER/EXECUTION}, so {@code MEMBER/} is all of them);
     * returns how many.
     */
    int renew(String claimants, Duration lease);

    /**
     * Gives back, at once, every item held by a claimant whose name starts with {@code claimants}: the
     * member has left the cluster, or its work restarted. Returns how many.
     */
    int release(String claimants);

    /**
     * Returns how many files each member holds now, by the member part of its claimants' names (before
     * the first {@code /}), over all jobs.
     */
    java.util.Map<String, Long> claimsByMember();

    /** Marks job {@code jobId} completed if it is running and every item is finished; returns whether it is now. */
    boolean finishIfDone(long jobId);

    /** Marks job {@code jobId} cancelled: its items not yet claimed are never claimed. */
    void cancel(long jobId);

    /** Returns up to {@code max} finished items of the job not yet returned by this method, in listing order. */
    List<Outcome> takeUnreported(long jobId, int max);

    /** Returns job {@code jobId} with its counts. */
    Optional<Job> job(long jobId);

    /** Returns the job named {@code name} with its counts. */
    Optional<Job> job(String name);

    /** Returns the latest {@code limit} jobs, newest first. */
    List<Job> jobs(int limit);

    @Override
    void close();
}
