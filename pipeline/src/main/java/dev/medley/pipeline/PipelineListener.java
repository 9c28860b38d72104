package dev.medley.pipeline;

import dev.medley.organize.Applier;
import dev.medley.organize.Planner;
import java.nio.file.Path;

/**
 * Hears what a pipeline run does, to show it: a command line renders progress bars, lines or JSON;
 * a service or a cluster renders its own. Every method does nothing by default.
 *
 * <p>Events arrive one at a time, on the thread that called {@link Pipeline#run}, in this order:
 * {@link #runStarted} once; then, per file in scan order, one of {@link #stageDone},
 * {@link #stageSkipped} or {@link #stageFailed} for each stage in order, then {@link #fileFinished};
 * a folder's plan decisions ({@link #planned}) follow the events of its last file, and folders are
 * planned in scan order; {@link #problem} whenever a path cannot be read; {@link #planFinished} once
 * the scan is done, when the run plans; {@link #applied} for each operation when the run applies;
 * {@link #runFinished} last, once, unless the run stops with an exception. A listener must be fast:
 * the run waits for it.
 */
public interface PipelineListener {

    /** Hears nothing. */
    PipelineListener NONE = new PipelineListener() {};

    /** The run was recorded in the catalog as run {@code runId}. */
    default void runStarted(long runId) {}

    /** {@code stage} did its work on {@code file}. */
    default void stageDone(String stage, MediaFile file) {}

    /** {@code stage} had nothing to do for {@code file}: done before, or not for such a file. */
    default void stageSkipped(String stage, MediaFile file, String why) {}

    /** {@code stage} failed for {@code file}: said once per file, with the reason. */
    default void stageFailed(String stage, MediaFile file, String reason) {}

    /** Every stage is through with {@code file}; {@code progress} counts the files so far. */
    default void fileFinished(MediaFile file, Progress progress) {}

    /** {@code path} could not be read (a folder, a vanished file); the run goes on without it. */
    default void problem(Path path, String problem) {}

    /** One decision of the plan. */
    default void planned(Planner.Planned decision) {}

    /** The plan is made. */
    default void planFinished(Planner.Summary plan) {}

    /** One operation of the plan was carried out (or refused, or found done). */
    default void applied(Applier.Result result) {}

    /** The run is over; {@code report} has what every stage did. */
    default void runFinished(PipelineReport report) {}

    /**
     * How far a run has got.
     *
     * @param files files every stage is through with
     * @param failed of those, files some stage failed for
     * @param note a short line of counts for a progress display: "probed 120 · identified 120"
     */
    record Progress(long files, long failed, String note) {}
}
