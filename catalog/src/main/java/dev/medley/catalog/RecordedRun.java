package dev.medley.catalog;

/**
 * One command's run as the catalog records it: started when made, finished exactly once. Used
 * with try-with-resources, so that a run that ends by an exception is recorded as failed, with
 * the counts it had reached, and a run can never be left "running" by its own process.
 *
 * <pre>{@code
 * try (RecordedRun run = RecordedRun.start(catalog, "probe", arguments)) {
 *     ... work, calling run.counts(...) as it goes, if it counts ...
 *     run.finish(RunRecord.Status.COMPLETED, counts);
 * }
 * }</pre>
 */
public final class RecordedRun implements AutoCloseable {
    private static final RunRecord.Counts NONE = new RunRecord.Counts(0, 0, 0, 0);

    private final Catalog catalog;
    private final long id;
    private final RunRecord.Status unfinished;
    private RunRecord.Counts counts = NONE;
    private boolean finished;

    private RecordedRun(Catalog catalog, long id, RunRecord.Status unfinished) {
        this.catalog = catalog;
        this.id = id;
        this.unfinished = unfinished;
    }

    /** Records the start of a run of {@code command} with {@code arguments} (as the user would read them). */
    public static RecordedRun start(Catalog catalog, String command, String arguments) {
        return new RecordedRun(catalog, catalog.startRun(command, arguments), RunRecord.Status.FAILED);
    }

    /**
     * Records the start of an apply of plan {@code planRun}.
     *
     * @throws CatalogException if another process is applying the same plan
     */
    public static RecordedRun apply(Catalog catalog, long planRun) {
        // An apply that stops half way is resumed by the next `organize --apply`: interrupted, not failed.
        return new RecordedRun(catalog, catalog.startApply(planRun), RunRecord.Status.INTERRUPTED);
    }

    /** Returns the run's id. */
    public long id() {
        return id;
    }

    /** Notes the counts reached so far: what a run that ends by an exception is recorded with. */
    public void counts(RunRecord.Counts reached) {
        this.counts = reached;
    }

    /** Records how the run ended; later calls, and the close, change nothing. */
    public void finish(RunRecord.Status status, RunRecord.Counts finalCounts) {
        if (finished) {
            return;
        }
        finished = true;
        counts = finalCounts;
        catalog.finishRun(id, status, finalCounts);
    }

    /** Records the run as completed with {@code finalCounts}. */
    public void completed(RunRecord.Counts finalCounts) {
        finish(RunRecord.Status.COMPLETED, finalCounts);
    }

    /** Records a run not finished by now as failed (an apply: as interrupted, to be resumed). */
    @Override
    public void close() {
        finish(unfinished, counts);
    }
}
