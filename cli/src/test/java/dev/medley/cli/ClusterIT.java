package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medley.catalog.sql.PostgresServer;
import dev.medley.media.TestMedia;
import dev.medley.media.sample.SampleMedia;
import dev.medley.speech.FakeTranscriptionService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode through the packaged command: member processes (medley worker) on loopback sharing a
 * real PostgreSQL catalog, a submitting command that does no work itself, and members killed outright.
 */
class ClusterIT {
    @TempDir Path dir;
    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        workers.forEach(Process::destroyForcibly);
    }

    private static PostgresServer postgres() {
        PostgresServer server = PostgresServer.shared().orElse(null);
        assumeTrue(server != null, PostgresServer::absence);
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A member process, its address and its id (the prefix of its claims in the catalog). */
    private record Member(Process process, String address, String uuid) {}

    // Starts a member and returns its address once it says it has joined.
    private String startWorker(String cluster, String catalog, List<String> others, String... extra) throws IOException {
        return startMember(cluster, catalog, others, extra).address();
    }

    private Member startMember(String cluster, String catalog, List<String> others, String... extra) throws IOException {
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("worker", "--json", "--cluster", cluster, "--port",
                Integer.toString(port), "--catalog", catalog));
        if (!others.isEmpty()) {
            arguments.addAll(List.of("--members", String.join(",", others)));
        }
        arguments.addAll(List.of(extra));
        Process worker = MedleyProcess.builder(List.of(), arguments.toArray(String[]::new))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        workers.add(worker);
        BufferedReader lines = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        assertThat(first).as("the worker's first line").isNotNull().contains("\"event\":\"started\"");
        Thread.ofPlatform().daemon().start(() -> lines.lines().forEach(line -> {}));
        return new Member(worker, "127.0.0.1:" + port,
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(first).get("uuid").asText());
    }

    @Test
    void probeOnTwoMembersPrintsWhatProbeOnThisMachinePrints() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        PostgresServer server = postgres();
        Path library = Files.createDirectories(dir.resolve("library"));
        for (int i = 0; i < 6; i++) {
            TestMedia.make(Files.createDirectories(library.resolve("disc " + i)), TestMedia.KINDS.get(i % 3));
        }
        Files.write(library.resolve("broken.mp3"), new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 1, 2, 3});
        String catalog = server.url(server.newDatabase());
        String first = startWorker("probe-test", catalog, List.of());
        String second = startWorker("probe-test", catalog, List.of(first));

        MedleyProcess.Result onCluster = MedleyProcess.run("probe", library.toString(), "--json", "--cluster",
                "probe-test", "--members", first + "," + second, "--catalog", catalog);
        MedleyProcess.Result here = MedleyProcess.run("probe", library.toString(), "--json", "--catalog",
                dir.resolve("local.db").toString());

        assertThat(onCluster.exitCode()).as(onCluster.stderr()).isEqualTo(1).isEqualTo(here.exitCode());
        assertThat(summary(onCluster.json())).isEqualTo(summary(here.json())).hasSize(7);
        JsonNode stats = MedleyProcess.jsonLines(onCluster.stderr()).getLast();
        assertThat(stats.get("total").asLong()).isEqualTo(7);
        assertThat(stats.get("failed").asLong()).isEqualTo(1);

        // The probes are in the shared catalog: probing again on this machine reads them from it.
        MedleyProcess.Result again = MedleyProcess.run("probe", library.toString(), "--json", "--catalog", catalog);
        assertThat(MedleyProcess.jsonLines(again.stderr()).getLast().get("fromCatalog").asLong()).isEqualTo(6);

        // Identify on the members names every file as identify here does, line for line.
        MedleyProcess.Result named = MedleyProcess.run("identify", library.toString(), "--json", "--cluster",
                "probe-test", "--members", first, "--catalog", catalog);
        MedleyProcess.Result namedHere = MedleyProcess.run("identify", library.toString(), "--json", "--catalog",
                dir.resolve("local.db").toString());
        assertThat(named.exitCode()).as(named.stderr()).isEqualTo(namedHere.exitCode());
        assertThat(new java.util.TreeSet<>(named.lines())).hasSize(7).isEqualTo(new java.util.TreeSet<>(namedHere.lines()));
    }

    // Path to what a probe line says of the file: whether it plays, its duration and codecs.
    private static Map<String, String> summary(List<JsonNode> lines) {
        return lines.stream().collect(Collectors.toMap(line -> line.get("path").asText(),
                line -> line.path("ok").asText() + " " + line.path("durationSeconds").asText() + " "
                        + line.path("audioCodec").asText() + " " + line.path("videoCodec").asText(),
                (a, b) -> a + " | " + b, TreeMap::new));
    }

    @Test
    void aMemberThatCannotSeeAFileLeavesItToOneThatCan() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        PostgresServer server = postgres();
        Path library = Files.createDirectories(dir.resolve("shared/music"));
        for (int i = 0; i < 4; i++) {
            TestMedia.make(Files.createDirectories(library.resolve("album " + i)), TestMedia.KINDS.get(0));
        }
        String catalog = server.url(server.newDatabase());
        // The first member's view of the library is an empty folder: every file it claims, it must give back.
        Path elsewhere = Files.createDirectories(dir.resolve("empty"));
        String blind = startWorker("maps", catalog, List.of(), "--path-map", dir.resolve("shared") + "=" + elsewhere);
        String seeing = startWorker("maps", catalog, List.of(blind));
        MedleyProcess.Result probe = MedleyProcess.run("probe", library.toString(), "--json", "--cluster", "maps",
                "--members", blind + "," + seeing, "--catalog", catalog);
        assertThat(probe.exitCode()).as(probe.stderr()).isZero();
        assertThat(probe.json()).hasSize(4).allSatisfy(line -> assertThat(line.get("ok").asBoolean()).isTrue());
    }

    @Test
    void threeMembersScaleAndAJobSurvivesAMemberKilledAtRandom() throws Exception {
        PostgresServer server = postgres();
        String catalog = server.url(server.newDatabase());
        MedleyProcess.Result bench = MedleyProcess.run("bench", "cluster", "--catalog", catalog, "--files", "100",
                "--kill-trials", "2", "--json");
        assertThat(bench.exitCode()).as(bench.stderr()).isZero();
        List<JsonNode> lines = bench.json();
        List<JsonNode> throughput = lines.stream().filter(line -> line.get("measure").asText().equals("throughput")).toList();
        assertThat(throughput).extracting(line -> line.get("members").asInt()).containsExactly(1, 2, 3);
        // Sleeping members scale on any machine; a loose floor here, the figure itself from medley bench cluster.
        assertThat(throughput.getLast().get("ratioToOneMember").asDouble()).isGreaterThan(1.8);
        JsonNode kills = lines.getLast();
        assertThat(kills.get("measure").asText()).isEqualTo("kill-summary");
        assertThat(kills.get("trials").asInt()).isEqualTo(2);
        assertThat(kills.get("lost").asInt()).isZero();
        assertThat(kills.get("reportedTwice").asInt()).isZero();
        assertThat(kills.get("unfinished").asInt()).isZero();
        assertThat(kills.get("takeoverMaxSeconds").asDouble()).isBetween(0.0, 30.0);
    }

    @Test
    void transcribeOnTwoMembersWritesWhatTranscribeHereWrites() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        PostgresServer server = postgres();
        Path library = Files.createDirectories(dir.resolve("talks"));
        SampleMedia.write(library.resolve("a-talk.flac"), SampleMedia.Format.FLAC, Duration.ofSeconds(3), Map.of());
        SampleMedia.write(library.resolve("e-talk.flac"), SampleMedia.Format.FLAC, Duration.ofSeconds(2), Map.of());
        Files.writeString(library.resolve("b-damaged.mp3"), "ID3 but nothing after it");
        TestMedia.make(library.resolve("c-no-audio.mkv"),
                List.of("-f", "lavfi", "-i", "testsrc=size=64x64:rate=5:duration=1", "-c:v", "mpeg4"));
        String catalog = server.url(server.newDatabase());
        String first = startWorker("talks", catalog, List.of());
        String second = startWorker("talks", catalog, List.of(first));
        try (FakeTranscriptionService speech = FakeTranscriptionService.start(0)) {
            MedleyProcess.Result onCluster = MedleyProcess.run("transcribe", library.toString(), "--engine", "remote",
                    "--endpoint", speech.endpoint().toString(), "--format", "srt,txt", "--json", "--cluster", "talks",
                    "--members", first + "," + second, "--catalog", catalog);
            assertThat(onCluster.exitCode()).as(onCluster.stderr()).isEqualTo(1);
            Map<String, String> statuses = onCluster.json().stream().collect(Collectors.toMap(
                    line -> Path.of(line.get("path").asText()).getFileName().toString(),
                    line -> line.get("status").asText(), (a, b) -> a + "," + b, TreeMap::new));
            assertThat(statuses).containsExactly(Map.entry("a-talk.flac", "transcribed"),
                    Map.entry("b-damaged.mp3", "failed"), Map.entry("c-no-audio.mkv", "skipped"),
                    Map.entry("e-talk.flac", "transcribed"));
            assertThat(Files.readString(library.resolve("a-talk.srt"))).startsWith("1\n00:00:0");
            assertThat(library.resolve("e-talk.txt")).isRegularFile();
            assertThat(library.resolve("a-talk.vtt")).doesNotExist(); // Only the formats asked for.
            assertThat(speech.requests()).isEqualTo(2);

            // Done is done, whichever machine asks: this machine, on the shared catalog, skips them all.
            MedleyProcess.Result again = MedleyProcess.run("transcribe", library.toString(), "--engine", "remote",
                    "--endpoint", speech.endpoint().toString(), "--format", "srt,txt", "--json", "--catalog", catalog);
            assertThat(again.json()).filteredOn(line -> line.get("path").asText().endsWith(".flac"))
                    .extracting(line -> line.get("status").asText()).containsOnly("skipped");
            assertThat(speech.requests()).isEqualTo(2);
        }
    }

    @Test
    void processOnTheClusterPlansOnceAppliesOnOneMemberAndUndoFromHereRestoresEveryByte() throws Exception {
        PostgresServer server = postgres();
        Path incoming = LibraryTrees.sampleIncoming(dir);
        Map<String, String> before = LibraryTrees.hashes(incoming);
        Path library = dir.resolve("library");
        String catalog = server.url(server.newDatabase());
        String first = startWorker("organise", catalog, List.of());
        String second = startWorker("organise", catalog, List.of(first));

        MedleyProcess.Result process = MedleyProcess.run("process", incoming.toString(), "--to", library.toString(),
                "--apply", "--cluster", "organise", "--members", first + "," + second, "--catalog", catalog);
        assertThat(process.exitCode()).as(process.stderr()).isEqualTo(1); // The damaged sample file, on purpose.
        assertThat(process.stdout()).contains("applied on member 127.0.0.1:", "Report", "undo it with: medley undo");
        Map<String, String> filed = LibraryTrees.hashes(library);
        assertThat(filed).isNotEmpty();
        // Every byte that left the incoming folder is in the library, once.
        Map<String, Long> left = new TreeMap<>();
        Map<String, String> after = LibraryTrees.hashes(incoming);
        before.forEach((name, hash) -> {
            if (!after.containsKey(name)) {
                left.merge(hash, 1L, Long::sum);
            }
        });
        Map<String, Long> arrived = new TreeMap<>();
        filed.values().forEach(hash -> arrived.merge(hash, 1L, Long::sum));
        assertThat(arrived).isEqualTo(left);

        MedleyProcess.Result undo = MedleyProcess.run("undo", "--last", "--catalog", catalog);
        assertThat(undo.exitCode()).as(undo.stderr()).isZero();
        assertThat(LibraryTrees.hashes(incoming)).isEqualTo(before);
        assertThat(LibraryTrees.hashes(library)).isEmpty();
    }

    @Test
    void anApplyWhoseMemberIsKilledIsFinishedByAnotherWithEveryOperationDoneOnce() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        PostgresServer server = postgres();
        Path incoming = Files.createDirectories(dir.resolve("incoming/TV"));
        Path episode = TestMedia.make(dir.resolve("episode.mkv"),
                List.of("-f", "lavfi", "-i", "testsrc=size=64x64:rate=5:duration=1", "-c:v", "mpeg4"));
        byte[] video = Files.readAllBytes(episode);
        java.util.Random random = new java.util.Random(7);
        int episodes = 240;
        for (int i = 0; i < episodes; i++) {
            // Sizes differ, so that no two are duplicates; the padding after the video is never read.
            byte[] padding = new byte[150_000 + i * 97];
            random.nextBytes(padding);
            Path file = incoming.resolve(String.format("Harbour Lights S%02dE%02d.mkv", 1 + i / 60, 1 + i % 60));
            Files.write(file, video);
            Files.write(file, padding, java.nio.file.StandardOpenOption.APPEND);
        }
        Map<String, String> before = LibraryTrees.hashes(dir.resolve("incoming"));
        Path library = dir.resolve("library");
        String database = server.newDatabase();
        String catalog = server.url(database);
        List<Member> members = new ArrayList<>();
        members.add(startMember("apply", catalog, List.of()));
        members.add(startMember("apply", catalog, List.of(members.getFirst().address())));
        members.add(startMember("apply", catalog, List.of(members.getFirst().address())));
        String reach = members.getFirst().address();

        Process process = MedleyProcess.builder(List.of(), "process", dir.resolve("incoming").toString(), "--to",
                        library.toString(), "--mode", "copy", "--apply", "--json", "--cluster", "apply", "--members", reach,
                        "--catalog", catalog)
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // Kill the member applying the plan once a random share of its operations is journaled.
        int killAt = 20 + random.nextInt(episodes / 2);
        Member killed = null;
        try (java.sql.Connection db = server.connect(database)) {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
            while (killed == null && System.nanoTime() < deadline && process.isAlive()) {
                String holder = scalar(db, "SELECT min(split_part(i.claimed_by, '/', 1)) FROM job_items i"
                        + " JOIN jobs j ON j.id = i.job_id WHERE j.kind = 'apply' AND i.state = 'claimed'");
                long journaled = Long.parseLong(scalar(db, "SELECT count(*) FROM journal"));
                if (holder != null && journaled >= killAt) {
                    for (Member member : members) {
                        if (member.uuid().equals(holder)) {
                            member.process().destroyForcibly(); // SIGKILL, mid-apply.
                            killed = member;
                        }
                    }
                }
                Thread.sleep(5);
            }
            assertThat(killed).as("a member was killed while it applied the plan").isNotNull();
            assertThat(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).isZero();
            // Apply runs of the one plan: the killed member's, and at least the one that finished it.
            assertThat(Long.parseLong(scalar(db, "SELECT count(*) FROM plan_applies"))).isGreaterThanOrEqualTo(2);
            assertThat(scalar(db, "SELECT count(*) FROM (SELECT plan_seq FROM journal WHERE state = 'done'"
                    + " GROUP BY plan_seq HAVING count(*) > 1) twice")).as("operations done twice").isEqualTo("0");
            assertThat(scalar(db, "SELECT count(*) FROM plan_items WHERE NOT skipped = 1 AND seq NOT IN"
                    + " (SELECT plan_seq FROM journal WHERE state = 'done')")).as("operations lost").isEqualTo("0");
        }
        Map<String, String> filed = LibraryTrees.hashes(library);
        assertThat(filed).hasSize(episodes);
        assertThat(new java.util.TreeSet<>(filed.values())).isEqualTo(new java.util.TreeSet<>(before.values()));
        assertThat(LibraryTrees.hashes(dir.resolve("incoming"))).isEqualTo(before); // Copied: the sources are as they were.

        // Undo each apply run of the plan, newest first: the run that finished it, then the killed member's.
        List<String> applies = new ArrayList<>();
        try (java.sql.Connection db = server.connect(database);
                java.sql.Statement statement = db.createStatement();
                java.sql.ResultSet row = statement.executeQuery("SELECT run_id FROM plan_applies ORDER BY run_id DESC")) {
            while (row.next()) {
                applies.add(row.getString(1));
            }
        }
        for (String run : applies) {
            MedleyProcess.Result undo = MedleyProcess.run("undo", run, "--catalog", catalog);
            assertThat(undo.exitCode()).as(undo.stderr()).isZero();
            if (run.equals(applies.getFirst())) {
                // Undoing the run that finished the plan names the one cut short, to undo too.
                assertThat(undo.stderr()).contains("medley undo " + applies.getLast());
            }
        }
        assertThat(LibraryTrees.hashes(library)).isEmpty();
        assertThat(LibraryTrees.hashes(dir.resolve("incoming"))).isEqualTo(before);
    }

    private static String scalar(java.sql.Connection db, String sql) throws java.sql.SQLException {
        try (java.sql.Statement statement = db.createStatement(); java.sql.ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

}
