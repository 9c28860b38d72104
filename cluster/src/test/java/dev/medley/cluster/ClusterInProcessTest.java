package dev.medley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.Catalogs;
import dev.medley.catalog.WorkQueue;
import dev.medley.catalog.sql.PostgresServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Two members in this JVM on a real PostgreSQL catalog: the plumbing of a job, fast; ClusterIT runs members apart. */
class ClusterInProcessTest {

    // Each test: a database of its own on the test run's PostgreSQL, and two free ports for members.
    private String location;
    private int first;
    private int second;
    private List<String> members;
    private final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.BeforeEach
    void freshDatabaseAndPorts() throws IOException {
        PostgresServer server = PostgresServer.shared().orElse(null);
        assumeTrue(server != null, PostgresServer::absence);
        location = server.url(server.newDatabase());
        first = freePort();
        second = freePort();
        members = List.of("127.0.0.1:" + first, "127.0.0.1:" + second);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aJobIsSplitAcrossMembersAndEveryFileIsFinishedOnceWithItsResultInTheCatalog() throws Exception {
        List<MedleyMember> started = new ArrayList<>();
        try (Catalog catalog = Catalogs.open(location)) {
            for (int port : new int[] {first, second}) {
                started.add(member("test", null, port));
            }
            assertThat(started.getFirst().clusterSize()).isEqualTo(2);
            ClusterSettings client = new ClusterSettings("test", null, null, 0, members, location, List.of(), null);
            List<String> files = IntStream.range(0, 120).mapToObj(i -> "/library/talk " + i + ".mp3").toList();
            Map<Long, String> outcomes = new ConcurrentHashMap<>();
            WorkQueue.Job done;
            try (ClusterClient cluster = ClusterClient.connect(client, catalog, Duration.ofSeconds(20))) {
                ClusterClient.Submission job = cluster.submit(SimulatedWork.NAME, SimulatedWork.spec(10, 1, 8),
                        files.iterator(), null, 8, 16);
                assertThat(job.files()).isEqualTo(120);
                done = cluster.follow(job.jobId(), outcome -> assertThat(outcomes.put(outcome.seq(), outcome.outcome()))
                        .as("reported once").isNull(), progress -> {}, Duration.ofMillis(50));
                assertThat(cluster.status(5).members()).hasSize(2);
            }
            assertThat(done.status()).isEqualTo(WorkQueue.Status.COMPLETED);
            assertThat(done.done()).isEqualTo(120);
            assertThat(outcomes).hasSize(120);
            // Both members worked: the lines name who did each file.
            assertThat(outcomes.values().stream().map(line -> line.replaceAll(".*\"member\":\"([^\"]+)\".*", "$1")).distinct())
                    .hasSize(2);
            for (String file : files) {
                assertThat(catalog.answer(SimulatedWork.resultKey(file))).as(file).isPresent();
            }
        } finally {
            started.forEach(MedleyMember::close);
        }
    }

    // A member of cluster `cluster` on `port`, joining through this test's two ports, on this test's database.
    private MedleyMember member(String cluster, String secret, int port) {
        ClusterSettings settings = new ClusterSettings(cluster, secret, null, port, members, location, List.of(),
                Duration.ofSeconds(30));
        return MedleyMember.start(settings, Catalogs.open(location), List.of(new SimulatedWork()), "test", events::add);
    }

    @Test
    void aMemberWithoutTheSecretIsNotLetIn() throws Exception {
        try (MedleyMember keeper = member("guarded", "right secret", first);
                MedleyMember stranger = member("guarded", "wrong secret", second)) {
            assertThat(keeper.clusterSize()).isEqualTo(1);
            assertThat(stranger.clusterSize()).isEqualTo(1);
            ClusterSettings client = new ClusterSettings("guarded", "wrong secret", null, 0, List.of(members.getFirst()),
                    location, List.of(), null);
            try (Catalog catalog = Catalogs.open(location)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> ClusterClient.connect(client, catalog, Duration.ofSeconds(3)).close())
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("MEDLEY_CLUSTER_SECRET")
                        .hasMessageNotContaining("secret=");
            }
        }
        assertThat(new ClusterSettings("guarded", "s3cr3t", null, 0, List.of(), location, List.of(), null).toString())
                .doesNotContain("s3cr3t");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClusterSettings("open", null, "0.0.0.0", 5701,
                List.of(), location, List.of(), null)).hasMessageContaining("MEDLEY_CLUSTER_SECRET");
    }

    @Test
    void aJobOutlivesItsSubmitterAndAMemberThatJoinsLateTakesWork() throws Exception {
        List<String> files = IntStream.range(0, 800).mapToObj(i -> "/library/lecture " + i + ".mp3").toList();
        ClusterSettings client = new ClusterSettings("late", null, null, 0, members, location, List.of(), null);
        try (Catalog catalog = Catalogs.open(location);
                MedleyMember early = member("late", null, first)) {
            long jobId;
            // The submitter lists the files, starts the job and goes away.
            try (ClusterClient submitter = ClusterClient.connect(client, catalog, Duration.ofSeconds(20))) {
                jobId = submitter.submit(SimulatedWork.NAME, SimulatedWork.spec(40, 5, 8), files.iterator(), null, 8, 40)
                        .jobId();
            }
            try (MedleyMember joined = member("late", null, second);
                    ClusterClient attached = ClusterClient.connect(client, catalog, Duration.ofSeconds(20))) {
                Map<Long, String> outcomes = new ConcurrentHashMap<>();
                WorkQueue.Job done = attached.follow(jobId, outcome -> outcomes.put(outcome.seq(), outcome.outcome()),
                        progress -> {}, Duration.ofMillis(50));
                assertThat(done.status()).isEqualTo(WorkQueue.Status.COMPLETED);
                assertThat(done.done()).isEqualTo(800);
                assertThat(outcomes).hasSize(800);
                assertThat(outcomes.values()).as("the member that joined late took files")
                        .anyMatch(line -> line.contains(joined.name()));
            }
        }
    }

    @Test
    void aRateLimitHoldsForAllMembersTogether() throws Exception {
        try (MedleyMember a = member("limits", null, first);
                MedleyMember b = member("limits", null, second)) {
            assertThat(a.clusterSize()).isEqualTo(2);
            // Ten a day: nothing refills during the test, so the budget is exactly ten, wherever it is spent.
            List<dev.medley.core.RateLimiter> limiters = new ArrayList<>();
            for (MedleyMember member : List.of(a, b, a, b)) {
                limiters.add(dev.medley.core.RateLimiter.builder().requestsPerDay(10)
                        .sharedIn(member.resources().sharedLimits(), "llm:https://api.example/v1").build());
            }
            int admitted = 0;
            for (int round = 0; round < 10; round++) {
                for (dev.medley.core.RateLimiter limiter : limiters) {
                    admitted += limiter.tryAcquire(0) ? 1 : 0;
                }
            }
            assertThat(admitted).isEqualTo(10);
            dev.medley.core.RateLimiter other = dev.medley.core.RateLimiter.builder().requestsPerDay(10)
                    .sharedIn(b.resources().sharedLimits(), "llm:https://other.example/v1").build();
            assertThat(other.tryAcquire(0)).as("another endpoint has a budget of its own").isTrue();
        }
    }
}
