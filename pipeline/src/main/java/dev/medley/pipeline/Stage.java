package dev.medley.pipeline;

import dev.medley.catalog.CatalogWriter;

/**
 * One step of the flow over one file: it reads what earlier stages put in the record and returns
 * the record with its own part added, as a {@link StageResult}.
 *
 * <p>What the file makes go wrong (a damaged file, an unreadable one) is a {@link StageResult.Failed}
 * result, or a checked exception, which the pipeline turns into one; a runtime exception is a
 * fault of Medley's, and stops the run. Stages are called from several threads at once.
 */
public interface Stage {

    /** Returns the stage's name as reports and events show it: {@code probe}, {@code identify}, ... */
    String name();

    /** Runs the stage on {@code file}, recording what it finds through {@code writer}. */
    StageResult run(MediaFile file, CatalogWriter writer) throws Exception;

    /** Called once every file of a run is through: releases what the stage held for the run. */
    default void finish() {}
}
