package dev.medley.cluster;

import com.hazelcast.core.HazelcastInstance;
import dev.medley.catalog.Catalog;
import dev.medley.catalog.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a member holds for the jobs it runs: the catalog and its work queue, the kinds of work it can
 * do, and how many files each of its claimants has in flight. Jet's processors find it by their
 * member ({@link #of}); it renews the member's leases while the member lives.
 */
final class MemberContext implements MemberResources, AutoCloseable {
    private static final Map<UUID, MemberContext> BY_MEMBER = new ConcurrentHashMap<>();

    private final HazelcastInstance hazelcast;
    private final UUID uuid;
    private final String name;
    private final Catalog catalog;
    private final WorkQueue queue;
    private final Map<String, WorkKind> kinds;
    private final List<PathMap> pathMaps;
    private final Duration lease;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer;
    private final HazelcastBuckets sharedLimits;

    MemberContext(HazelcastInstance hazelcast, String name, Catalog catalog, Map<String, WorkKind> kinds,
            List<PathMap> pathMaps, Duration lease) {
        this.hazelcast = hazelcast;
        this.uuid = hazelcast.getCluster().getLocalMember().getUuid();
        this.name = name;
        this.catalog = catalog;
        this.queue = catalog.workQueue();
        this.kinds = Map.copyOf(kinds);
        this.pathMaps = List.copyOf(pathMaps);
        this.lease = lease;
        this.sharedLimits = new HazelcastBuckets(hazelcast);
        this.renewer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("medley-lease-renewer").daemon().factory());
        // A third of the lease: two renewals can be missed (a pause, a slow database) before a claim is lost.
        long every = Math.max(1, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        BY_MEMBER.put(uuid, this);
    }

    /** Returns the context of the member {@code hazelcast} is. */
    static MemberContext of(HazelcastInstance hazelcast) {
        MemberContext context = BY_MEMBER.get(hazelcast.getCluster().getLocalMember().getUuid());
        if (context == null) {
            throw new IllegalStateException("this Hazelcast member is no medley worker: start members with medley worker");
        }
        return context;
    }

    private void renew() {
        try {
            queue.renew(claimantPrefix(uuid), lease);
        } catch (RuntimeException e) {
            // The next renewal tries again; a claim lost meanwhile is fenced, never finished twice.
        }
    }

    /** Returns the prefix of every claimant name of member {@code member}. */
    static String claimantPrefix(UUID member) {
        return member + "/";
    }

    /** Returns the prefix of the claimant names of this member's executions of job {@code jobId}. */
    String claimantPrefix(long jobId) {
        return claimantPrefix(uuid) + jobId + "/";
    }

    UUID uuid() {
        return uuid;
    }

    WorkQueue queue() {
        return queue;
    }

    Duration lease() {
        return lease;
    }

    List<PathMap> pathMaps() {
        return pathMaps;
    }

    int clusterSize() {
        return hazelcast.getCluster().getMembers().size();
    }

    AtomicInteger inFlight(String claimant) {
        return inFlight.computeIfAbsent(claimant, key -> new AtomicInteger());
    }

    void forget(String claimant) {
        inFlight.remove(claimant);
    }

    /** Opens a worker for a job of {@code kind}. */
    Worker open(String kind, String spec) throws Exception {
        WorkKind work = kinds.get(kind);
        if (work == null) {
            throw new IllegalStateException("member " + name + " cannot do work of kind " + kind
                    + "; it can do " + kinds.keySet() + " (are all members the same medley version?)");
        }
        return work.open(spec, this);
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public String memberName() {
        return name;
    }

    @Override
    public dev.medley.core.BucketStore sharedLimits() {
        return sharedLimits;
    }

    @Override
    public void close() {
        BY_MEMBER.remove(uuid);
        renewer.shutdownNow();
        queue.close();
    }
}
