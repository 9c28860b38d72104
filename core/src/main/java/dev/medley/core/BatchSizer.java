package dev.medley.core;

import java.time.Duration;

/**
 * Chooses how many items a batch may take: a fixed number, or (auto) the largest batch expected to
 * finish within a latency target, from the batch times measured so far.
 *
 * <p>Auto sizing fits {@code time = c0 + c1·n} to the last {@value #HISTORY} batches by least squares.
 * Until two sizes have been seen there is nothing to fit, so it doubles the size while batches finish
 * within the target and halves it when one does not. Not thread-safe.
 */
public final class BatchSizer {
    static final int HISTORY = 32;

    private final int ceiling;
    private final long targetNanos; // 0: fixed size
    private final int[] sizes = new int[HISTORY];
    private final long[] nanos = new long[HISTORY];
    private int observed;
    private int limit;
    private double perItemNanos = Double.NaN; // the last fit's slope; kept while only one size is seen

    private BatchSizer(int start, int ceiling, long targetNanos) {
        this.ceiling = ceiling;
        this.targetNanos = targetNanos;
        this.limit = start;
    }

    /** Returns a sizer that always allows {@code size} items. */
    public static BatchSizer fixed(int size) {
        Check.positive(size, "batch size");
        return new BatchSizer(size, size, 0);
    }

    /** Returns a sizer that holds batch time near {@code target}, with batches of 1 to {@code ceiling} items. */
    public static BatchSizer auto(Duration target, int ceiling) {
        Check.positive(target, "latency target");
        Check.positive(ceiling, "largest batch");
        return new BatchSizer(1, ceiling, Durations.toNanos(target));
    }

    /** Tells whether the size follows measured batch times. */
    public boolean isAuto() {
        return targetNanos > 0;
    }

    /** Returns the most items the next batch may take. */
    public int limit() {
        return limit;
    }

    /** Returns the latency target, or null for a fixed size. */
    public Duration target() {
        return targetNanos == 0 ? null : Duration.ofNanos(targetNanos);
    }

    /** Takes the measured time of a finished batch of {@code size} items, and sets the next limit. */
    public void record(int size, long elapsedNanos) {
        if (targetNanos == 0 || size < 1) {
            return;
        }
        int slot = observed % HISTORY;
        sizes[slot] = size;
        nanos[slot] = elapsedNanos;
        observed++;
        int count = Math.min(observed, HISTORY);
        double meanN = 0;
        double meanT = 0;
        for (int i = 0; i < count; i++) {
            meanN += sizes[i];
            meanT += nanos[i];
        }
        meanN /= count;
        meanT /= count;
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < count; i++) {
            covariance += (sizes[i] - meanN) * (nanos[i] - meanT);
            variance += (sizes[i] - meanN) * (sizes[i] - meanN);
        }
        double perItem;
        double fixedCost;
        if (variance >= 1e-9) {
            perItem = covariance / variance;
            fixedCost = meanT - perItem * meanN;
            perItemNanos = perItem;
        } else {
            // One size seen lately (a settled load): keep the last slope, anchored on the time just measured.
            perItem = perItemNanos;
            fixedCost = meanT - perItem * meanN;
        }
        int next;
        if (Double.isNaN(perItem) || perItem <= 0) {
            // Nothing to fit yet, or cost that does not grow with size: step, up while within the target.
            next = elapsedNanos <= targetNanos ? Math.max(limit, size) * 2 : size / 2;
        } else {
            next = (int) Math.floor((targetNanos - fixedCost) / perItem);
            if (elapsedNanos > targetNanos && next >= size) {
                next = size - 1; // the fit is behind what was just measured
            }
        }
        limit = Math.max(1, Math.min(ceiling, next));
    }
}
