package dev.medley.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;

class WorkQueueTest {
    private static final Duration LEASE = Duration.ofMinutes(1);
    // A lease that ran out before it began: what a dead member's claim looks like once its time is up.
    private static final Duration RUN_OUT = Duration.ofSeconds(-10);

    @TempDir Path dir;

    private static List<String> paths(int count) {
        return LongStream.range(0, count).mapToObj(i -> "/library/track " + i + ".flac").toList();
    }

    private static long listedJob(WorkQueue queue, String name, int items) {
        long job = queue.createJob(name, "probe", "{}", null);
        queue.addItems(job, 0, paths(items));
        queue.listed(job, items);
        return job;
    }

    @CatalogKinds.EachKind
    void membersClaimingAtOnceGetDifferentItemsAndEachItemIsFinishedOnce(CatalogFactory kind) throws Exception {
        String location = kind.newLocation(dir);
        int items = 300;
        try (Catalog catalog = Catalogs.open(location); WorkQueue queue = catalog.workQueue()) {
            long job = listedJob(queue, "job-1", items);
            Map<Long, String> finishedBy = new ConcurrentHashMap<>();
            AtomicInteger accepted = new AtomicInteger();
            ExecutorService members = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (int m = 0; m < 4; m++) {
                String member = "member-" + m;
                running.add(members.submit(() -> {
                    // A connection of each member's own, as each member process has.
                    try (Catalog own = Catalogs.open(location); WorkQueue mine = own.workQueue()) {
                        for (List<WorkQueue.Claim> claims = mine.claim(job, member, 7, LEASE); !claims.isEmpty();
                                claims = mine.claim(job, member, 7, LEASE)) {
                            assertThat(claims).as("no more than asked for").hasSizeLessThanOrEqualTo(7);
                            for (WorkQueue.Claim claim : claims) {
                                assertThat(finishedBy.putIfAbsent(claim.seq(), member)).isNull();
                                if (mine.complete(job, claim.seq(), member, true, "{\"seq\":" + claim.seq() + "}")) {
                                    accepted.incrementAndGet();
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> member : running) {
                member.get();
            }
            members.shutdown();
            assertThat(finishedBy).hasSize(items);
            assertThat(accepted).hasValue(items);
            assertThat(queue.finishIfDone(job)).isTrue();
            WorkQueue.Job done = queue.job(job).orElseThrow();
            assertThat(done.status()).isEqualTo(WorkQueue.Status.COMPLETED);
            assertThat(List.of(done.total(), done.done(), done.pending(), done.claimed(), done.failed(), done.takenOver()))
                    .containsExactly((long) items, (long) items, 0L, 0L, 0L, 0L);
        }
    }

    @CatalogKinds.EachKind
    void anItemWhoseLeaseRanOutIsTakenOverAndOnlyTheNewHolderCountsIt(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir)); WorkQueue queue = catalog.workQueue()) {
            long job = listedJob(queue, "job-1", 2);
            assertThat(queue.claim(job, "dead", 1, RUN_OUT)).extracting(WorkQueue.Claim::seq).containsExactly(0L);
            assertThat(queue.claim(job, "alive", 1, LEASE)).extracting(WorkQueue.Claim::seq).containsExactly(0L);
            List<WorkQueue.Claim> next = queue.claim(job, "alive", 5, LEASE);
            assertThat(next).extracting(WorkQueue.Claim::seq).containsExactly(1L);
            assertThat(next.getFirst().attempts()).isEqualTo(1);

            assertThat(queue.complete(job, 0, "dead", true, "late")).isFalse();
            assertThat(queue.complete(job, 0, "alive", true, "{}")).isTrue();
            assertThat(queue.complete(job, 0, "alive", true, "{}")).as("a second result of the same claim").isFalse();
            assertThat(queue.job(job).orElseThrow().takenOver()).isEqualTo(1);
            assertThat(queue.finishIfDone(job)).isFalse();
            queue.complete(job, 1, "alive", false, "{\"error\":\"damaged\"}");
            assertThat(queue.finishIfDone(job)).isTrue();
        }
    }

    @CatalogKinds.EachKind
    void aMembersLeasesAreRenewedAndItsItemsFreedAtOnceByItsPrefix(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir)); WorkQueue queue = catalog.workQueue()) {
            long job = listedJob(queue, "job-1", 4);
            assertThat(queue.claim(job, "a/1", 1, LEASE)).hasSize(1);
            assertThat(queue.claim(job, "a/2", 1, LEASE)).hasSize(1);
            assertThat(queue.claim(job, "ab_/1", 1, LEASE)).extracting(WorkQueue.Claim::seq).containsExactly(2L);
            assertThat(queue.renew("a/", LEASE)).isEqualTo(2);
            assertThat(queue.claim(job, "b/1", 5, LEASE)).extracting(WorkQueue.Claim::seq).containsExactly(3L);
            assertThat(queue.release("a/")).isEqualTo(2);
            assertThat(queue.claim(job, "b/1", 5, LEASE)).extracting(WorkQueue.Claim::seq).containsExactly(0L, 1L);
            assertThat(queue.renew("a/", LEASE)).isZero();
            assertThat(queue.release("ab_/")).as("a literal underscore").isEqualTo(1);
        }
    }

    @CatalogKinds.EachKind
    void aFileOneMemberCannotReadGoesToAnotherAndFailsOnceAllHaveRefusedIt(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir)); WorkQueue queue = catalog.workQueue()) {
            long job = listedJob(queue, "job-1", 1);
            queue.claim(job, "a", 1, LEASE);
            assertThat(queue.refuse(job, 0, "a", "not found at /mnt/a", 2)).isFalse();
            assertThat(queue.claim(job, "a", 1, LEASE)).as("not offered again to the member that refused it").isEmpty();
            assertThat(queue.claim(job, "b", 1, LEASE)).hasSize(1);
            assertThat(queue.refuse(job, 0, "b", "not found at /mnt/b", 2)).isTrue();
            assertThat(queue.finishIfDone(job)).isTrue();
            assertThat(queue.takeUnreported(job, 10)).containsExactly(
                    new WorkQueue.Outcome(0, "/library/track 0.flac", false, "not found at /mnt/b"));
        }
    }

    @CatalogKinds.EachKind
    void finishedItemsAreReportedOnceInListingOrder(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir)); WorkQueue queue = catalog.workQueue()) {
            long job = listedJob(queue, "job-1", 4);
            queue.claim(job, "a", 4, LEASE);
            queue.complete(job, 2, "a", true, "two");
            queue.complete(job, 0, "a", true, "zero");
            assertThat(queue.takeUnreported(job, 10)).extracting(WorkQueue.Outcome::outcome).containsExactly("zero", "two");
            assertThat(queue.takeUnreported(job, 10)).isEmpty();
            queue.complete(job, 1, "a", false, "one");
            assertThat(queue.takeUnreported(job, 10)).extracting(WorkQueue.Outcome::ok).containsExactly(false);
        }
    }

    @CatalogKinds.EachKind
    void onlyARunningJobIsClaimedAndNamesAreUnique(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir)); WorkQueue queue = catalog.workQueue()) {
            long job = queue.createJob("job-1", "probe", "{}", null);
            queue.addItems(job, 0, paths(2));
            assertThat(queue.claim(job, "a", 5, LEASE)).as("still being listed").isEmpty();
            queue.listed(job, 2);
            assertThat(queue.claim(job, "a", 1, LEASE)).hasSize(1);
            queue.cancel(job);
            assertThat(queue.claim(job, "a", 5, LEASE)).isEmpty();
            assertThat(queue.job("job-1").orElseThrow().status()).isEqualTo(WorkQueue.Status.CANCELLED);
            assertThatThrownBy(() -> queue.createJob("job-1", "probe", "{}", null)).isInstanceOf(CatalogException.class);
            assertThat(queue.jobs(10)).extracting(WorkQueue.Job::name).containsExactly("job-1");
        }
    }
}
