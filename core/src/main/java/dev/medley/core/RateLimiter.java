package dev.medley.core;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps calls to an outside service within its limits: requests per minute, requests per day and
 * tokens (such as model tokens or bytes) per minute. One instance is shared by all workers of a
 * stage.
 *
 * <p>Each limit is a token bucket that starts full, so up to the limit passes at once, and then
 * refills smoothly (a 60-per-minute limit admits one request per second after the first burst).
 * {@link #acquire} reserves its share immediately and then sleeps until the reservation is due, so
 * waiting callers are served in arrival order and never exceed any limit. Time is read through the
 * injected {@link Ticker} and waits go through the injected {@link Sleeper}.
 */
public final class RateLimiter {

    /** Admits everything at once. */
    public static final RateLimiter UNLIMITED = new RateLimiter(null, null, 0, Sleeper.SYSTEM);

    private final Bucket requests;
    private final Bucket tokens;
    private final long tokensPerMinute;
    private final Sleeper sleeper;
    // Reserving in two buckets must look atomic to other callers.
    private final ReentrantLock lock = new ReentrantLock();

    private RateLimiter(Bucket requests, Bucket tokens, long tokensPerMinute, Sleeper sleeper) {
        this.requests = requests;
        this.tokens = tokens;
        this.tokensPerMinute = tokensPerMinute;
        this.sleeper = sleeper;
    }

    /** Starts a limiter with no limits set; set at least one, or it admits everything. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Waits until one request and {@code tokens} tokens fit within every limit, then takes them.
     *
     * @param tokens tokens this request uses; 0 when only requests are limited
     * @throws IllegalArgumentException when {@code tokens} is negative or exceeds the tokens-per-minute
     *                                  limit, so that the request could never pass
     * @throws InterruptedException     when interrupted before or while waiting; nothing is taken then
     */
    public void acquire(long tokens) throws InterruptedException {
        checkTokens(tokens);
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before acquiring a rate limit");
        }
        long waitNanos;
        lock.lock();
        try {
            waitNanos = Math.max(reserve(requests, 1), reserve(this.tokens, tokens));
        } finally {
            lock.unlock();
        }
        if (waitNanos <= 0) {
            return;
        }
        try {
            sleeper.sleep(Duration.ofNanos(waitNanos));
        } catch (InterruptedException e) {
            giveBack(tokens);
            throw e;
        }
    }

    /**
     * Takes one request and {@code tokens} tokens if every limit allows them now.
     *
     * @return whether they were taken
     * @throws IllegalArgumentException as for {@link #acquire}
     */
    public boolean tryAcquire(long tokens) {
        checkTokens(tokens);
        lock.lock();
        try {
            if (!fits(requests, 1) || !fits(this.tokens, tokens)) {
                return false;
            }
            reserve(requests, 1);
            reserve(this.tokens, tokens);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void checkTokens(long tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must not be negative, got " + tokens);
        }
        if (this.tokens != null && tokens > tokensPerMinute) {
            throw new IllegalArgumentException("a request for " + tokens + " tokens can never pass: the limit is "
                    + tokensPerMinute + " tokens per minute");
        }
    }

    private static boolean fits(Bucket bucket, long amount) {
        return bucket == null || amount == 0 || bucket.estimateAbilityToConsume(amount).canBeConsumed();
    }

    // Takes the amount even if the bucket goes below zero; returns how long until that debt is paid.
    private static long reserve(Bucket bucket, long amount) {
        return bucket == null || amount == 0 ? 0 : bucket.consumeIgnoringRateLimits(amount);
    }

    private void giveBack(long amount) {
        lock.lock();
        try {
            if (requests != null) {
                requests.addTokens(1);
            }
            if (this.tokens != null && amount > 0) {
                this.tokens.addTokens(amount);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Configures a {@link RateLimiter}; each setter may be called once. */
    public static final class Builder {

        private Long requestsPerMinute;
        private Long requestsPerDay;
        private Long tokensPerMinute;
        private Ticker ticker;
        private Sleeper sleeper;
        private BucketStore store;
        private String name;

        private Builder() {}

        /**
         * Keeps the limits in {@code store} under {@code name}, so that every limiter of that name on the
         * store shares them: a cluster's members then stay within one budget together. The store's clock
         * counts, not {@link #ticker}.
         */
        public Builder sharedIn(BucketStore store, String name) {
            Check.unset(this.store, "store");
            this.store = Check.notNull(store, "store");
            this.name = Check.notNull(name, "name");
            return this;
        }

        /** Limits requests per minute; at least 1. */
        public Builder requestsPerMinute(long limit) {
            Check.unset(requestsPerMinute, "requestsPerMinute");
            requestsPerMinute = Check.positive(limit, "requestsPerMinute");
            return this;
        }

        /** Limits requests per day; at least 1. */
        public Builder requestsPerDay(long limit) {
            Check.unset(requestsPerDay, "requestsPerDay");
            requestsPerDay = Check.positive(limit, "requestsPerDay");
            return this;
        }

        /** Limits tokens per minute; at least 1. A single request may not need more than this. */
        public Builder tokensPerMinute(long limit) {
            Check.unset(tokensPerMinute, "tokensPerMinute");
            tokensPerMinute = Check.positive(limit, "tokensPerMinute");
            return this;
        }

        /** Sets the clock the buckets refill by; default {@link Ticker#SYSTEM}. */
        public Builder ticker(Ticker ticker) {
            Check.unset(this.ticker, "ticker");
            this.ticker = Check.notNull(ticker, "ticker");
            return this;
        }

        /** Sets how {@link #acquire} waits; default {@link Sleeper#SYSTEM}. */
        public Builder sleeper(Sleeper sleeper) {
            Check.unset(this.sleeper, "sleeper");
            this.sleeper = Check.notNull(sleeper, "sleeper");
            return this;
        }

        /** Returns the limiter. */
        public RateLimiter build() {
            TimeMeter meter = meter(ticker == null ? Ticker.SYSTEM : ticker);
            Bucket requestBucket = null;
            if (requestsPerMinute != null || requestsPerDay != null) {
                var limits = BucketConfiguration.builder();
                if (requestsPerMinute != null) {
                    limits.addLimit(l -> l.capacity(requestsPerMinute).refillGreedy(requestsPerMinute, Duration.ofMinutes(1)));
                }
                if (requestsPerDay != null) {
                    limits.addLimit(l -> l.capacity(requestsPerDay).refillGreedy(requestsPerDay, Duration.ofDays(1)));
                }
                requestBucket = bucket(meter, "requests", limits.build());
            }
            Bucket tokenBucket = tokensPerMinute == null ? null : bucket(meter, "tokens", BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(tokensPerMinute).refillGreedy(tokensPerMinute, Duration.ofMinutes(1)))
                    .build());
            return new RateLimiter(requestBucket, tokenBucket, tokensPerMinute == null ? 0 : tokensPerMinute,
                    sleeper == null ? Sleeper.SYSTEM : sleeper);
        }

        private Bucket bucket(TimeMeter meter, String kind, BucketConfiguration limits) {
            if (store != null) {
                return store.bucket(name + "/" + kind, limits);
            }
            LocalBucketBuilder local = Bucket.builder()
                    .withCustomTimePrecision(meter)
                    .withSynchronizationStrategy(SynchronizationStrategy.NONE); // The limiter's own lock guards it.
            for (var bandwidth : limits.getBandwidths()) {
                local.addLimit(bandwidth);
            }
            return local.build();
        }

        private static TimeMeter meter(Ticker ticker) {
            return new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return ticker.read();
                }

                @Override
                public boolean isWallClockBased() {
                    return false;
                }
            };
        }
    }
}
