package dev.medley.catalog;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The write-ahead journal of file operations: every move, copy, link or removal an apply or undo
 * run makes is recorded here before it starts and again when it ends, each record committed before
 * the file system is touched.
 *
 * <h2>Format</h2>
 * One {@link Entry} per operation, keyed by {@code (run, seq)}:
 * <pre>
 *   run  seq  plan  item  action  source             target                     temp                           state
 *   42   0    41    0     move    /in/a.mkv          /lib/A (2001)/A (2001).mkv /lib/A (2001)/.medley-42-0.part done
 *   42   1    41    1     move    /in/a.en.srt       /lib/A (2001)/A (2001).en.srt  ...                        started
 * </pre>
 * {@code size}, {@code mtimeNanos} and {@code hash} describe the file as it was when the operation
 * began ({@code hash} is set once a copy has been verified). States move only forward:
 * <pre>
 *   started ─▶ copied ─▶ done ─▶ undone
 *      │          │
 *      └──────────┴──▶ failed | rolled_back
 * </pre>
 * {@code started} and {@code copied} are open: an operation left open by a run that is no longer
 * running was interrupted, and the organiser's recovery finishes it ({@code done}) or undoes its
 * half ({@code rolled_back}) by looking at the files themselves. The rule that makes that always
 * possible: a source is deleted only after its target is complete and in place, and nothing is
 * ever written to a target name but by an atomic rename or link of a verified file.
 *
 * <p>Implementations are thread-safe; every method commits before it returns.
 */
public interface Journal extends AutoCloseable {
    /** The life of one operation. */
    enum State {
        STARTED, COPIED, DONE, FAILED, ROLLED_BACK, UNDONE;

        /** Returns whether an operation in this state may be half done. */
        public boolean open() {
            return this == STARTED || this == COPIED;
        }
    }

    /**
     * One operation.
     *
     * @param planRun the plan the operation carries out (or undoes)
     * @param planSeq the plan item
     * @param action move, copy, hardlink, symlink, reflink, or remove (undo of a copy or link)
     * @param source the {@link PathKey} of the file acted on
     * @param target the {@link PathKey} it goes to (for remove: the file removed)
     * @param temp the temporary file a copy is written to, or null
     */
    record Entry(
            long runId, long seq, long planRun, long planSeq, String action, String source, String target,
            String temp, long size, long mtimeNanos, String hash, State state, String detail) {

        /** Returns this entry in another state. */
        public Entry with(State newState, String newHash, String newDetail) {
            return new Entry(runId, seq, planRun, planSeq, action, source, target, temp, size, mtimeNanos,
                    newHash, newState, newDetail);
        }
    }

    /** Records that an operation is about to start. */
    void begin(Entry entry);

    /** Records that operation {@code (runId, seq)} reached {@code state}; a null {@code hash} keeps the one recorded. */
    void advance(long runId, long seq, State state, String hash, String detail);

    /** Marks the done operations that carried out plan item {@code (planRun, planSeq)} as undone. */
    void markUndone(long planRun, long planSeq, long undoRun);

    /** Returns the open operations of runs that are no longer running: those to recover. */
    List<Entry> interrupted();

    /** Passes the operations of run {@code runId} to {@code sink}, in the order they were made. */
    void entries(long runId, Consumer<Entry> sink);

    /** Passes the operations of run {@code runId} to {@code sink}, newest first. */
    void entriesReversed(long runId, Consumer<Entry> sink);

    /** Returns the items of plan {@code planRun} that an apply run has carried out and no undo has reverted. */
    Set<Long> doneItems(long planRun);

    /** Returns how many items of plan {@code planRun} {@link #doneItems} holds, counted without holding them. */
    long doneItemCount(long planRun);

    /** Returns whether an undo has reverted any operation of run {@code runId}. */
    boolean anyUndone(long runId);

    /** Returns how many operations of run {@code runId} are in each state, indexed by {@link State#ordinal}. */
    default long[] counts(long runId) {
        long[] counts = new long[State.values().length];
        entries(runId, entry -> counts[entry.state().ordinal()]++);
        return counts;
    }

    /** Releases the journal. */
    @Override
    void close();
}
