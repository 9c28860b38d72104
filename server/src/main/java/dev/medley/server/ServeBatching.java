package dev.medley.server;

import java.time.Duration;

/**
 * How the server's one dynamic batcher groups the windows of all requests for the engine.
 *
 * @param maxBatchSize most windows in a batch; 0 for auto (follow {@code latencyTarget})
 * @param autoCeiling the largest batch auto sizing may choose
 * @param minBatchSize windows worth sending without waiting for more
 * @param maxWait how long the oldest window waits for company while the engine has a free slot
 * @param latencyTarget what auto sizing holds a batch's time to
 * @param maxQueueTime how long a window may wait in the queue; past it its request fails with 504
 * @param maxBatchesInFlight batches at the engine at once (at most what the engine can run)
 * @param queueCapacity windows waiting, both priorities together; past it a request fails with 429
 */
public record ServeBatching(int maxBatchSize, int autoCeiling, int minBatchSize, Duration maxWait,
        Duration latencyTarget, Duration maxQueueTime, int maxBatchesInFlight, int queueCapacity) {

    /** Batches of up to 8 windows, sent as soon as the engine is free, at most 5 minutes in the queue. */
    public static final ServeBatching DEFAULT = new ServeBatching(8, 64, 1, Duration.ofMillis(10),
            Duration.ofSeconds(2), Duration.ofMinutes(5), 1, 4096);

    public ServeBatching {
        if (maxBatchSize < 0 || autoCeiling < 1 || minBatchSize < 1 || maxBatchesInFlight < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("batch sizes, batches in flight and the queue's capacity must be positive");
        }
        if (maxBatchSize > 0 && minBatchSize > maxBatchSize) {
            throw new IllegalArgumentException("the smallest batch (" + minBatchSize + ") exceeds the largest ("
                    + maxBatchSize + ")");
        }
        if (maxWait.isNegative() || !latencyTarget.isPositive() || !maxQueueTime.isPositive()) {
            throw new IllegalArgumentException("waits and limits must be positive");
        }
    }

    /** Tells whether the batch size follows the latency target. */
    public boolean auto() {
        return maxBatchSize == 0;
    }

    public ServeBatching withMaxBatchSize(int size) {
        return new ServeBatching(size, autoCeiling, Math.min(minBatchSize, size == 0 ? minBatchSize : size), maxWait,
                latencyTarget, maxQueueTime, maxBatchesInFlight, queueCapacity);
    }
}
