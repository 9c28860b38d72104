package dev.medley.core;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Which file each worker of this process is on, kept where a crash of the process cannot lose it.
 *
 * <p>Native code (FFmpeg, a speech engine) can kill the whole JVM on a bad file, and then nothing
 * in memory survives to say which file it was. So before native code touches a file, the file is
 * written into a slot of a small memory-mapped file, one per process: the kernel keeps a shared
 * mapping's pages when the process dies, so the record survives any crash of the process (not a
 * power cut) without an fsync per file. Leaving the native call clears the slot.
 *
 * <p>The process holds a lock on its record for its whole life. The lock dies with the process, so
 * a record whose lock can be taken belongs to a dead process, and what its slots still hold is
 * exactly what that process was reading when it died: {@link #collect} returns those.
 *
 * <p>The header also holds how many lines of output the process had written, so that a run started
 * again after a crash can carry on its output where the crashed one stopped.
 */
public final class InFlight implements AutoCloseable {
    /** The extension of record files. */
    public static final String SUFFIX = ".inflight";

    private static final long MAGIC = 0x4d45444c45594946L; // "MEDLEYIF"
    private static final int HEADER = 4096;
    private static final int SLOT = 16 * 1024;
    private static final int SLOTS = 256;
    private static final int STAGE_BYTES = 32;
    // Header fields.
    private static final int AT_PID = 8;
    private static final int AT_LINES = 16;
    private static final int AT_RESUMABLE = 24;
    // Slot fields: the key's length is written last, and a zero length marks a free slot.
    private static final int AT_KEY_LENGTH = 0;
    private static final int AT_STAGE_LENGTH = 4;
    private static final int AT_SIZE = 8;
    private static final int AT_MTIME = 16;
    private static final int AT_STAGE = 24;
    private static final int AT_KEY = AT_STAGE + STAGE_BYTES;
    private static final int MAX_KEY = SLOT - AT_KEY;

    /** One file a dead process was reading when it died. */
    public record Entry(String stage, String key, long size, long mtimeNanos) {}

    /** A dead process's record: its files in flight and how many lines of output it had written. */
    public record Crashed(long pid, long linesWritten, boolean resumable, List<Entry> entries) {}

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final MappedByteBuffer map;
    private final ConcurrentLinkedQueue<Integer> free = new ConcurrentLinkedQueue<>();

    private InFlight(Path file, FileChannel channel, FileLock lock, MappedByteBuffer map) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.map = map;
        for (int i = 0; i < SLOTS; i++) {
            free.add(i);
        }
    }

    /** Creates this process's record in {@code folder}. */
    public static InFlight create(Path folder) throws IOException {
        Files.createDirectories(folder);
        long pid = ProcessHandle.current().pid();
        Path file = folder.resolve(pid + SUFFIX);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            FileLock lock = channel.lock();
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER + (long) SLOT * SLOTS);
            map.order(ByteOrder.LITTLE_ENDIAN);
            map.putLong(AT_PID, pid);
            map.putLong(AT_LINES, 0);
            map.put(AT_RESUMABLE, (byte) 1);
            map.putLong(0, MAGIC);
            return new InFlight(file, channel, lock, map);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Records that this thread is about to read {@code key} in native code for {@code stage}; the
     * returned slot clears the record when closed. When every slot is taken the file goes
     * unrecorded rather than waiting.
     */
    public Slot enter(String stage, String key, long size, long mtimeNanos) {
        Integer index = free.poll();
        if (index == null) {
            return Slot.NONE;
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] stageBytes = stage.getBytes(StandardCharsets.UTF_8);
        if (keyBytes.length > MAX_KEY || stageBytes.length > STAGE_BYTES) {
            free.add(index);
            return Slot.NONE;
        }
        int at = HEADER + index * SLOT;
        map.putLong(at + AT_SIZE, size);
        map.putLong(at + AT_MTIME, mtimeNanos);
        map.put(at + AT_STAGE, stageBytes, 0, stageBytes.length);
        map.putInt(at + AT_STAGE_LENGTH, stageBytes.length);
        map.put(at + AT_KEY, keyBytes, 0, keyBytes.length);
        map.putInt(at + AT_KEY_LENGTH, keyBytes.length);
        return new Slot(this, index);
    }

    /** Records that this process has written {@code lines} lines of output in all. */
    public void linesWritten(long lines) {
        map.putLong(AT_LINES, lines);
    }

    /** Records that this process's command cannot simply be run again (it read its standard input). */
    public void notResumable() {
        map.put(AT_RESUMABLE, (byte) 0);
    }

    private void release(int index) {
        map.putInt(HEADER + index * SLOT + AT_KEY_LENGTH, 0);
        free.add(index);
    }

    /** Removes this process's record: it ended without a crash. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A record left behind holds no files in flight: the next collect removes it.
        }
    }

    /**
     * Returns the records in {@code folder} of processes that died without closing them, and
     * removes those records. Records of live processes are left alone.
     */
    public static List<Crashed> collect(Path folder) throws IOException {
        List<Crashed> crashed = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return crashed;
        }
        try (DirectoryStream<Path> records = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path record : records) {
                Crashed dead = readIfDead(record);
                if (dead != null) {
                    crashed.add(dead);
                }
            }
        }
        return crashed;
    }

    private static Crashed readIfDead(Path record) throws IOException {
        try (FileChannel channel = FileChannel.open(record, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return null; // This very process's record.
            }
            if (lock == null) {
                return null; // Its process is alive.
            }
            try {
                Crashed dead = read(channel);
                Files.deleteIfExists(record);
                return dead;
            } finally {
                lock.release();
            }
        }
    }

    private static Crashed read(FileChannel channel) throws IOException {
        long length = channel.size();
        if (length < HEADER) {
            return new Crashed(-1, 0, true, List.of()); // Died while creating it.
        }
        MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, length);
        map.order(ByteOrder.LITTLE_ENDIAN);
        if (map.getLong(0) != MAGIC) {
            return new Crashed(-1, 0, true, List.of());
        }
        List<Entry> entries = new ArrayList<>();
        for (int index = 0; index < SLOTS && HEADER + (long) (index + 1) * SLOT <= length; index++) {
            int at = HEADER + index * SLOT;
            int keyLength = map.getInt(at + AT_KEY_LENGTH);
            int stageLength = map.getInt(at + AT_STAGE_LENGTH);
            if (keyLength <= 0 || keyLength > MAX_KEY || stageLength < 0 || stageLength > STAGE_BYTES) {
                continue;
            }
            byte[] stage = new byte[stageLength];
            map.get(at + AT_STAGE, stage);
            byte[] key = new byte[keyLength];
            map.get(at + AT_KEY, key);
            entries.add(new Entry(new String(stage, StandardCharsets.UTF_8), new String(key, StandardCharsets.UTF_8),
                    map.getLong(at + AT_SIZE), map.getLong(at + AT_MTIME)));
        }
        return new Crashed(map.getLong(AT_PID), map.getLong(AT_LINES), map.get(AT_RESUMABLE) != 0, List.copyOf(entries));
    }

    /** A file recorded as in flight; closing it clears the record. */
    public static final class Slot implements AutoCloseable {
        /** A slot that records nothing. */
        public static final Slot NONE = new Slot(null, -1);

        private final InFlight owner;
        private final int index;
        private boolean closed;

        private Slot(InFlight owner, int index) {
            this.owner = owner;
            this.index = index;
        }

        @Override
        public void close() {
            if (owner != null && !closed) {
                closed = true;
                owner.release(index);
            }
        }
    }
}
