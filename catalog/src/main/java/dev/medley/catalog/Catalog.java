package dev.medley.catalog;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The catalog: remembers which files exist, what probing, identifying and transcribing them found,
 * and every run. Open one with {@link Catalogs#open(String)}; opening brings its schema up to date
 * and marks runs that died without finishing as interrupted.
 *
 * <p>Writes of scan results go through a {@link CatalogWriter}, which groups them into
 * transactions of its own; reads through this object see what has been committed. Readers never
 * wait for the writer, and a process killed at any moment leaves the catalog as it was after the
 * last commit.
 *
 * <p>Implementations are thread-safe.
 */
public interface Catalog extends AutoCloseable {

    /**
     * Opens the catalog in the file {@code file}, creating it and its parent directories when
     * absent; the same as {@link Catalogs#open(Path)}.
     *
     * @throws CatalogException if the file cannot be created, opened or migrated
     */
    static Catalog open(Path file) {
        return Catalogs.open(file);
    }

    /**
     * Returns where the catalog lives when no {@code --catalog} is given: {@code $MEDLEY_CATALOG},
     * else {@code $XDG_DATA_HOME/medley/catalog.db}, else {@code ~/.local/share/medley/catalog.db}.
     */
    static Path defaultLocation() {
        return Catalogs.defaultLocation();
    }

    /**
     * Returns the folder on this machine where state for {@code purpose} that belongs with this
     * catalog but not with other machines using it is kept, such as the records of files being read
     * by running processes. The folder may not exist yet; callers create it.
     *
     * @param purpose a short name for what is kept there, such as {@code inflight}; it is part of the folder's name
     */
    Path stateFolder(String purpose);

    /** Returns a writer that records changes on behalf of run {@code runId}; close it when done. */
    CatalogWriter writer(long runId);

    /** Returns the organise plans, on a connection of their own; close them when done. */
    Plans plans();

    /** Returns the organiser's write-ahead journal, on a connection of its own; close it when done. */
    Journal journal();

    /** Returns the work shared by a cluster's members, on a connection of its own; close it when done. */
    WorkQueue workQueue();

    /**
     * Returns what the catalog knows of the file with key {@code path}, if anything: the file with
     * its latest probe and identity, read together.
     */
    Optional<KnownFile> lookup(String path);

    /** Returns the latest transcript of the file with key {@code path}, if any. */
    Optional<TranscriptRecord> transcript(String path);

    /** Returns the answer kept under {@code key} (a language model's, by endpoint, model, prompt and item), if any. */
    Optional<String> answer(String key);

    /** Keeps {@code answer} under {@code key}, replacing an earlier one; committed before this returns. */
    void saveAnswer(String key, String answer);

    /** Keeps a batch handed to a provider, until {@link #closeRemoteBatch}; committed before this returns. */
    void saveRemoteBatch(RemoteBatch batch);

    /** Returns the batches handed to the provider at {@code endpoint} and not yet collected, oldest first. */
    java.util.List<RemoteBatch> openRemoteBatches(String endpoint);

    /** Marks batch {@code id} collected (or given up). */
    void closeRemoteBatch(String id);

    /**
     * Records that native code was reading file {@code path} when its process died: as a suspect,
     * or quarantined when the crash was certainly this file's.
     */
    void quarantine(QuarantineRecord record);

    /** Returns the quarantine record of file {@code path}, current or not, if it has one. */
    Optional<QuarantineRecord> quarantined(String path);

    /** Forgets that file {@code path} was a suspect: it has since been read without harm. */
    void clearSuspect(String path);

    /**
     * Marks interrupted every run still marked running whose process is gone (on this machine: its pid;
     * on another: its heartbeat stopped), as opening the catalog does; returns how many. A long-lived
     * process (a cluster member) calls it before taking over work a dead one left.
     */
    int interruptDeadRuns();

    /** Records the start of a run and returns its id. */
    long startRun(String command, String arguments);

    /**
     * Records the start of an apply run of plan {@code planRun} and returns its id, unless another
     * medley is applying that plan now. The check and the record are one transaction, so of two
     * medleys starting together one applies and the other is refused.
     *
     * @throws PlanBeingAppliedException if another apply of the plan is running, naming its process
     */
    long startApply(long planRun);

    /** Returns the apply runs of plan {@code planRun}, newest first. */
    List<RunRecord> applies(long planRun);

    /** Records the end of run {@code runId}. */
    void finishRun(long runId, RunRecord.Status status, RunRecord.Counts counts);

    /** Returns run {@code runId}, if the catalog has it. */
    Optional<RunRecord> run(long runId);

    /** Returns the latest {@code limit} runs, newest first. */
    List<RunRecord> runs(int limit);

    /**
     * Marks as missing every present file below {@code roots} that run {@code runId} did not see,
     * except below {@code unreadable} directories, whose content is unknown, and returns how many.
     */
    int markMissing(long runId, Collection<Path> roots, Collection<Path> unreadable);

    /** Returns how many files the catalog knows: {@code [present, missing, probed]}. */
    long[] fileCounts();

    /** Checks the catalog's storage for damage and returns the verdict: {@code ok} when sound, else what is wrong. */
    String integrityCheck();

    /** Closes the catalog; writers, plans and journals opened from it are closed by their users. */
    @Override
    void close();
}
