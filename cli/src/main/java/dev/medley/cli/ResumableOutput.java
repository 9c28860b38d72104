package dev.medley.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Standard output that knows how many whole lines have reached it, so that a run started again
 * after a crash can carry on where the crashed run's output stopped.
 *
 * <p>Bytes pass through to the underlying stream line by line: what follows the last newline is
 * held back until its line is complete, or until an explicit {@link #flush}. After each write the
 * count of lines out (written, or dropped by {@link #skipLines}) goes to a listener, which keeps it
 * where a crash cannot lose it. A resumed run drops the lines the crashed run had already written.
 */
final class ResumableOutput extends OutputStream {
    private final OutputStream out;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private long linesOut;
    private long linesToSkip;
    private volatile LongConsumer listener = lines -> {};

    ResumableOutput(OutputStream out) {
        this.out = out;
    }

    /** Sends the count of lines out to {@code listener} from now on, starting with the count so far. */
    synchronized void reportTo(LongConsumer listener) {
        this.listener = listener;
        listener.accept(linesOut);
    }

    /** Drops the next {@code lines} whole lines instead of writing them; they count as out. */
    synchronized void skipLines(long lines) {
        linesToSkip = lines;
    }

    /** Returns how many whole lines are out. */
    synchronized long linesOut() {
        return linesOut;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int lineStart = offset;
        long before = linesOut;
        for (int i = offset; i < end; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (linesToSkip > 0) {
                linesToSkip--;
                pendingLength = 0;
            } else {
                if (pendingLength > 0) {
                    out.write(pending, 0, pendingLength);
                    pendingLength = 0;
                }
                out.write(bytes, lineStart, i + 1 - lineStart);
            }
            linesOut++;
            lineStart = i + 1;
        }
        hold(bytes, lineStart, end - lineStart);
        if (linesOut != before) {
            out.flush();
            listener.accept(linesOut);
        }
    }

    private void hold(byte[] bytes, int offset, int length) {
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        pendingLength += length;
    }

    /** Writes out even an incomplete line: the caller wants it seen now (a prompt). */
    @Override
    public synchronized void flush() throws IOException {
        if (pendingLength > 0 && linesToSkip == 0) {
            out.write(pending, 0, pendingLength);
            pendingLength = 0;
        }
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        out.close();
    }
}
