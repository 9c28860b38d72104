package dev.medley.catalog;

import dev.medley.core.RawPaths;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Organise plans in the catalog: written once by a dry run, read back by {@code --apply}.
 *
 * <p>Items are written in batches, so that a plan of 100,000 files costs a few hundred commits,
 * and read back as a stream, so that no plan is ever held in memory whole. What has been added is
 * seen by this object's reads at once, and by others' once committed: by {@link #flush} at the
 * latest. Implementations are thread-safe.
 */
public interface Plans extends AutoCloseable {

    /** Records a new plan made by run {@code info.runId()}; add its items with {@link #add}. */
    void create(PlanInfo info);

    /** Adds an item to plan {@code runId}; it is committed by the next {@link #flush} at the latest. */
    void add(long runId, PlanItem item);

    /*
     * The planning state: what a plan being made has taken so far, kept in the catalog rather than
     * in the planner's memory, so that planning a million files takes no more memory than a hundred.
     */

    /** Takes the target name {@code nameKey} for plan {@code runId}; returns false when the plan already holds it. */
    boolean claimName(long runId, long nameKey);

    /**
     * Returns the spelling plan {@code runId} uses for the folder {@code folderKey} (its
     * case-folded path); the first time, records and returns {@code proposed.get()}. Both are
     * escaped text ({@link RawPaths}) and come back exactly as given: two folders whose names differ
     * only in bytes that are not UTF-8 stay two.
     */
    String folderSpelling(long runId, String folderKey, Supplier<String> proposed);

    /**
     * A file plan {@code runId} has seen, for finding duplicates: a media file of the plan, or a file
     * already in the library.
     *
     * @param id its identity within the plan, for {@link #setContentHash}
     * @param source its {@link PathKey}
     * @param hash its content hash, or null while no other file of its size has turned up
     */
    record Content(long id, String source, String hash) {}

    /** Returns the first file of {@code size} that plan {@code runId} has seen, if any. */
    Optional<Content> firstOfSize(long runId, long size);

    /**
     * Returns up to {@code limit} of the files of {@code size} that plan {@code runId} has seen and not
     * hashed, oldest first.
     */
    List<Content> unhashedOfSize(long runId, long size, int limit);

    /** Returns the first file of {@code size} and content {@code hash} that plan {@code runId} has seen, if any. */
    Optional<Content> firstWithContent(long runId, long size, String hash);

    /** Records that plan {@code runId} has seen {@code source}, of {@code size} and content {@code hash} (null: not hashed). */
    void addContent(long runId, long size, String source, String hash);

    /** Records the content hash of a file seen before its size repeated. */
    void setContentHash(long contentId, String hash);

    /** Drops the planning state of plan {@code runId}, which is complete: only its items are needed from now on. */
    void forgetPlanningState(long runId);

    /** Commits the items added so far. */
    void flush();

    /** Returns plan {@code runId}, if there is one. */
    Optional<PlanInfo> find(long runId);

    /** Returns the newest plan, if any. */
    Optional<PlanInfo> latest();

    /** Passes the items of plan {@code runId} to {@code sink} in plan order, without holding them all. */
    void items(long runId, Consumer<PlanItem> sink);

    /** Returns how many items plan {@code runId} has: {@code [acting, skipped]}. */
    long[] counts(long runId);

    /** Commits what was added, then releases the plans. */
    @Override
    void close();
}
