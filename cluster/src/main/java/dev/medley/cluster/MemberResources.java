package dev.medley.cluster;

import dev.medley.catalog.Catalog;

/** What a member lends its workers. */
public interface MemberResources {

    /** Returns the shared catalog, open for the member's lifetime. */
    Catalog catalog();

    /** Returns the member's name in the cluster, as results and status show it. */
    String memberName();

    /**
     * Returns where rate limits shared by the whole cluster are kept: a limiter built with
     * {@code RateLimiter.builder().sharedIn(store, NAME)} holds its limit for all members together.
     */
    dev.medley.core.BucketStore sharedLimits();
}
