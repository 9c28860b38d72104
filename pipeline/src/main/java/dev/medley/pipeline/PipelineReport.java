package dev.medley.pipeline;

import dev.medley.organize.Applier;
import dev.medley.organize.Planner;
import java.util.List;
import java.util.Map;

/**
 * What a pipeline run did, stage by stage.
 *
 * @param runId the run as the catalog records it; a plan made by the run has this id
 * @param files media files the scan found
 * @param stages per stage (in order): files done now, found done before, passed over, failed
 * @param kinds files identified per kind key ({@code episode}, {@code movie}, ...), every kind present
 * @param failures every file a stage failed for, and every path that could not be read, once each
 * @param missing files the catalog knew below the sources that are gone
 * @param plan the plan made, or null
 * @param apply the apply done, or null
 * @param analyseSeconds how long the file stages took, up to the last file
 * @param seconds how long the whole run took
 */
public record PipelineReport(long runId, long files, Map<String, StageCounts> stages, Map<String, Long> kinds,
        List<Failure> failures, int missing, Planner.Summary plan, Applier.Summary apply, double analyseSeconds,
        double seconds) {

    /** What one stage did. */
    public record StageCounts(long done, long alreadyDone, long passed, long failed) {}

    /**
     * A file a stage failed for, or a path the scan could not read.
     *
     * @param stage the stage, or {@code scan}
     */
    public record Failure(String path, String stage, String error) {}

    /** Returns 0 when every file went through and every operation succeeded, else 1. */
    public int exitCode() {
        boolean planProblems = plan != null && plan.problems() > 0;
        boolean applyFailures = apply != null && apply.failed() > 0;
        return failures.isEmpty() && !planProblems && !applyFailures ? 0 : 1;
    }
}
