package dev.medley.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/** Measures the peak heap of a stretch of work: the benchmarks' check that memory stays flat. */
final class HeapPeak {
    private final List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

    private HeapPeak() {}

    /** Collects garbage and starts measuring from here. */
    static HeapPeak start() {
        System.gc();
        HeapPeak peak = new HeapPeak();
        peak.heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        return peak;
    }

    /** Returns the most heap in use since {@link #start}, in MiB. */
    long mebibytes() {
        return heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    }
}
