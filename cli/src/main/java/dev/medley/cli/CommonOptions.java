package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.Catalogs;
import dev.medley.catalog.PathKey;
import dev.medley.organize.Recovery;
import dev.medley.core.BatchRunner;
import dev.medley.core.ConsoleProgress;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every job shares. */
final class CommonOptions {
    @Option(names = "--catalog", paramLabel = "FILE",
            description = "Catalog file, or sqlite:FILE (default: $MEDLEY_CATALOG, else ~/.local/share/medley/catalog.db).")
    String catalog;

    @Option(names = "--json", description = "Machine-readable output: JSON Lines on stdout, statistics as JSON on stderr.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    @Option(names = {"-w", "--workers"}, paramLabel = "N",
            description = "Files handled at once (default: the number of processors).")
    Integer workers;

    @Option(names = "--stats-file", paramLabel = "FILE",
            description = "Also write the end-of-run statistics, as JSON, to FILE.")
    Path statsFile;

    /**
     * Opens the catalog and first puts straight whatever an interrupted organise run left half
     * done, and sets aside the files a crashed run was reading, saying so on stderr.
     */
    Catalog openCatalog() {
        Catalog catalog = Catalogs.open(catalogLocation());
        try {
            CrashRecovery.attach(catalog, System.err);
            for (Recovery.Recovered recovered : Recovery.recover(catalog)) {
                System.err.println("medley: recovered an interrupted " + recovered.operation().action() + " of "
                        + PathKey.display(recovered.operation().source()) + ": "
                        + (recovered.problem() != null ? recovered.problem()
                                : recovered.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
            }
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        return catalog;
    }

    String catalogLocation() {
        return catalog != null ? catalog : Catalog.defaultLocation().toString();
    }

    int workers() {
        return workers != null ? workers : BatchRunner.defaultWorkers();
    }

    ConsoleProgress.Mode progressMode() {
        return ConsoleProgress.detect(quiet);
    }
}
