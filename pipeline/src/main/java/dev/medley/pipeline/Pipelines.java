package dev.medley.pipeline;

import dev.medley.catalog.Catalog;
import dev.medley.media.Probing;
import java.util.ArrayList;
import java.util.List;

/** The pipelines Medley runs, each listed in one place. */
public final class Pipelines {
    private Pipelines() {}

    /**
     * Returns the standard flow: scan → probe → identify → (refine) → (transcribe) → plan → (apply). The
     * stages in brackets run when the options ask for them; without a plan the run stops after the
     * file stages.
     */
    public static Pipeline standard(Catalog catalog, PipelineOptions options) {
        List<Stage> stages = new ArrayList<>();
        stages.add(new ProbeStage(new Probing(options.prober(), options.forceProbe()), options.workers()));
        stages.add(new IdentifyStage(options.identify()));
        if (options.refine() != null) {
            stages.add(new RefineStage(options.refine()));
        }
        if (options.transcribe() != null) {
            stages.add(new TranscribeStage(options.transcribe()));
        }
        return new Pipeline(catalog, options, stages);
    }

    /** Returns a flow that only probes (scan → probe): no identity, no plan. */
    public static Pipeline probeOnly(Catalog catalog, PipelineOptions options) {
        if (options.plan() != null) {
            throw new IllegalArgumentException("planning needs the identify stage");
        }
        return new Pipeline(catalog, options, List.of(
                new ProbeStage(new Probing(options.prober(), options.forceProbe()), options.workers())));
    }

    /**
     * Returns a flow of the given file stages, in order, then the plan and apply that the options
     * ask for. Planning needs a stage named {@code identify} before it.
     */
    public static Pipeline of(Catalog catalog, PipelineOptions options, List<Stage> stages) {
        return new Pipeline(catalog, options, stages);
    }
}
