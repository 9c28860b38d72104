package dev.medley.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.catalog.Catalog;
import dev.medley.catalog.Catalogs;
import dev.medley.catalog.WorkQueue;
import dev.medley.cluster.ClusterClient;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "cluster",
        description = "Looks at a Medley cluster: its members, their load and its jobs; follows a job again.",
        subcommands = {ClusterCommand.Status.class, ClusterCommand.Attach.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley cluster status --cluster studio --members 10.0.0.11 \\",
            "      --catalog postgresql://medley@db/medley",
            "  medley cluster attach probe-1a2b3c4d --cluster studio --members 10.0.0.11 \\",
            "      --catalog postgresql://medley@db/medley"
        })
final class ClusterCommand {

    private static ClusterClient connect(ClusterOptions cluster, CommonOptions common, Catalog catalog) {
        if (!cluster.requested()) {
            throw CommandException.badUsage("name the cluster: --cluster NAME --members HOST:PORT,...");
        }
        return ClusterRun.connect(cluster.clientSettings(common.catalogLocation()), catalog, cluster);
    }

    @Command(name = "status", description = "Lists the members (address, version, files in hand) and the latest jobs.")
    static final class Status implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Mixin ClusterOptions cluster;
        @Mixin CommonOptions common;

        @CommandLine.Option(names = "--jobs", paramLabel = "N", defaultValue = "10",
                description = "How many of the latest jobs to list (default: ${DEFAULT-VALUE}).")
        int jobs;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Catalog catalog = Catalogs.open(common.catalogLocation());
                    ClusterClient client = connect(cluster, common, catalog)) {
                ClusterClient.Status status = client.status(jobs);
                if (common.json) {
                    ObjectNode line = Jobs.JSON.createObjectNode().put("cluster", status.cluster());
                    ArrayNode members = line.putArray("members");
                    for (ClusterClient.MemberStatus member : status.members()) {
                        members.addObject().put("name", member.name()).put("version", member.version())
                                .put("filesInFlight", member.filesInFlight());
                    }
                    ArrayNode jobList = line.putArray("jobs");
                    for (WorkQueue.Job job : status.jobs()) {
                        jobList.add(jobJson(job));
                    }
                    out.println(line);
                } else {
                    out.println("cluster " + status.cluster() + ": " + status.members().size() + " member(s)");
                    for (ClusterClient.MemberStatus member : status.members()) {
                        out.println(String.format(Locale.ROOT, "  %-24s %4d file(s) in hand   medley %s",
                                member.name(), member.filesInFlight(), member.version()));
                    }
                    out.println("jobs:");
                    for (WorkQueue.Job job : status.jobs()) {
                        out.println(String.format(Locale.ROOT, "  %-22s %-10s %d/%d done, %d failed, %d in hand, %d waiting",
                                job.name(), job.status().name().toLowerCase(Locale.ROOT), job.done(), job.total(),
                                job.failed(), job.claimed(), job.pending()));
                    }
                }
                out.flush();
                return 0;
            }
        }
    }

    static ObjectNode jobJson(WorkQueue.Job job) {
        return Jobs.JSON.createObjectNode().put("name", job.name()).put("kind", job.kind())
                .put("status", job.status().name().toLowerCase(Locale.ROOT)).put("total", job.total())
                .put("done", job.done()).put("failed", job.failed()).put("inHand", job.claimed())
                .put("waiting", job.pending()).put("takenOver", job.takenOver());
    }

    @Command(name = "attach", description = "Follows a job again (its submitter stopped): prints the results not yet shown, "
            + "then the statistics, and exits as the submitting command would have.")
    static final class Attach implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Mixin ClusterOptions cluster;
        @Mixin CommonOptions common;

        @Parameters(paramLabel = "JOB", description = "The job's name, as submitting it and cluster status show it.")
        String job;

        @Override
        public Integer call() throws InterruptedException {
            try (Catalog catalog = Catalogs.open(common.catalogLocation());
                    ClusterClient client = connect(cluster, common, catalog)) {
                WorkQueue.Job found = client.job(job).orElseThrow(() -> CommandException.badUsage(
                        "no job " + job + " in the catalog; medley cluster status lists them"));
                return ClusterRun.follow(spec.commandLine(), common, client, found.id(), (out, outcome) -> out.println(outcome.outcome()));
            }
        }
    }
}
