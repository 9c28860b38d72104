package dev.medley.catalog.sql;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The name runs record as their host: which machine's process table tells whether they still run. */
final class Hosts {
    /** This machine's name: {@code $MEDLEY_HOST}, else the kernel's host name. */
    static final String THIS_HOST = thisHost();

    private Hosts() {}

    private static String thisHost() {
        String explicit = System.getenv("MEDLEY_HOST");
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        try {
            // The kernel's answer costs no name lookup, which can hang on a machine without DNS.
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: ask Java.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
