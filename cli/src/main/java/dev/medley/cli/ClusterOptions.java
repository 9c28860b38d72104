package dev.medley.cli;

import dev.medley.cluster.ClusterSettings;
import dev.medley.cluster.PathMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that reach a cluster: for submitting a job to it, and for a member joining it. */
final class ClusterOptions {
    @Option(names = "--cluster", paramLabel = "NAME",
            description = "Run on the cluster NAME instead of this machine: its members do the work; this command lists "
                    + "the files, follows the job and prints results. Needs --members and a shared --catalog; the "
                    + "shared secret comes from $" + ClusterSettings.SECRET_ENV + ".")
    String name;

    @Option(names = "--members", paramLabel = "HOST:PORT", split = ",",
            description = "Members to reach the cluster through (any one that is up will do; port "
                    + ClusterSettings.DEFAULT_PORT + " when none is given).")
    List<String> members = new ArrayList<>();

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Give up reaching the cluster after this long (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    boolean requested() {
        return name != null;
    }

    Duration connectTimeout() {
        return Duration.ofSeconds(Math.max(1, connectTimeoutSeconds));
    }

    /** Returns the settings of a client of the cluster. */
    ClusterSettings clientSettings(String catalog) {
        if (members.isEmpty()) {
            throw CommandException.badUsage("--cluster needs --members HOST:PORT,... to reach it by");
        }
        try {
            return new ClusterSettings(name, ClusterSettings.secretFromEnvironment(), null, 0, members, catalog,
                    List.<PathMap>of(), null);
        } catch (IllegalArgumentException e) {
            throw CommandException.badUsage(e.getMessage());
        }
    }
}
