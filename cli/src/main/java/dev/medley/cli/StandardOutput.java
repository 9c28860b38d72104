package dev.medley.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where results go. Normally file descriptor 1. The launcher moves the caller's standard output to
 * another descriptor ({@code -Dmedley.stdoutFd=3}) and points descriptor 1 at standard error,
 * because the JVM writes its fatal-error summary to descriptor 1 whatever it is told: that way a
 * crash can never end up in a {@code --json} stream.
 */
final class StandardOutput {
    private StandardOutput() {}

    static OutputStream open() {
        String fd = System.getProperty("medley.stdoutFd");
        if (fd == null || !fd.matches("[0-9]+")) {
            return new FileOutputStream(FileDescriptor.out);
        }
        try {
            // Append: where the caller redirected to a file, write where the shell left off.
            return new FileOutputStream("/proc/self/fd/" + fd, true);
        } catch (IOException e) {
            // A socket cannot be opened again by name; fall back to descriptor 1.
            System.err.println("medley: cannot write to file descriptor " + fd + " (" + e.getMessage()
                    + "); results go to descriptor 1");
            return new FileOutputStream(FileDescriptor.out);
        }
    }
}
