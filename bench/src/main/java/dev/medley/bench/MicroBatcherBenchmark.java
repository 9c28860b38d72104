package dev.medley.bench;

import dev.medley.core.BatchAnswer;
import dev.medley.core.BatchFunction;
import dev.medley.core.BatchRequest;
import dev.medley.core.MicroBatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures what {@link MicroBatcher} costs per item: queueing, dispatch, answer matching and
 * completing a future, with a batch function that does almost nothing. The baseline calls the same
 * function directly, one item per call, so the difference is the batcher's overhead.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar MicroBatcher} (build it first with
 * {@code ./mvnw -B -q -pl core,bench -am package -DskipTests}); quick look:
 * {@code java -jar bench/target/benchmarks.jar MicroBatcher -f 1 -wi 1 -i 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MicroBatcherBenchmark {

    private static final int ITEMS = 10_000;

    private final BatchFunction<Integer, Integer> plusOne = batch -> {
        List<BatchAnswer<Integer>> answers = new ArrayList<>(batch.size());
        for (BatchRequest<Integer> request : batch) {
            answers.add(BatchAnswer.ok(request.id(), request.item() + 1));
        }
        return answers;
    };

    private MicroBatcher<Integer, Integer> batcher;

    /** Starts one batcher per trial, with room for a whole invocation's items. */
    @Setup
    public void start() {
        batcher = MicroBatcher.<Integer, Integer>builder()
                .maxBatchSize(64)
                .maxWait(Duration.ofMillis(1))
                .queueCapacity(ITEMS)
                .build(plusOne);
    }

    /** Stops the batcher. */
    @TearDown
    public void stop() {
        batcher.close();
    }

    /** Submits 10,000 items and waits for all their answers. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long microBatcher() {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            futures.add(batcher.submit(i));
        }
        long sum = 0;
        for (CompletableFuture<Integer> future : futures) {
            sum += future.join();
        }
        return sum;
    }

    /** Calls the function once per item, without the batcher. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long directPerItem() throws Exception {
        long sum = 0;
        for (int i = 0; i < ITEMS; i++) {
            sum += plusOne.apply(List.of(new BatchRequest<>(i, i))).getFirst().value();
        }
        return sum;
    }
}
