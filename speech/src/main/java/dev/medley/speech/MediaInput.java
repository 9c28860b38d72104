package dev.medley.speech;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FORCE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import dev.medley.media.Ffmpeg;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/*
 * How FFmpeg reads media that is not a file. A custom AVIOContext calls back into Java for every read and seek;
 * its opaque pointer holds a number that finds the input in OPEN. One read and one seek callback serve every
 * input: each JavaCPP callback takes a native slot that is never given back, so none may be made per input.
 *
 * Inputs can always seek. Bytes are in memory; a stream is first copied to a temporary file (readable by its
 * owner only, as the JDK makes them), unlinked as soon as it is open (on Windows, when it is closed), and is
 * then read by position. Reading a stream as it arrives would save the copy, but FFmpeg cannot read every
 * container without seeking: an MP4 or M4A with its moov atom after the audio, as phones often write, would fail
 * from a stream and succeed from the same file. Holding a stream in memory instead would make its length the
 * limit: a three-hour recording is a few hundred megabytes.
 *
 * A callback never throws into native code: a failure becomes EIO there and is kept, to be reported in place of
 * the error FFmpeg returns.
 */

/** Encoded media that FFmpeg reads through callbacks: bytes in memory, or a stream copied to a private file. */
final class MediaInput implements AutoCloseable {
    /** How much of the start goes to the checks that refuse what is never media (4 KiB, as for files). */
    static final int HEAD_BYTES = 4096;

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int EIO = -5;
    private static final int EINVAL = -22;
    private static final int SEEK_SET = 0;
    private static final int SEEK_CUR = 1;
    private static final int SEEK_END = 2;
    private static final Read READ = new Read();
    private static final Seek SEEK = new Seek();
    private static final Map<Long, MediaInput> OPEN = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    private final String name;
    private final Content content;
    private final long size;
    private final long id = IDS.incrementAndGet();
    private final LongPointer opaque = new LongPointer(1);
    private AVIOContext context;
    private long position;
    private IOException readFailure;

    private MediaInput(String name, Content content) throws IOException {
        this.name = name;
        this.content = content;
        this.size = content.size();
    }

    /** Returns an input over {@code media}, which is not copied. */
    static MediaInput of(byte[] media, String name) throws IOException {
        return new MediaInput(name, new InMemory(media));
    }

    /**
     * Returns an input over what {@code media} holds, read to its end into a private temporary file first.
     *
     * @throws IOException when the stream cannot be read or the file written (the message names the stream)
     */
    static MediaInput spool(InputStream media, String name) throws IOException {
        Path spool = Files.createTempFile("medley-audio-", ".spool"); // owner-only where the system has owners
        FileChannel channel = null;
        try {
            try (OutputStream out = Files.newOutputStream(spool)) {
                media.transferTo(out);
            }
            // Unlinked at once where the system allows: nothing is left behind, even if the process dies.
            channel = FileChannel.open(spool, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
            return new MediaInput(name, new Spooled(channel));
        } catch (IOException e) {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(spool);
            throw new IOException(name + ": cannot copy the stream to a temporary file: " + e.getMessage(), e);
        }
    }

    /** Returns what messages call the media. */
    String name() {
        return name;
    }

    /** Returns the media's length in bytes. */
    long size() {
        return size;
    }

    /** Returns the media's first bytes, {@link #HEAD_BYTES} or all there are, for the checks before FFmpeg. */
    byte[] head() throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(HEAD_BYTES, size));
        while (head.hasRemaining() && content.read(head.position(), head) > 0) {
            // Reading.
        }
        return head.array();
    }

    /**
     * Returns the context FFmpeg reads through: made on the first call, freed by {@link #close} (after the format
     * context over it is closed).
     */
    AVIOContext context() {
        if (context == null) {
            Ffmpeg.load();
            BytePointer buffer = new BytePointer(av_malloc(BUFFER_SIZE));
            if (buffer.isNull()) {
                throw new OutOfMemoryError("av_malloc(" + BUFFER_SIZE + ")");
            }
            opaque.put(id);
            OPEN.put(id, this);
            context = avio_alloc_context(buffer, BUFFER_SIZE, 0, opaque, READ,
                    (Write_packet_Pointer_BytePointer_int) null, SEEK);
            if (context == null || context.isNull()) {
                OPEN.remove(id);
                av_free(buffer);
                throw new OutOfMemoryError("avio_alloc_context");
            }
        }
        return context;
    }

    /** Returns the failure of the last read that failed, or null; FFmpeg saw it only as EIO. */
    IOException readFailure() {
        return readFailure;
    }

    @Override
    public void close() {
        OPEN.remove(id);
        if (context != null) {
            // FFmpeg may have put a buffer of its own in place of ours: free whichever it holds now.
            av_free(context.buffer());
            avio_context_free(context);
            context = null;
        }
        opaque.close();
        try {
            content.close();
        } catch (IOException e) {
            // A spool that cannot be closed is gone from the folder already, or goes with the process.
        }
    }

    private int read(BytePointer into, int length) {
        if (position >= size) {
            return AVERROR_EOF;
        }
        try {
            int count = content.read(position, into, (int) Math.min(length, size - position));
            if (count <= 0) {
                return AVERROR_EOF;
            }
            position += count;
            return count;
        } catch (IOException | RuntimeException e) {
            readFailure = e instanceof IOException io ? io : new IOException(e);
            return EIO;
        }
    }

    private long seek(long offset, int whence) {
        int how = whence & ~AVSEEK_FORCE;
        if (how == AVSEEK_SIZE) {
            return size;
        }
        long target = switch (how) {
            case SEEK_SET -> offset;
            case SEEK_CUR -> position + offset;
            case SEEK_END -> size + offset;
            default -> -1;
        };
        if (target < 0) {
            return EINVAL;
        }
        position = target; // Past the end is allowed, as for files: reads there find the end.
        return target;
    }

    /** Where the media's bytes are. */
    private interface Content extends AutoCloseable {
        long size() throws IOException;

        /** Reads from {@code position} into {@code into}'s remaining space; returns the count, or -1 at the end. */
        int read(long position, ByteBuffer into) throws IOException;

        /** Reads at most {@code length} bytes from {@code position} into native memory; returns the count. */
        int read(long position, BytePointer into, int length) throws IOException;

        @Override
        void close() throws IOException;
    }

    private record InMemory(byte[] media) implements Content {
        @Override
        public long size() {
            return media.length;
        }

        @Override
        public int read(long position, ByteBuffer into) {
            int count = (int) Math.min(into.remaining(), media.length - position);
            if (count <= 0) {
                return -1;
            }
            into.put(media, (int) position, count);
            return count;
        }

        @Override
        public int read(long position, BytePointer into, int length) {
            into.put(media, (int) position, length);
            return length;
        }

        @Override
        public void close() {}
    }

    private static final class Spooled implements Content {
        private final FileChannel channel;
        private final ByteBuffer scratch = ByteBuffer.allocate(BUFFER_SIZE);

        Spooled(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public int read(long position, ByteBuffer into) throws IOException {
            return channel.read(into, position);
        }

        @Override
        public int read(long position, BytePointer into, int length) throws IOException {
            scratch.clear().limit(Math.min(length, scratch.capacity()));
            int count = channel.read(scratch, position);
            if (count > 0) {
                into.put(scratch.array(), 0, count);
            }
            return count;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class Read extends Read_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buffer, int size) {
            MediaInput input = opaque == null || opaque.isNull() ? null : OPEN.get(new LongPointer(opaque).get());
            return input == null ? EIO : input.read(buffer, size);
        }
    }

    private static final class Seek extends Seek_Pointer_long_int {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            MediaInput input = opaque == null || opaque.isNull() ? null : OPEN.get(new LongPointer(opaque).get());
            return input == null ? EIO : input.seek(offset, whence);
        }
    }
}
