package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BatchSizerTest {

    @Test
    void aFixedSizerNeverMoves() {
        BatchSizer sizer = BatchSizer.fixed(8);
        sizer.record(8, Duration.ofHours(1).toNanos());
        assertThat(sizer.limit()).isEqualTo(8);
        assertThat(sizer.isAuto()).isFalse();
    }

    /**
     * Under full load (every batch as large as allowed) with batch time c0 + c1·n, auto sizing settles on
     * the largest n whose time is within the target, and no later batch overshoots it.
     */
    @Property(tries = 200)
    void settlesOnTheLargestBatchWithinTheTarget(@ForAll @IntRange(min = 1, max = 100) int c0Ms,
            @ForAll @IntRange(min = 1, max = 50) int c1Ms, @ForAll @IntRange(min = 1, max = 400) int headroomMs) {
        long c0 = c0Ms * 1_000_000L;
        long c1 = c1Ms * 1_000_000L;
        long target = c0 + c1 + headroomMs * 1_000_000L; // one item always fits
        BatchSizer sizer = BatchSizer.auto(Duration.ofNanos(target), 64);
        int ideal = (int) Math.min(64, (target - c0) / c1);
        for (int i = 0; i < 40; i++) {
            int n = sizer.limit();
            sizer.record(n, c0 + c1 * n);
        }
        for (int i = 0; i < 10; i++) {
            int n = sizer.limit();
            assertThat(c0 + c1 * n).isLessThanOrEqualTo(target);
            sizer.record(n, c0 + c1 * n);
        }
        assertThat(sizer.limit()).isEqualTo(ideal);
    }

    @Test
    void shrinksWhenBatchesGetSlower() {
        BatchSizer sizer = BatchSizer.auto(Duration.ofMillis(100), 64);
        for (int i = 0; i < 40; i++) {
            sizer.record(sizer.limit(), 10_000_000L + 5_000_000L * sizer.limit()); // ideal 18
        }
        assertThat(sizer.limit()).isEqualTo(18);
        for (int i = 0; i < 40; i++) {
            sizer.record(sizer.limit(), 10_000_000L + 20_000_000L * sizer.limit()); // now 4
        }
        assertThat(sizer.limit()).isEqualTo(4);
    }
}
