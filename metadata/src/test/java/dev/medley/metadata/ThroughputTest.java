package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures parsing speed on one thread: the corpora inputs (when {@code ../shared} is there) and
 * this module's own test names, repeated. Prints names per second and the slowest single input, and
 * asserts only that no parse runs away (super-linear): speed itself is the benchmark's to judge
 * ({@code MediaNamesBenchmark}), since a loaded machine makes any floor here fail for nothing. The figure is the median of five half-second rounds after a
 * warm-up of three to twelve seconds, until two rounds agree within 5%. Run alone with
 * {@code ./mvnw -pl metadata test -Dtest=ThroughputTest}; the figure to look at is printed.
 */
class ThroughputTest {
    // The 10 ms goal is the slowest-name figure this test prints; the assertion only catches runaway
    // (super-linear) parses, with room for a loaded CI machine's pauses.
    private static final long CATASTROPHE_NANOS = 200_000_000L;

    private static final long MIN_WARM_UP_NANOS = 3_000_000_000L;
    private static final long MAX_WARM_UP_NANOS = 12_000_000_000L;
    private static final long ROUND_NANOS = 500_000_000L;
    private static final int ROUNDS = 5;

    /** Returns the names to parse: corpora inputs and the inputs of the name tests. */
    static List<String> names() throws Exception {
        List<String> names = new ArrayList<>();
        Path corpora = Path.of(System.getProperty("medley.shared", "../shared"), "corpora");
        for (String corpus : List.of("sonarr", "radarr")) {
            Path eval = corpora.resolve(corpus + ".jsonl");
            if (Files.isRegularFile(eval)) {
                CorpusAccuracyTest.read(eval).forEach(c -> names.add(c.input()));
            }
        }
        MusicNamesTest.cases().forEach(c -> names.add(c.input()));
        VideoNamesTest.cases().forEach(c -> names.add(c.input()));
        return names;
    }

    @Test
    void parsesOverTwentyThousandNamesASecondAndNoNameTakesTenMilliseconds() throws Exception {
        String[] all = names().toArray(new String[0]);
        long[] sink = {0};
        long start = System.nanoTime();
        double previous = 0;
        while (System.nanoTime() - start < MAX_WARM_UP_NANOS) { // until the compiler is done: two rounds within 5%
            double rate = round(all, sink)[0];
            if (System.nanoTime() - start > MIN_WARM_UP_NANOS && Math.abs(rate - previous) < 0.05 * rate) {
                break;
            }
            previous = rate;
        }
        double[] rates = new double[ROUNDS];
        long count = 0;
        for (int r = 0; r < ROUNDS; r++) {
            double[] result = round(all, sink);
            rates[r] = result[0];
            count += (long) result[1];
        }
        java.util.Arrays.sort(rates);
        double median = rates[ROUNDS / 2];

        long slowest = 0;
        String slowestName = "";
        for (String n : all) {
            long best = Long.MAX_VALUE;
            for (int r = 0; r < 3; r++) { // the best of three leaves out a collection or a compilation on the way
                long t0 = System.nanoTime();
                sink[0] += MediaNames.parse(n).episodes().size();
                best = Math.min(best, System.nanoTime() - t0);
            }
            if (best > slowest) {
                slowest = best;
                slowestName = n;
            }
        }
        System.out.printf("throughput: median %,.0f names/s, best %,.0f, worst %,.0f on one thread over %d rounds "
                + "(%d distinct names, %,d parses); slowest name %.1f us: %s (sink %d)%n", median, rates[ROUNDS - 1],
                rates[0], ROUNDS, all.length, count, slowest / 1e3, slowestName, sink[0]);
        assertThat(slowest).as("slowest parse, ns").isLessThan(CATASTROPHE_NANOS);
    }

    /** Parses the names over and over for half a second; returns {names per second, parses}. */
    private static double[] round(String[] all, long[] sink) {
        long parses = 0;
        long t0 = System.nanoTime();
        long elapsed;
        do {
            for (String n : all) {
                sink[0] += MediaNames.parse(n).episodes().size();
            }
            parses += all.length;
            elapsed = System.nanoTime() - t0;
        } while (elapsed < ROUND_NANOS);
        return new double[] {parses * 1e9 / elapsed, parses};
    }
}
