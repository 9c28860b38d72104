/**
 * Runs work over whole media libraries: {@link dev.medley.core.BatchRunner} for item-at-a-time
 * stages with bounded parallelism, retries, timeouts and in-order results;
 * {@link dev.medley.core.MicroBatcher} for grouping single requests into batches;
 * {@link dev.medley.core.RateLimiter} for outside services; {@link dev.medley.core.StatsRecorder}
 * and {@link dev.medley.core.ConsoleProgress} for reporting.
 *
 * <p>Time and sleeping go through {@link dev.medley.core.Ticker} and {@link dev.medley.core.Sleeper}
 * so that tests control them.
 */
package dev.medley.core;
