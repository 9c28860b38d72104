package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.QuarantineRecord;
import dev.medley.core.InFlight;
import dev.medley.media.CrashGuard;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds what a crashed run was reading, sets it aside, and guards this run the same way.
 *
 * <p>Every command that opens a catalog comes through here once. Records that processes which died
 * left beside the catalog ({@link InFlight}) name the files native code was reading when they died.
 * A file is quarantined when the crash was certainly its own: it was the only file in flight and
 * the launcher saw the process crash, or it was already a suspect and was being read alone. Any
 * other file in flight becomes a suspect, read again alone ({@link CrashGuard}). A quarantined file
 * is reported as failed, with its path, by whatever stage meets it, and never opened again while it
 * is unchanged.
 *
 * <p>When the launcher starts a command again after a crash ({@value #CRASHED_PID} names the
 * crashed process), the new run drops the lines of output the crashed one had already written, so
 * that the two together print every result once.
 */
final class CrashRecovery {
    /** Set by the launcher when it runs a command again: the process id of the JVM that crashed. */
    static final String CRASHED_PID = "MEDLEY_CRASHED_PID";

    private static ResumableOutput output;
    private static InFlight record;

    private CrashRecovery() {}

    /** Registers this process's standard output, whose lines are counted and, on resuming, skipped. */
    static synchronized void output(ResumableOutput stdout) {
        output = stdout;
    }

    /** Sets aside what crashed runs on {@code catalog} were reading, and guards this process's native reads. */
    static synchronized void attach(Catalog catalog, PrintStream err) {
        if (record != null) {
            return;
        }
        Path folder = recordsFolder(catalog);
        long crashedPid = number(System.getenv(CRASHED_PID));
        try {
            for (InFlight.Crashed crashed : InFlight.collect(folder)) {
                boolean resumed = crashed.pid() == crashedPid;
                setAside(catalog, crashed, resumed, err);
                if (resumed) {
                    resume(crashed);
                }
            }
            record = InFlight.create(folder);
        } catch (IOException e) {
            err.println("medley: cannot keep the record of files being read in " + folder + " (" + e.getMessage()
                    + "); a file that crashes the process may be met again on the next run");
            return;
        }
        InFlight created = record;
        CrashGuard.install(created, new CrashGuard.Register() {
            @Override
            public Optional<QuarantineRecord> lookUp(String key) {
                return catalog.quarantined(key);
            }

            @Override
            public void clearSuspect(String key) {
                catalog.clearSuspect(key);
            }
        });
        if (output != null) {
            output.reportTo(created::linesWritten);
        }
        // A run that ends, even by Ctrl-C, was not killed by the file it was reading.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CrashGuard.uninstall();
            created.close();
        }, "medley-inflight"));
    }

    /** Returns the folder of in-flight records that belongs to {@code catalog} (for a catalog file: FILE.inflight beside it). */
    static Path recordsFolder(Catalog catalog) {
        return catalog.stateFolder("inflight");
    }

    private static void setAside(Catalog catalog, InFlight.Crashed crashed, boolean crashSeen, PrintStream err) {
        List<InFlight.Entry> entries = crashed.entries();
        for (InFlight.Entry entry : entries) {
            String path = PathKey.display(entry.key());
            boolean wasSuspect = catalog.quarantined(entry.key())
                    .filter(q -> q.isCurrent(entry.size(), entry.mtimeNanos()) && !q.quarantined()).isPresent();
            boolean certain = wasSuspect || crashSeen && entries.size() == 1;
            String reason;
            if (certain) {
                reason = "crashed the decoder while being read (" + entry.stage()
                        + "); quarantined: not opened again until the file changes";
                err.println("medley: " + path + ": " + reason);
            } else {
                reason = "was being read (" + entry.stage() + ") when a run ended abruptly";
                err.println("medley: " + path + ": " + reason + "; it will be read again, alone");
            }
            catalog.quarantine(new QuarantineRecord(entry.key(), entry.size(), entry.mtimeNanos(), certain,
                    entry.stage(), reason));
        }
    }

    private static void resume(InFlight.Crashed crashed) {
        if (!crashed.resumable()) {
            throw CommandException.cannotRun("the crashed command read its standard input, so it cannot be run again by"
                    + " itself; run it again", null);
        }
        if (crashed.entries().isEmpty()) {
            throw CommandException.cannotRun("the process crashed while no file was being read, so running it again would"
                    + " crash again; please report it with the crash report", null);
        }
        if (output != null) {
            output.skipLines(crashed.linesWritten());
        }
    }

    private static long number(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
