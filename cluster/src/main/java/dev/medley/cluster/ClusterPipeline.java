package dev.medley.cluster;

import com.hazelcast.jet.core.Processor;
import com.hazelcast.jet.pipeline.BatchSource;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.ServiceFactories;
import com.hazelcast.jet.pipeline.ServiceFactory;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.SourceBuilder;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.WorkQueue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job as a Jet batch pipeline, run by every member:
 * <pre>
 *   claim files from the catalog ─► the member's worker, in batches, recording each outcome under its claim
 * </pre>
 * Outcomes are recorded where the work was done, as the worker's batch completes: that member holds
 * the claim, and counts the files it has in hand, which its source tops up.
 * The source claims from the shared work queue rather than splitting a list up front, so a member
 * that is faster, or joins later, takes more, and one that dies leaves its files to the others.
 * The job keeps no snapshots: when Jet restarts it (a member left or joined), each member's source
 * gives back what its earlier execution held and claims again, skipping what the catalog has done.
 */
final class ClusterPipeline {
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private ClusterPipeline() {}

    /** A claimed file on its way through a member. */
    record Claimed(long jobId, long seq, String key, int attempts, String claimant) implements Serializable {}

    /** A file and what the member made of it. */
    record Finished(Claimed claimed, ItemOutcome outcome) implements Serializable {}

    /**
     * Returns the pipeline of job {@code jobId}.
     *
     * @param batch the most files handed to the worker at once
     * @param inFlight the most files a member holds claims on at once: enough to keep its worker busy, few
     *     enough that others find work
     */
    static Pipeline of(long jobId, String kind, String spec, int batch, int inFlight) {
        Pipeline pipeline = Pipeline.create();
        ServiceFactory<?, MemberWorker> worker = ServiceFactories.sharedService(context -> {
            MemberContext member = MemberContext.of(context.hazelcastInstance());
            return new MemberWorker(member, member.open(kind, spec));
        }, MemberWorker::close);
        pipeline.readFrom(source(jobId, inFlight))
                .mapUsingServiceAsyncBatched(worker, batch, ClusterPipeline::process)
                .setLocalParallelism(1)
                .writeTo(Sinks.noop());
        return pipeline;
    }

    /** The member's one worker for the job, shared by its processors. */
    private record MemberWorker(MemberContext member, Worker worker) {
        void close() throws Exception {
            worker.close();
        }
    }

    private static CompletableFuture<List<Finished>> process(MemberWorker member, List<Claimed> claims) {
        List<Worker.Item> items = new ArrayList<>(claims.size());
        for (Claimed claim : claims) {
            items.add(new Worker.Item(claim.seq(), claim.key(), PathMap.local(PathKey.toPath(claim.key()),
                    member.member().pathMaps()), claim.attempts()));
        }
        return member.worker().process(items).thenApply(outcomes -> {
            if (outcomes.size() != claims.size()) {
                throw new IllegalStateException("the worker answered " + outcomes.size() + " of " + claims.size() + " files");
            }
            List<Finished> finished = new ArrayList<>(claims.size());
            for (int i = 0; i < claims.size(); i++) {
                Finished one = new Finished(claims.get(i), outcomes.get(i));
                record(member.member(), one);
                finished.add(one);
            }
            return finished;
        });
    }

    private static BatchSource<Claimed> source(long jobId, int inFlight) {
        return SourceBuilder.batch("claim-files-of-job-" + jobId, context -> new Claims(context, jobId, inFlight))
                .<Claimed>fillBufferFn(Claims::fill)
                .destroyFn(Claims::close)
                .distributed(1)
                .build();
    }

    /** A member's source: claims files while the member has room for more, until the job has none left. */
    private static final class Claims {
        private final MemberContext member;
        private final long jobId;
        private final String claimant;
        private final int capacity;
        private final AtomicInteger held;
        private long nextPoll;

        Claims(Processor.Context context, long jobId, int capacity) {
            this.member = MemberContext.of(context.hazelcastInstance());
            this.jobId = jobId;
            this.capacity = capacity;
            // A new execution of the job (Jet restarted it): what the member held before is given back first.
            member.queue().release(member.claimantPrefix(jobId));
            this.claimant = member.claimantPrefix(jobId) + Long.toHexString(context.executionId());
            this.held = member.inFlight(claimant);
        }

        void fill(SourceBuilder.SourceBuffer<Claimed> buffer) {
            long now = System.nanoTime();
            if (now - nextPoll < 0) {
                return;
            }
            int room = capacity - held.get();
            if (room <= 0) {
                return; // The sink frees room as files finish.
            }
            List<WorkQueue.Claim> claims = member.queue().claim(jobId, claimant, room, member.lease());
            if (claims.isEmpty()) {
                WorkQueue.Job job = member.queue().job(jobId).orElseThrow();
                boolean open = job.pending() > 0 || job.claimed() > 0;
                if (job.finished() || (job.status() == WorkQueue.Status.RUNNING && !open)) {
                    member.queue().finishIfDone(jobId);
                    buffer.close();
                } else {
                    // Others hold the rest; if one dies, its lease runs out and this member takes its files.
                    nextPoll = now + IDLE_POLL_NANOS;
                }
                return;
            }
            for (WorkQueue.Claim claim : claims) {
                held.incrementAndGet();
                buffer.add(new Claimed(jobId, claim.seq(), claim.path(), claim.attempts(), claimant));
            }
        }

        void close() {
            member.forget(claimant);
        }
    }

    // Records one outcome under the claim it was worked on, and frees its place in the member's hands.
    private static void record(MemberContext member, Finished finished) {
        Claimed claimed = finished.claimed();
        ItemOutcome outcome = finished.outcome();
        try {
            switch (outcome.kind()) {
                case DONE, FAILED -> member.queue().complete(claimed.jobId(), claimed.seq(), claimed.claimant(),
                        outcome.kind() == ItemOutcome.Kind.DONE, outcome.line());
                case REFUSED -> member.queue().refuse(claimed.jobId(), claimed.seq(), claimed.claimant(),
                        outcome.line(), member.clusterSize());
            }
        } finally {
            member.inFlight(claimed.claimant()).decrementAndGet();
        }
    }
}
