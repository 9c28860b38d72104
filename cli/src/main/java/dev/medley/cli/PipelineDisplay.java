package dev.medley.cli;

import dev.medley.core.ConsoleProgress;
import dev.medley.core.RawPaths;
import dev.medley.organize.Applier;
import dev.medley.organize.Planner;
import dev.medley.pipeline.MediaFile;
import dev.medley.pipeline.PipelineListener;
import dev.medley.pipeline.PipelineReport;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Shows a pipeline run on the command line: a progress display on stderr, each unreadable path on
 * stderr as met, the plan's decisions on stdout as they are made, and of the apply only what the
 * plan did not already say (failures and notes) unless every operation is to be listed.
 */
final class PipelineDisplay implements PipelineListener {
    private final ConsoleProgress progress;
    private final PrintStream err;
    private final OrganizeOutput output;
    private final boolean listApplied;
    private long runId;
    private long failedSoFar;

    /**
     * @param output where plan and apply lines go, or null when the run does not plan
     * @param listApplied whether every operation done is listed, not only failures and notes
     */
    PipelineDisplay(ConsoleProgress progress, PrintStream err, OrganizeOutput output, boolean listApplied) {
        this.progress = progress;
        this.err = err;
        this.output = output;
        this.listApplied = listApplied;
    }

    @Override
    public void runStarted(long id) {
        this.runId = id;
    }

    @Override
    public void fileFinished(MediaFile file, Progress counts) {
        progress.step(counts.failed() > failedSoFar);
        failedSoFar = counts.failed();
        progress.note(counts.note());
    }

    @Override
    public void problem(Path path, String problem) {
        err.println("medley: " + RawPaths.display(path) + ": " + problem);
    }

    @Override
    public void planned(Planner.Planned decision) {
        if (output != null) {
                output.planned(runId, decision);
        }
    }

    @Override
    public void planFinished(Planner.Summary plan) {
        progress.finish();
    }

    @Override
    public void applied(Applier.Result result) {
        if (output != null && (listApplied || result.status() == Applier.Status.FAILED || result.detail() != null)) {
            output.applied(runId, result);
        }
    }

    @Override
    public void runFinished(PipelineReport report) {
        progress.finish();
    }
}
