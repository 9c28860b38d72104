package dev.medley.media;

import dev.medley.catalog.PathKey;
import dev.medley.catalog.QuarantineRecord;
import dev.medley.core.InFlight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The one gate every file passes before native code reads it, so that a file that crashes the
 * process is met once, not on every run.
 *
 * <p>At the gate a file is (1) refused if it is quarantined, (2) recorded as in flight in this
 * process's {@link InFlight} record, where a crash cannot lose it, and (3) when it is a suspect (it
 * was being read when a process died, with other files or of an unknown cause), read alone: no
 * other file is in native code meanwhile, so if it crashes again the crash is certainly its own.
 * A suspect that passes is cleared.
 *
 * <p>One gate per process, as a crash takes the whole process: {@link #install} sets it up; until
 * then files pass unrecorded.
 */
public final class CrashGuard {
    /** The environment variable of the test hook that crashes the process on a named file. */
    public static final String TEST_CRASH_ON = "MEDLEY_TEST_CRASH_ON";
    /** The signal the test hook crashes with: ABRT (the default, as a C++ abort) or SEGV. */
    public static final String TEST_CRASH_SIGNAL = "MEDLEY_TEST_CRASH_SIGNAL";

    /** Where the gate reads and clears quarantine records: the catalog. */
    public interface Register {
        Optional<QuarantineRecord> lookUp(String key);

        void clearSuspect(String key);
    }

    private static final Register NO_RECORDS = new Register() {
        @Override
        public Optional<QuarantineRecord> lookUp(String key) {
            return Optional.empty();
        }

        @Override
        public void clearSuspect(String key) {}
    };

    // Readers are ordinary files, read side by side; a suspect takes the write side and is alone.
    private static final ReentrantReadWriteLock NATIVE = new ReentrantReadWriteLock();
    private static final String CRASH_ON = System.getenv(TEST_CRASH_ON);

    private static volatile InFlight inFlight;
    private static volatile Register register = NO_RECORDS;

    private CrashGuard() {}

    /** Makes the gate record files in {@code record} and consult {@code quarantine}. */
    public static void install(InFlight record, Register quarantine) {
        inFlight = record;
        register = quarantine;
    }

    /** Stops recording and consulting (the record's owner closes it). */
    public static void uninstall() {
        inFlight = null;
        register = NO_RECORDS;
    }

    /**
     * Lets {@code file} through to native code for {@code stage} (probe, transcribe); close the pass
     * when native code is done with it.
     *
     * @throws MediaError when the file is quarantined
     */
    public static Pass enter(Path file, String stage) throws MediaError {
        InFlight record = inFlight;
        Register quarantine = register;
        if (record == null && quarantine == NO_RECORDS && CRASH_ON == null) {
            return new Pass(InFlight.Slot.NONE, null, null, quarantine);
        }
        Path absolute = file.toAbsolutePath();
        long size;
        long mtime;
        try {
            BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
            size = attributes.size();
            mtime = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            throw new MediaError("cannot read: " + Scanner.describe(e), null);
        }
        String key = PathKey.of(absolute);
        QuarantineRecord known = quarantine.lookUp(key).filter(q -> q.isCurrent(size, mtime)).orElse(null);
        if (known != null && known.quarantined()) {
            throw new MediaError(known.reason(), null);
        }
        Lock lock = known != null ? NATIVE.writeLock() : NATIVE.readLock();
        lock.lock();
        InFlight.Slot slot = record == null ? InFlight.Slot.NONE : record.enter(stage, key, size, mtime);
        if (CRASH_ON != null && CRASH_ON.equals(absolute.getFileName().toString())) {
            crashForTest();
        }
        return new Pass(slot, lock, known != null ? key : null, quarantine);
    }

    // The test hook: dies as native code dies. ABRT: a signal the JVM does not handle, as a C++
    // exception escaping FFmpeg ends. SEGV: a write through a bad pointer in native code, which the
    // JVM reports in an hs_err file before it aborts.
    private static void crashForTest() {
        if ("SEGV".equals(System.getenv(TEST_CRASH_SIGNAL))) {
            new Nowhere().put(0L, (byte) 1);
        }
        try {
            new ProcessBuilder("kill", "-ABRT", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(60_000);
        } catch (IOException e) {
            throw new IllegalStateException("the crash test hook cannot signal this process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the crash test hook's signal did not end this process");
    }

    // A pointer into the first page, never mapped: JavaCPP refuses null, not this.
    private static final class Nowhere extends org.bytedeco.javacpp.BytePointer {
        Nowhere() {
            address = 16;
        }
    }

    /** A file let through; closing it says native code is done with the file. */
    public static final class Pass implements AutoCloseable {
        private final InFlight.Slot slot;
        private final Lock lock;
        private final String suspectKey;
        private final Register register;
        private boolean closed;

        private Pass(InFlight.Slot slot, Lock lock, String suspectKey, Register register) {
            this.slot = slot;
            this.lock = lock;
            this.suspectKey = suspectKey;
            this.register = register;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            slot.close();
            if (lock != null) {
                lock.unlock();
            }
            if (suspectKey != null) {
                register.clearSuspect(suspectKey);
            }
        }
    }
}
