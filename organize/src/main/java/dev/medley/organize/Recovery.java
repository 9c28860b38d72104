package dev.medley.organize;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.Journal;
import dev.medley.catalog.Journal.Entry;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.RunRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finishes what an interrupted apply or undo left half done. Every command that opens the catalog
 * calls {@link #recover} first, so a killed run is put straight before anything else happens; the
 * operations it had not reached are simply not done, and applying the plan again does them.
 */
public final class Recovery {
    /**
     * One operation put straight.
     *
     * @param state DONE when it was finished, ROLLED_BACK when reversed, FAILED when the files did not allow either
     */
    public record Recovered(Entry operation, Journal.State state, String problem) {}

    private Recovery() {}

    /** Recovers every open operation of runs that are no longer running, and returns what it did. */
    public static List<Recovered> recover(Catalog catalog) {
        List<Recovered> recovered = new ArrayList<>();
        try (Journal journal = catalog.journal()) {
            List<Entry> open = journal.interrupted();
            if (open.isEmpty()) {
                return recovered;
            }
            Transfers transfers = new Transfers(journal);
            for (Entry operation : open) {
                try {
                    Journal.State state = transfers.finish(operation);
                    boolean undoing = catalog.run(operation.runId()).map(RunRecord::command).filter("undo"::equals).isPresent();
                    if (state == Journal.State.DONE && undoing) {
                        journal.markUndone(operation.planRun(), operation.planSeq(), operation.runId());
                    }
                    recovered.add(new Recovered(operation, state, null));
                } catch (IOException | RuntimeException e) {
                    recovered.add(new Recovered(operation, operation.state(), Transfers.describe(e,
                            PathKey.toPath(operation.source()), PathKey.toPath(operation.target()))));
                }
            }
        }
        return recovered;
    }
}
