package dev.medley.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.JobStatus;
import dev.medley.catalog.Catalog;
import dev.medley.catalog.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Submits jobs to a cluster and follows them, without doing any work itself: a Hazelcast client of the
 * members, and a reader of the shared catalog, where the job's files and their outcomes are.
 *
 * <p>A job outlives its submitter: it runs in the cluster, and {@link #follow} picks it up again from
 * any process that can reach the catalog ({@code medley cluster attach JOB}).
 */
public final class ClusterClient implements AutoCloseable {
    /** Files listed into the catalog per transaction while a job is submitted. */
    private static final int LIST_CHUNK = 1_000;
    /** Outcomes read per poll of the catalog. */
    private static final int REPORT_CHUNK = 1_000;

    private final HazelcastInstance client;
    private final WorkQueue queue;
    private final ClusterSettings settings;

    private ClusterClient(HazelcastInstance client, WorkQueue queue, ClusterSettings settings) {
        this.client = client;
        this.queue = queue;
        this.settings = settings;
    }

    /**
     * Connects to the cluster through the members {@code settings} name.
     *
     * @throws IllegalStateException if no member answers within {@code connectTimeout}, or none accepts
     *     this client (another cluster name or secret)
     */
    public static ClusterClient connect(ClusterSettings settings, Catalog catalog, Duration connectTimeout) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(settings.hazelcastName());
        MedleyMember.quiet(config.getProperties());
        config.getNetworkConfig().setAddresses(new ArrayList<>(settings.memberAddresses()));
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(connectTimeout.toMillis());
        HazelcastInstance client;
        try {
            client = HazelcastClient.newHazelcastClient(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach cluster " + settings.name() + " through "
                    + String.join(", ", settings.memberAddresses()) + ": is a member running there, started with"
                    + " the same --cluster name and $" + ClusterSettings.SECRET_ENV + "?", e);
        }
        return new ClusterClient(client, catalog.workQueue(), settings);
    }

    /** A submitted job: its id in the catalog and its name in the cluster. */
    public record Submission(long jobId, String name, long files) {}

    /**
     * Lists {@code files} (catalog keys, as this machine sees them) into a new job of {@code kind} and
     * starts it in the cluster.
     *
     * @param runId the submitter's run in the catalog, or null
     */
    public Submission submit(String kind, String spec, Iterator<String> files, Long runId, int batch, int inFlight) {
        String name = kind + "-" + UUID.randomUUID().toString().substring(0, 8);
        long jobId = queue.createJob(name, kind, spec, runId);
        long listed = 0;
        List<String> chunk = new ArrayList<>(LIST_CHUNK);
        while (files.hasNext()) {
            chunk.add(files.next());
            if (chunk.size() == LIST_CHUNK) {
                queue.addItems(jobId, listed, chunk);
                listed += chunk.size();
                chunk.clear();
            }
        }
        queue.addItems(jobId, listed, chunk);
        listed += chunk.size();
        queue.listed(jobId, listed);
        JobConfig config = new JobConfig().setName(name)
                // No snapshots: a restarted job starts over, and its source skips what the catalog has done.
                .setProcessingGuarantee(ProcessingGuarantee.NONE)
                .setAutoScaling(true);
        client.getJet().newJob(ClusterPipeline.of(jobId, kind, spec, batch, inFlight), config);
        return new Submission(jobId, name, listed);
    }

    /** Returns job {@code jobId}, if the catalog has it. */
    public Optional<WorkQueue.Job> job(long jobId) {
        return queue.job(jobId);
    }

    /** Returns the job named {@code name}, if the catalog has it. */
    public Optional<WorkQueue.Job> job(String name) {
        return queue.job(name);
    }

    /**
     * Follows job {@code jobId} until every file is finished, telling {@code outcomes} of each file not
     * yet reported (in listing order within each poll) and {@code progress} of the counts, and returns
     * the job as it ended.
     *
     * @throws IllegalStateException if the cluster's run of the job failed (a member could not open its
     *     model, say); files already finished stay finished
     */
    public WorkQueue.Job follow(long jobId, Consumer<WorkQueue.Outcome> outcomes, Consumer<WorkQueue.Job> progress,
            Duration poll) throws InterruptedException {
        WorkQueue.Job job = queue.job(jobId).orElseThrow(() -> new IllegalArgumentException("no job " + jobId));
        while (true) {
            List<WorkQueue.Outcome> finished = queue.takeUnreported(jobId, REPORT_CHUNK);
            finished.forEach(outcomes);
            job = queue.job(jobId).orElseThrow();
            progress.accept(job);
            if (finished.size() == REPORT_CHUNK) {
                continue;
            }
            if (job.finished()) {
                // Files may have finished between the take above and the job's end: take them too.
                List<WorkQueue.Outcome> last = queue.takeUnreported(jobId, REPORT_CHUNK);
                last.forEach(outcomes);
                if (last.isEmpty()) {
                    return job;
                }
                continue;
            }
            if (job.pending() == 0 && job.claimed() == 0 && job.status() == WorkQueue.Status.RUNNING) {
                queue.finishIfDone(jobId); // Every file is finished; the members' sources may not have said so yet.
                continue;
            }
            Job running = client.getJet().getJob(job.name());
            if (running != null && running.getStatus() == JobStatus.FAILED) {
                String reason;
                try {
                    running.join();
                    reason = "failed";
                } catch (RuntimeException e) {
                    reason = rootMessage(e);
                }
                throw new IllegalStateException("job " + job.name() + " failed in the cluster: " + reason);
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** A member as status shows it. */
    public record MemberStatus(String name, String version, String address, long filesInFlight) {}

    /** The cluster now: its members and the latest jobs. */
    public record Status(String cluster, List<MemberStatus> members, List<WorkQueue.Job> jobs) {}

    /** Returns the members, the files each holds now, and the latest {@code jobs} jobs. */
    public Status status(int jobs) {
        Map<String, Long> held = new HashMap<>(queue.claimsByMember());
        List<MemberStatus> members = new ArrayList<>();
        for (Member member : client.getCluster().getMembers()) {
            members.add(new MemberStatus(MedleyMember.describe(member),
                    String.valueOf(member.getAttribute(MedleyMember.ATTRIBUTE_VERSION)),
                    member.getAddress().toString(), held.getOrDefault(member.getUuid().toString(), 0L)));
        }
        return new Status(settings.name(), members, queue.jobs(jobs));
    }

    @Override
    public void close() {
        queue.close();
        client.shutdown();
    }
}
