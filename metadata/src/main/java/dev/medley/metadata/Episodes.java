package dev.medley.metadata;

import java.util.Arrays;

/** Expands and checks episode numbers, with caps that keep hostile names cheap. */
final class Episodes {
    /** Caps an episode number: six digits is not an episode but a date or an id. */
    static final int MAX_EPISODE = 99_999;
    /** Caps a range expansion; a wider range keeps only its two ends. */
    static final int MAX_RANGE = 1_000;

    private Episodes() {}

    /** Returns the numbers from the lowest to the highest of {@code numbers}, or the numbers themselves when too far apart. */
    static int[] span(int[] numbers, int count) {
        if (count == 0) {
            return Marker.EMPTY;
        }
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            lo = Math.min(lo, numbers[i]);
            hi = Math.max(hi, numbers[i]);
        }
        if (lo == hi) {
            return new int[] {lo};
        }
        if (hi - lo > MAX_RANGE) {
            return new int[] {lo, hi};
        }
        int[] out = new int[hi - lo + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = lo + i;
        }
        return out;
    }

    /** Returns a copy of {@code a} with {@code v} appended. */
    static int[] append(int[] a, int v) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    static boolean valid(int episode) {
        return episode >= 0 && episode <= MAX_EPISODE;
    }
}
