package dev.medley.catalog;

import java.time.Instant;

/** One run of a medley command, as recorded in the catalog. */
public record RunRecord(
        long id,
        String command,
        String arguments,
        Instant startedAt,
        Instant endedAt,
        Status status,
        long total,
        long ok,
        long failed,
        long skipped) {

    /** The life of a run: running, then exactly one of the others. */
    public enum Status {
        RUNNING, COMPLETED, FAILED, INTERRUPTED
    }

    /** Counts of a finished run. */
    public record Counts(long total, long ok, long failed, long skipped) {
        /** Returns the counts of a batch run's statistics. */
        public static Counts of(dev.medley.core.RunStats stats) {
            return new Counts(stats.total(), stats.ok(), stats.failed(), stats.skipped());
        }
    }
}
