package dev.medley.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Measures the heap a stretch of work needs: the benchmarks' check that memory stays flat.
 *
 * <p>Two measures. The peak in use ({@link #mebibytes}) is free to take but counts garbage not
 * yet collected, so it follows the collector's sizing of the young generation as much as the
 * work. The peak live heap ({@link #liveMebibytes}) is what the work really holds: the total size
 * of the objects alive, counted by a class histogram (which collects first) every so often while
 * the work runs. The heap in use after a collection is not used for it, because the collector
 * counts space by region and its figure wanders by a mebibyte or so. The histograms slow the work
 * down, so time it in a separate run.
 */
final class HeapPeak implements AutoCloseable {
    private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

    private final long liveBefore;
    private volatile long livePeak;
    private volatile int samples;
    private Thread sampler;

    private HeapPeak(long liveBefore) {
        this.liveBefore = liveBefore;
        this.livePeak = liveBefore;
    }

    /** Collects garbage and starts measuring the peak in use from here. */
    static HeapPeak start() {
        HeapPeak peak = new HeapPeak(liveNow());
        HEAP.forEach(MemoryPoolMXBean::resetPeakUsage);
        return peak;
    }

    /** Starts measuring the peak live heap too, with a sample every {@code interval}; {@link #close} stops it. */
    static HeapPeak sampling(Duration interval) {
        HeapPeak peak = start();
        peak.sampler = Thread.ofPlatform().daemon().name("medley-heap-sampler").start(() -> {
            try {
                while (true) {
                    Thread.sleep(interval);
                    peak.livePeak = Math.max(peak.livePeak, liveNow());
                    peak.samples++;
                }
            } catch (InterruptedException e) {
                // Stopped.
            }
        });
        return peak;
    }

    /** Returns the bytes of live objects: from a class histogram on HotSpot, else the heap in use after a collection. */
    private static long liveNow() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            String histogram = (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            // Lines "  1:  70010  6752176  [B (java.base@25)", then "Total ...". Filler objects
            // plug the dead space the collector left in place in regions it did not compact.
            long live = 0;
            boolean counted = false;
            for (String line : histogram.split("\n")) {
                String[] columns = line.strip().split("\\s+");
                if (columns.length >= 4 && columns[0].endsWith(":") && !columns[3].contains("FillerElement")) {
                    live += Long.parseLong(columns[2]);
                    counted = true;
                }
            }
            if (counted) {
                return live;
            }
        } catch (JMException | RuntimeException e) {
            // Not HotSpot: fall through.
        }
        System.gc();
        return HEAP.stream().map(MemoryPoolMXBean::getUsage).mapToLong(MemoryUsage::getUsed).sum();
    }

    /** Returns the most heap in use since {@link #start}, garbage included, in MiB. */
    long mebibytes() {
        return HEAP.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum() >> 20;
    }

    /** Returns the live heap when measuring started, in MiB. */
    double liveBeforeMebibytes() {
        return mebibytes(liveBefore);
    }

    /** Returns the most live heap seen by the samples, in MiB; stops sampling. */
    double liveMebibytes() {
        close();
        return mebibytes(livePeak);
    }

    /** Returns how many samples were taken. */
    int samples() {
        return samples;
    }

    private static double mebibytes(long bytes) {
        return Math.round(bytes / 1048576.0 * 10) / 10.0;
    }

    @Override
    public void close() {
        if (sampler == null) {
            return;
        }
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampler = null;
    }
}
