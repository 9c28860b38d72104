package dev.medley.metadata;

/** Expands and checks episode numbers, with caps that keep hostile names cheap. */
final class Episodes {
    /** Caps an episode number: six digits is not an episode but a date or an id. */
    static final int MAX_EPISODE = 99_999;
    /** Caps a range expansion; a wider range keeps only its two ends. */
    static final int MAX_RANGE = 1_000;

    private Episodes() {}

    /** Returns every number from the lowest to the highest of {@code numbers}, or just those two when too far apart. */
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

    static boolean valid(int episode) {
        return episode >= 0 && episode <= MAX_EPISODE;
    }
}
