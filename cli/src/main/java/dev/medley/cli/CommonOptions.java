package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.Catalogs;
import dev.medley.catalog.PathKey;
import dev.medley.organize.Recovery;
import dev.medley.core.BatchRunner;
import dev.medley.core.ConsoleProgress;
import java.nio.file.Path;
import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every job shares. */
final class CommonOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec command;

    @Option(names = "--catalog", paramLabel = "FILE|URL",
            description = "Catalog file, or sqlite:FILE (default: $MEDLEY_CATALOG, else ~/.local/share/medley/catalog.db),"
                    + " or a shared PostgreSQL database: postgresql://USER@HOST/DATABASE (password in $PGPASSWORD).")
    String catalog;

    @Option(names = "--json", description = "Machine-readable output: JSON Lines on stdout, statistics as JSON on stderr.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    @Option(names = {"-w", "--workers"}, paramLabel = "N",
            description = "Files in flight at once (default: the number of processors); when applying a plan, "
                    + "operations at once on each device (default: 1, in plan order).")
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
            PrintStream err = err();
            CrashRecovery.attach(catalog, err);
            for (Recovery.Recovered recovered : Recovery.recover(catalog)) {
                err.println("medley: recovered an interrupted " + recovered.operation().action() + " of "
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

    /** Returns the command's stderr: the command line's own error writer. */
    PrintStream err() {
        return CommandStreams.err(command.commandLine());
    }

    String catalogLocation() {
        return catalog != null ? catalog : Catalog.defaultLocation().toString();
    }

    int workers() {
        return workers != null ? workers : BatchRunner.defaultWorkers();
    }

    /** Operations at once per device when applying: --workers, else one, in plan order. */
    int applyWorkers() {
        return workers != null ? workers : 1;
    }

    ConsoleProgress.Mode progressMode() {
        return ConsoleProgress.detect(quiet);
    }
}
