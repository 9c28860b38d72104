package dev.medley.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Does one job's work on one member: batches of files in, one outcome per file out, in the same order. */
public interface Worker extends AutoCloseable {

    /** A file to work on: {@code key} is the catalog's key (the submitter's path), {@code local} where it is here. */
    record Item(long seq, String key, Path local, int attempts) {}

    /**
     * Works on {@code items}; completes with one outcome per item, in the same order. What a file makes
     * go wrong is that file's {@link ItemOutcome}; a future completed exceptionally fails the job.
     */
    CompletableFuture<List<ItemOutcome>> process(List<Item> items);

    /** Releases the worker's model. */
    @Override
    default void close() throws Exception {}
}
