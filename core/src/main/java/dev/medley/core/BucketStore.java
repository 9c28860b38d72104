package dev.medley.core;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where a {@link RateLimiter}'s buckets are kept: by default in this process; given a store shared by
 * many processes (a cluster's), every limiter of the same name draws on one budget, wherever it runs.
 */
@FunctionalInterface
public interface BucketStore {

    /**
     * Returns the bucket called {@code name}, made with {@code configuration} if it does not exist yet.
     * Buckets of one name must be asked for with the same configuration.
     */
    Bucket bucket(String name, BucketConfiguration configuration);
}
