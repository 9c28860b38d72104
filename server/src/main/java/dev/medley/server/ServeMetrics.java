package dev.medley.server;

import dev.medley.core.DynamicBatcher;
import dev.medley.core.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The server's meters, in Prometheus's text format at {@code GET /metrics}: the batcher's queue depth,
 * waits and timeouts per priority, batch sizes and times, windows done, requests refused.
 */
public final class ServeMetrics implements DynamicBatcher.Listener {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary batchSize = DistributionSummary.builder("medley_batch_size")
            .description("windows in one engine batch").serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
            .register(registry);
    private final Timer batchTime = Timer.builder("medley_batch_seconds").description("time the engine took for a batch")
            .publishPercentileHistogram().register(registry);
    private final Counter windows = Counter.builder("medley_windows_total").description("windows the engine answered")
            .register(registry);
    private final Counter batchFailures = Counter.builder("medley_batch_failures_total")
            .description("engine batches that failed as a whole").register(registry);
    private final Map<Priority, Timer> queueWait = new EnumMap<>(Priority.class);
    private final Map<Priority, Counter> timeouts = new EnumMap<>(Priority.class);
    private final Map<String, Counter> refused = new java.util.concurrent.ConcurrentHashMap<>();

    public ServeMetrics() {
        for (Priority priority : Priority.values()) {
            queueWait.put(priority, Timer.builder("medley_queue_wait_seconds").tag("priority", priority.label())
                    .description("time a window waited in the queue").publishPercentileHistogram().register(registry));
            timeouts.put(priority, Counter.builder("medley_queue_timeouts_total").tag("priority", priority.label())
                    .description("windows that waited past the queue's time limit (504)").register(registry));
        }
    }

    /** Shows {@code depth} of each priority as {@code medley_queue_depth}. */
    <T> void queueDepth(T source, java.util.function.BiFunction<T, Priority, Integer> depth) {
        for (Priority priority : Priority.values()) {
            Gauge.builder("medley_queue_depth", source, s -> depth.apply(s, priority)).tag("priority", priority.label())
                    .description("windows waiting for the engine").register(registry);
        }
    }

    /** Shows a number the server keeps, as a gauge. */
    <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }

    /** Counts a request answered 429, by why. */
    void refused(String reason) {
        refused.computeIfAbsent(reason, r -> Counter.builder("medley_refused_total").tag("reason", r)
                .description("requests answered 429").register(registry)).increment();
    }

    Timer timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram().register(registry);
    }

    DistributionSummary summary(String name, String description) {
        return DistributionSummary.builder(name).description(description).publishPercentileHistogram().register(registry);
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void onBatchDone(int size, Duration elapsed, Throwable failure) {
        batchSize.record(size);
        batchTime.record(elapsed);
        if (failure == null) {
            windows.increment(size);
        } else {
            batchFailures.increment();
        }
    }

    @Override
    public void onDequeued(Priority priority, Duration waited) {
        queueWait.get(priority).record(waited.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void onExpired(Priority priority) {
        timeouts.get(priority).increment();
    }

    @Override
    public void onRefused(Priority priority) {
        refused("queue_full");
    }
}
