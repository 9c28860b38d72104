package dev.medley.core;

/**
 * How soon a queued item should leave, for {@link DynamicBatcher}: interactive items (someone is
 * waiting for this one answer) leave ahead of bulk items (batches, queued uploads, library jobs).
 */
public enum Priority {
    /** A person or a client is waiting for this item's answer. */
    INTERACTIVE,
    /** Part of a larger piece of work; throughput matters more than this item's latency. */
    BULK;

    /** Returns the lower-case name used in metrics and on the wire. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
