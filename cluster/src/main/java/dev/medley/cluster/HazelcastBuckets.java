package dev.medley.cluster;

import com.hazelcast.core.HazelcastInstance;
import dev.medley.core.BucketStore;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;

/**
 * Rate-limit buckets kept in the cluster (a Hazelcast map), so that a limit (an LLM provider's
 * requests per minute, a remote engine's) holds for all members together, not for each. Buckets are
 * updated by compare-and-swap from the member that draws on them: the members need no server-side
 * classes or serializers of Bucket4j's, and a member that dies leaves the budget as it was.
 */
final class HazelcastBuckets implements BucketStore {
    static final String MAP = "medley-rate-limits";

    private final ProxyManager<String> buckets;

    HazelcastBuckets(HazelcastInstance hazelcast) {
        this.buckets = Bucket4jHazelcast.<String>casBasedBuilder(hazelcast.getMap(MAP)).build();
    }

    @Override
    public Bucket bucket(String name, BucketConfiguration configuration) {
        return buckets.builder().build(name, () -> configuration);
    }
}
