package dev.medley.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.catalog.Catalog;
import dev.medley.catalog.Catalogs;
import dev.medley.cluster.ApplyWork;
import dev.medley.cluster.ClusterSettings;
import dev.medley.cluster.MedleyMember;
import dev.medley.cluster.PathMap;
import dev.medley.cluster.ProbeWork;
import dev.medley.cluster.SimulatedWork;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "worker",
        description = {
            "Joins this machine to a Medley cluster as a member and works on the cluster's jobs until stopped.",
            "Members find each other over TCP/IP (no multicast) through --members; they share the catalog (PostgreSQL)"
                    + " and see the library at the same path, or at a mapped one (--path-map).",
            "Only processes that know the cluster's shared secret ($" + ClusterSettings.SECRET_ENV + ") can join;"
                    + " without one a member listens on loopback only. Traffic between members is not encrypted:"
                    + " bind to a network you trust."
        },
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  export MEDLEY_CLUSTER_SECRET=...   the same on every machine",
            "  medley worker --cluster studio --bind 10.0.0.11 \\",
            "      --members 10.0.0.12,10.0.0.13 --catalog postgresql://medley@db/medley",
            "  medley worker --cluster studio --bind 10.0.0.12 --path-map /mnt/nas=/data ...",
            "  medley probe /mnt/nas/music --cluster studio --members 10.0.0.11 \\",
            "      --catalog postgresql://medley@db/medley"
        })
final class WorkerCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--cluster", paramLabel = "NAME", required = true, description = "The cluster to join.")
    String name;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Listen on, and be reached at, this address of this machine (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ClusterSettings.DEFAULT_PORT,
            description = "The member's port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--members", paramLabel = "HOST:PORT", split = ",",
            description = "Other members to join through; the first member of a cluster may name none.")
    List<String> members = new ArrayList<>();

    @Option(names = "--catalog", paramLabel = "URL", required = true,
            description = "The shared catalog: postgresql://USER@HOST/DATABASE (password in $PGPASSWORD or ~/.pgpass).")
    String catalog;

    @Option(names = "--path-map", paramLabel = "FROM=TO",
            description = "Read the files the submitter names under FROM at TO on this machine; repeatable.")
    List<String> pathMaps = new ArrayList<>();

    @Option(names = "--lease-seconds", paramLabel = "N", defaultValue = "30",
            description = "How long a claim on a file lasts unrenewed: how soon another member takes over the files"
                    + " of a member that stopped answering (default: ${DEFAULT-VALUE}).")
    int leaseSeconds;

    @Option(names = "--json", description = "Events as JSON Lines on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<PathMap> maps = new ArrayList<>();
        ClusterSettings settings;
        try {
            for (String map : pathMaps) {
                maps.add(PathMap.parse(map));
            }
            if (leaseSeconds < 2) {
                throw new IllegalArgumentException("--lease-seconds must be 2 or more");
            }
            settings = new ClusterSettings(name, ClusterSettings.secretFromEnvironment(), bind, port, members, catalog,
                    maps, Duration.ofSeconds(leaseSeconds));
        } catch (IllegalArgumentException e) {
            throw CommandException.badUsage(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        Catalog shared = Catalogs.open(catalog);
        MedleyMember member;
        try {
            member = MedleyMember.start(settings, shared, List.of(new ProbeWork(), new IdentifyWork(), new TranscribeWork(), new ApplyWork(),
                    new SimulatedWork()), Medley.version(),
                    event -> say(out, "event", event));
        } catch (RuntimeException e) {
            shared.close();
            throw CommandException.cannotRun("cannot start a member on " + bind + ":" + port + ": " + e.getMessage()
                    + " (is the port taken? is " + bind + " an address of this machine?)", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            member.close();
            shared.close();
        }, "medley-worker-stop"));
        if (json) {
            ObjectNode line = Jobs.JSON.createObjectNode().put("event", "started").put("member", member.name())
                    .put("uuid", member.uuid().toString()).put("cluster", name).put("members", member.clusterSize());
            out.println(line);
        } else {
            out.println("medley: member " + member.name() + " joined cluster " + name + " (" + member.clusterSize()
                    + " member" + (member.clusterSize() == 1 ? "" : "s") + "); stop with Ctrl-C");
        }
        out.flush();
        member.awaitClose();
        return 0;
    }

    private void say(PrintWriter out, String kind, String text) {
        if (json) {
            out.println(Jobs.JSON.createObjectNode().put("event", kind).put("text", text));
        } else {
            out.println("medley: " + text);
        }
        out.flush();
    }
}
