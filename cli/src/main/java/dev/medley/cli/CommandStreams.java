package dev.medley.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * A command's stderr as the print stream that progress bars and crash records need, so that every
 * line a command writes goes through its command line's own writer, which tests and embedders
 * replace, and never straight to {@code System.err}.
 */
final class CommandStreams {
    private CommandStreams() {}

    /** Returns {@code commandLine}'s error writer as a print stream. */
    static PrintStream err(CommandLine commandLine) {
        PrintWriter writer = commandLine.getErr();
        if (writer instanceof StreamWriter backed) {
            return backed.stream;
        }
        return new PrintStream(new WriterOutput(writer), true, StandardCharsets.UTF_8);
    }

    /** An error writer over a print stream, which {@link #err} hands out as it is. */
    static final class StreamWriter extends PrintWriter {
        private final PrintStream stream;

        StreamWriter(PrintStream stream) {
            super(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
            this.stream = stream;
        }
    }

    /** Bytes into a writer, a line (or a flush) at a time, decoded as UTF-8. */
    private static final class WriterOutput extends OutputStream {
        private final PrintWriter writer;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        WriterOutput(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            writer.write(line.toString(StandardCharsets.UTF_8));
            line.reset();
            writer.flush();
        }
    }
}
