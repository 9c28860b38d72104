package dev.medley.pipeline;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.RecordedRun;
import dev.medley.catalog.RunRecord;
import dev.medley.organize.Applier;
import java.util.function.Consumer;

/** Carries out a stored plan as a recorded apply run: the one way plans are applied. */
public final class PlanApply {
    private PlanApply() {}

    /**
     * Applies plan {@code planRun}, {@code perDevice} operations at once on each device, passing
     * each operation's outcome to {@code sink}.
     *
     * @throws dev.medley.catalog.CatalogException if another process is applying the same plan
     */
    public static Applier.Summary apply(Catalog catalog, long planRun, int perDevice, Consumer<Applier.Result> sink) {
        try (RecordedRun run = RecordedRun.apply(catalog, planRun)) {
            Applier.Summary summary = new Applier(catalog, perDevice).apply(planRun, run.id(), sink);
            run.finish(summary.failed() > 0 ? RunRecord.Status.FAILED : RunRecord.Status.COMPLETED,
                    new RunRecord.Counts(summary.done() + summary.failed(), summary.done(), summary.failed(),
                            summary.skipped()));
            return summary;
        }
    }
}
