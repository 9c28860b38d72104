package dev.medley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.catalog.Catalog;
import dev.medley.catalog.Catalogs;
import dev.medley.catalog.WorkQueue;
import dev.medley.cluster.ClusterClient;
import dev.medley.cluster.ClusterSettings;
import dev.medley.cluster.SimulatedWork;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "cluster",
        description = {
            "Measures cluster mode on this machine: member processes (medley worker, each a JVM of its own) on loopback,"
                    + " sharing the PostgreSQL catalog --catalog, run jobs on a simulated model whose batch of n files"
                    + " sleeps FIXED + PER_FILE x n ms (sleeping, so that members scale on few cores).",
            "Throughput: for each member count in --members, after a short warm-up job, a job of --files files per member;"
                    + " files/s, from the job's submission and over its working time, and the ratio to one member.",
            "Kill trials (--kill-trials N): three members; in each trial one member is killed (SIGKILL) at a random"
                    + " moment of a job; the job must finish with every file done once. Reports the files lost, the"
                    + " files reported twice, the files taken over, and how long the takeover took."
        },
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley bench cluster --catalog postgresql://medley@localhost/medley_bench",
            "  medley bench cluster --catalog postgresql://... --files 1000 \\",
            "      --kill-trials 20 --json"
        })
final class BenchClusterCommand implements Callable<Integer> {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(90);

    @Spec CommandSpec spec;

    @Option(names = "--catalog", paramLabel = "URL", required = true,
            description = "The shared catalog, a PostgreSQL database the bench may write jobs into.")
    String catalog;

    @Option(names = "--members", paramLabel = "LIST", split = ",", defaultValue = "1,2,3",
            description = "Member counts to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> memberCounts;

    @Option(names = "--files", paramLabel = "N", defaultValue = "400",
            description = "Files per member in a throughput job, and files in a kill trial's job (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--fixed-ms", paramLabel = "MS", defaultValue = "40", description = "Cost of any batch (default: ${DEFAULT-VALUE}).")
    long fixedMs;

    @Option(names = "--per-file-ms", paramLabel = "MS", defaultValue = "5", description = "Cost per file (default: ${DEFAULT-VALUE}).")
    long perFileMs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8", description = "Files per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--kill-trials", paramLabel = "N", defaultValue = "0", description = "Kill trials to run (default: none).")
    int killTrials;

    @Option(names = "--lease-seconds", paramLabel = "N", defaultValue = "10",
            description = "Members' lease on files (default: ${DEFAULT-VALUE}).")
    int leaseSeconds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the kill moments (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "One JSON line per measurement on stdout.")
    boolean json;

    private final String clusterName = "bench-" + ProcessHandle.current().pid();

    /** A worker process and what it said when it started. */
    private record Member(Process process, String address, String uuid) {}

    @Override
    public Integer call() throws Exception {
        if (files < 1 || batch < 1 || memberCounts.stream().anyMatch(count -> count < 1)) {
            throw CommandException.badUsage("--files, --batch and --members must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Member> members = new ArrayList<>();
        try (Catalog shared = Catalogs.open(catalog)) {
            double baseline = 0;
            double wallBaseline = 0;
            for (int count : memberCounts) {
                while (members.size() < count) {
                    members.add(startMember(members));
                }
                while (members.size() > count) {
                    stop(members.removeLast());
                }
                try (ClusterClient client = client(members, shared)) {
                    awaitMembers(client, count);
                    // A first job warms the members up (classes, JIT, the cluster settling after a join); not measured.
                    runJob(client, (long) batch * count * 4, null);
                    long total = (long) files * count;
                    long started = System.nanoTime();
                    WorkQueue.Job job = runJob(client, total, null);
                    double wall = (System.nanoTime() - started) / 1e9;
                    // Working time: from the first batch's start (its end less one batch's cost) to the last file
                    // done, leaving out the job's start in the cluster, which is the same for any number of files.
                    double working = Duration.between(job.firstFinishedAt(), job.lastFinishedAt()).toNanos() / 1e9
                            + batchSeconds();
                    double perSecond = job.done() / working;
                    double wallPerSecond = job.done() / wall;
                    if (baseline == 0) {
                        baseline = perSecond / count;
                        wallBaseline = wallPerSecond / count;
                    }
                    double ratio = perSecond / baseline;
                    double wallRatio = wallPerSecond / wallBaseline;
                    double ideal = count * batch / batchSeconds();
                    report(out, Jobs.JSON.createObjectNode().put("measure", "throughput").put("members", count)
                            .put("files", job.done()).put("workingSeconds", round(working)).put("wallSeconds", round(wall))
                            .put("filesPerSecond", round(perSecond)).put("ratioToOneMember", round(ratio))
                            .put("wallFilesPerSecond", round(wallPerSecond)).put("wallRatioToOneMember", round(wallRatio))
                            .put("shareOfIdeal", round(perSecond / ideal)),
                            String.format(Locale.ROOT, "%d member(s): %d files in %.2f s working = %.1f files/s, %.2fx one"
                                    + " member, %.0f%% of the ideal %d x %d / (%d + %d x %d ms); from submission %.2f s ="
                                    + " %.1f files/s, %.2fx", count, job.done(), working, perSecond, ratio,
                                    100 * perSecond / ideal, count, batch, fixedMs, perFileMs, batch, wall, wallPerSecond,
                                    wallRatio));
                }
            }
            if (killTrials > 0) {
                killTrials(out, shared, members);
            }
        } finally {
            members.forEach(this::stop);
        }
        return 0;
    }

    private void killTrials(PrintWriter out, Catalog shared, List<Member> members) throws Exception {
        Random random = new Random(seed);
        int lost = 0;
        int reportedTwice = 0;
        int unfinished = 0;
        List<Double> takeovers = new ArrayList<>();
        for (int trial = 1; trial <= killTrials; trial++) {
            while (members.size() < 3) {
                members.add(startMember(members));
            }
            try (ClusterClient client = client(members, shared)) {
                awaitMembers(client, 3);
                // A random moment of the work: when a random share of the files, from 5% to 85%, is done.
                double killAt = 0.05 + 0.8 * random.nextDouble();
                Member victim = members.get(1 + random.nextInt(members.size() - 1)); // Not the one the client came through.
                Trial result = new Trial();
                WorkQueue.Job job = runJob(client, files, new Killer(victim, killAt, shared, result));
                members.remove(victim);
                // Lost: not done in the catalog, or done but never reported to the submitter.
                int missing = (int) Math.max(job.total() - job.done() - job.failed(), result.neverReported);
                lost += missing;
                reportedTwice += result.reportedTwice;
                unfinished += job.status() == WorkQueue.Status.COMPLETED ? 0 : 1;
                if (result.takeoverSeconds >= 0) {
                    takeovers.add(result.takeoverSeconds);
                }
                report(out, Jobs.JSON.createObjectNode().put("measure", "kill").put("trial", trial)
                        .put("killedAtShareDone", round(killAt)).put("files", job.total()).put("done", job.done())
                        .put("failed", job.failed()).put("lost", missing).put("reportedTwice", result.reportedTwice)
                        .put("takenOver", job.takenOver()).put("heldByKilled", result.heldAtKill)
                        .put("takeoverSeconds", round(result.takeoverSeconds))
                        .put("finished", job.status() == WorkQueue.Status.COMPLETED),
                        String.format(Locale.ROOT, "trial %2d: killed %s at %.0f%% done, holding %d file(s); taken over in"
                                + " %.2f s; %d/%d done, %d lost, %d reported twice, %d redone after takeover", trial,
                                victim.address(), 100 * killAt, result.heldAtKill, result.takeoverSeconds, job.done(),
                                job.total(), missing, result.reportedTwice, job.takenOver()));
            }
        }
        takeovers.sort(Double::compare);
        double median = takeovers.isEmpty() ? -1 : takeovers.get(takeovers.size() / 2);
        double worst = takeovers.isEmpty() ? -1 : takeovers.getLast();
        report(out, Jobs.JSON.createObjectNode().put("measure", "kill-summary").put("trials", killTrials)
                .put("lost", lost).put("reportedTwice", reportedTwice).put("unfinished", unfinished)
                .put("takeoverMedianSeconds", round(median)).put("takeoverMaxSeconds", round(worst)),
                String.format(Locale.ROOT, "%d kill trials: %d files lost, %d reported twice, %d jobs unfinished;"
                        + " takeover median %.2f s, longest %.2f s", killTrials, lost, reportedTwice, unfinished, median, worst));
    }

    /** What one kill trial saw. */
    private static final class Trial {
        volatile int heldAtKill;
        volatile double takeoverSeconds = -1;
        int reportedTwice;
        int neverReported;
    }

    /** Kills a member once a share of the job's files is done, then times until its files are in others' hands. */
    private record Killer(Member victim, double atShareDone, Catalog shared, Trial trial) {
        void start(long jobId) {
            Thread.ofPlatform().daemon().name("bench-killer").start(() -> {
                try (WorkQueue queue = shared.workQueue()) {
                    for (WorkQueue.Job job = queue.job(jobId).orElseThrow(); job.done() + job.failed() < atShareDone * job.total()
                            && !job.finished(); job = queue.job(jobId).orElseThrow()) {
                        Thread.sleep(5);
                    }
                    trial.heldAtKill = queue.claimsByMember().getOrDefault(victim.uuid(), 0L).intValue();
                    victim.process().destroyForcibly(); // SIGKILL: no goodbye, no release.
                    long killed = System.nanoTime();
                    victim.process().waitFor();
                    // Taken over: the others saw it leave (or its leases ran out) and no file is in its hands.
                    while (queue.claimsByMember().getOrDefault(victim.uuid(), 0L) > 0) {
                        Thread.sleep(20);
                    }
                    trial.takeoverSeconds = (System.nanoTime() - killed) / 1e9;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private double batchSeconds() {
        return (fixedMs + perFileMs * batch) / 1000.0;
    }

    private WorkQueue.Job runJob(ClusterClient client, long total, Killer killer) throws InterruptedException {
        ClusterClient.Submission job = client.submit(SimulatedWork.NAME, SimulatedWork.spec(fixedMs, perFileMs, batch),
                LongStream.range(0, total).mapToObj(i -> String.format(Locale.ROOT, "/bench/%s/file-%07d.flac",
                        clusterName, i)).iterator(), null, batch, ClusterRun.inFlight(batch));
        if (killer != null) {
            killer.start(job.jobId());
        }
        Set<Long> reported = new HashSet<>();
        int[] twice = {0};
        WorkQueue.Job end = client.follow(job.jobId(), outcome -> {
            if (!reported.add(outcome.seq())) {
                twice[0]++;
            }
        }, progress -> {}, Duration.ofMillis(100));
        if (killer != null) {
            killer.trial().reportedTwice = twice[0];
            killer.trial().neverReported = (int) (end.total() - reported.size());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(leaseSeconds * 3L);
            while (killer.trial().takeoverSeconds < 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        return end;
    }

    private Member startMember(List<Member> others) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-jar", jar().toString(), "worker", "--json", "--cluster", clusterName,
                "--port", Integer.toString(port), "--catalog", catalog, "--lease-seconds", Integer.toString(leaseSeconds)));
        if (!others.isEmpty()) {
            command.add("--members");
            command.add(String.join(",", others.stream().map(Member::address).toList()));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        if (first == null) {
            throw CommandException.cannotRun("a worker exited before it started (exit " + process.waitFor() + ")", null);
        }
        JsonNode started = Jobs.JSON.readTree(first);
        Thread.ofPlatform().daemon().start(() -> drain(lines));
        return new Member(process, "127.0.0.1:" + port, started.path("uuid").asText());
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // The member's events are not the bench's output.
            }
        } catch (IOException e) {
            // The member is gone.
        }
    }

    private ClusterClient client(List<Member> members, Catalog shared) {
        ClusterSettings settings = new ClusterSettings(clusterName, null, null, 0,
                members.stream().map(Member::address).toList(), catalog, List.of(), null);
        return ClusterClient.connect(settings, shared, JOIN_TIMEOUT);
    }

    private static void awaitMembers(ClusterClient client, int count) throws InterruptedException {
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        while (client.status(0).members().size() != count) {
            if (System.nanoTime() > deadline) {
                throw CommandException.cannotRun("the cluster did not reach " + count + " members", null);
            }
            Thread.sleep(50);
        }
    }

    private void stop(Member member) {
        member.process().destroy();
        try {
            if (!member.process().waitFor(30, TimeUnit.SECONDS)) {
                member.process().destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            member.process().destroyForcibly();
        }
    }

    private static Path jar() {
        try {
            return Path.of(BenchClusterCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void report(PrintWriter out, ObjectNode line, String text) {
        out.println(json ? line.toString() : text);
        out.flush();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
