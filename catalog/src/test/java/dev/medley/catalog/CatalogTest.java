package dev.medley.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** What every kind of catalog does, run against each ({@link CatalogKinds}). */
class CatalogTest {
    @TempDir Path dir;

    @CatalogKinds.EachKind
    void recordsFilesProbesAndRunsAndKeepsThemWhenReopened(CatalogFactory kind) {
        String location = kind.newLocation(dir);
        try (Catalog catalog = Catalogs.open(location)) {
            long run = catalog.startRun("probe", "/music");
            try (CatalogWriter writer = catalog.writer(run)) {
                writer.upsertFile(new FileState("/music/a.mp3", 10, 100, "fp"));
                writer.saveProbe(new ProbeRecord("/music/a.mp3", 10, 100, true, null, "ffmpeg", "{\"x\":1}"));
            }
            KnownFile known = catalog.lookup("/music/a.mp3").orElseThrow();
            assertThat(known.size()).isEqualTo(10);
            assertThat(known.fingerprint()).isEqualTo("fp");
            assertThat(known.probeIsCurrent(10, 100)).isTrue();
            assertThat(known.probeIsCurrent(11, 100)).isFalse();
            assertThat(known.probe().resultJson()).isEqualTo("{\"x\":1}");
            assertThat(catalog.lookup("/music/b.mp3")).isEmpty();
            catalog.finishRun(run, RunRecord.Status.COMPLETED, new RunRecord.Counts(1, 1, 0, 0));
        }
        try (Catalog reopened = Catalogs.open(location)) {
            assertThat(reopened.runs(10)).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(RunRecord.Status.COMPLETED);
                assertThat(r.ok()).isEqualTo(1);
            });
            assertThat(reopened.lookup("/music/a.mp3")).isPresent();
            assertThat(reopened.integrityCheck()).isEqualTo("ok");
        }
    }

    @CatalogKinds.EachKind
    void recordsTranscripts(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir))) {
            try (CatalogWriter writer = catalog.writer(catalog.startRun("transcribe", ""))) {
                writer.upsertFile(new FileState("/talk.mp3", 5, 7, null));
                writer.saveTranscript(new TranscriptRecord("/talk.mp3", 5, 7, true, null, "sphinx", "en-us",
                        List.of("/talk.txt", "/talk.srt"), 61.5, 20.25));
            }
            TranscriptRecord saved = catalog.transcript("/talk.mp3").orElseThrow();
            assertThat(saved.outputs()).containsExactly("/talk.txt", "/talk.srt");
            assertThat(saved.isCurrent(5, 7)).isTrue();
            assertThat(saved.audioSeconds()).isEqualTo(61.5);
            assertThat(catalog.transcript("/other.mp3")).isEmpty();
        }
    }

    @CatalogKinds.EachKind
    void identitiesAreSavedAndReadBackWithTheFileAndItsProbe(CatalogFactory kind) {
        String location = kind.newLocation(dir);
        String fields = "{\"show\":{\"value\":\"Show\",\"source\":\"name\"},\"season\":{\"value\":1,\"source\":\"folder\"}}";
        try (Catalog catalog = Catalogs.open(location)) {
            try (CatalogWriter writer = catalog.writer(catalog.startRun("identify", ""))) {
                writer.upsertFile(new FileState("/tv/a.mkv", 10, 100, null));
                writer.upsertFile(new FileState("/tv/b.mkv", 20, 200, null));
                writer.saveProbe(new ProbeRecord("/tv/a.mkv", 10, 100, true, null, "ffmpeg", "{}"));
                writer.saveIdentity(new IdentityRecord("/tv/a.mkv", 10, 100, "parser-3", "episode", 0.75, fields));
            }
            KnownFile a = catalog.lookup("/tv/a.mkv").orElseThrow();
            assertThat(a.probeIsCurrent(10, 100)).isTrue();
            assertThat(a.identity()).isEqualTo(new IdentityRecord("/tv/a.mkv", 10, 100, "parser-3", "episode", 0.75, fields));
            assertThat(a.identityIsCurrent(10, 100, "parser-3")).isTrue();
            assertThat(a.identity().isCurrent(10, 101, "parser-3")).as("the file changed").isFalse();
            assertThat(a.identity().isCurrent(11, 100, "parser-3")).as("the file changed").isFalse();
            assertThat(a.identity().isCurrent(10, 100, "parser-4")).as("a new parser").isFalse();
            KnownFile b = catalog.lookup("/tv/b.mkv").orElseThrow();
            assertThat(b.identity()).isNull();
            assertThat(b.identityIsCurrent(20, 200, "parser-3")).isFalse();

            // Identified again: the newer identity replaces the older.
            try (CatalogWriter writer = catalog.writer(catalog.startRun("identify", ""))) {
                writer.upsertFile(new FileState("/tv/a.mkv", 10, 150, null));
                writer.saveIdentity(new IdentityRecord("/tv/a.mkv", 10, 150, "parser-4", "movie", 0.5, "{}"));
            }
        }
        try (Catalog catalog = Catalogs.open(location)) {
            KnownFile a = catalog.lookup("/tv/a.mkv").orElseThrow();
            assertThat(a.identity()).isEqualTo(new IdentityRecord("/tv/a.mkv", 10, 150, "parser-4", "movie", 0.5, "{}"));
            assertThat(a.probeIsCurrent(10, 150)).as("the probe was of the file before it changed").isFalse();
        }
    }

    @CatalogKinds.EachKind
    void changedFileLosesItsOldFingerprintButKeepsItWhenUnchanged(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir))) {
            try (CatalogWriter writer = catalog.writer(catalog.startRun("scan", ""))) {
                writer.upsertFile(new FileState("/a", 1, 1, "old"));
                writer.upsertFile(new FileState("/b", 1, 1, "old"));
            }
            try (CatalogWriter writer = catalog.writer(catalog.startRun("scan", ""))) {
                writer.upsertFile(new FileState("/a", 1, 1, null));
                writer.upsertFile(new FileState("/b", 2, 1, null));
            }
            assertThat(catalog.lookup("/a").orElseThrow().fingerprint()).isEqualTo("old");
            assertThat(catalog.lookup("/b").orElseThrow().fingerprint()).isNull();
        }
    }

    @CatalogKinds.EachKind
    void marksUnseenFilesBelowTheRootsMissingButNotBelowUnreadableFolders(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir))) {
            long first = catalog.startRun("scan", "");
            try (CatalogWriter writer = catalog.writer(first)) {
                for (String p : List.of("/lib/a", "/lib/sub/b", "/lib/locked/c", "/library/d", "/other/e")) {
                    writer.upsertFile(new FileState(p, 1, 1, null));
                }
            }
            long second = catalog.startRun("scan", "");
            try (CatalogWriter writer = catalog.writer(second)) {
                writer.upsertFile(new FileState("/lib/a", 1, 1, null));
            }
            int missing = catalog.markMissing(second, List.of(Path.of("/lib")), List.of(Path.of("/lib/locked")));
            assertThat(missing).isEqualTo(1);
            assertThat(catalog.lookup("/lib/sub/b").orElseThrow().missing()).isTrue();
            assertThat(catalog.lookup("/lib/locked/c").orElseThrow().missing()).isFalse();
            assertThat(catalog.lookup("/library/d").orElseThrow().missing()).isFalse();
            assertThat(catalog.lookup("/other/e").orElseThrow().missing()).isFalse();
            assertThat(catalog.fileCounts()).containsExactly(4, 1, 0);
        }
    }

    @CatalogKinds.EachKind
    void aFileMarkedSeenByItsIdIsNotMissingAndKeepsWhatWasKnown(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir))) {
            try (CatalogWriter writer = catalog.writer(catalog.startRun("scan", ""))) {
                writer.upsertFile(new FileState("/lib/kept", 3, 30, "fp"));
                writer.upsertFile(new FileState("/lib/gone", 4, 40, "fp"));
            }
            long second = catalog.startRun("scan", "");
            try (CatalogWriter writer = catalog.writer(second)) {
                writer.markSeen(catalog.lookup("/lib/kept").orElseThrow().id());
            }
            assertThat(catalog.markMissing(second, List.of(Path.of("/lib")), List.of())).isEqualTo(1);
            KnownFile kept = catalog.lookup("/lib/kept").orElseThrow();
            assertThat(kept.missing()).isFalse();
            assertThat(List.of(kept.size(), kept.mtimeNanos())).containsExactly(3L, 30L);
            assertThat(kept.fingerprint()).isEqualTo("fp");
            assertThat(catalog.lookup("/lib/gone").orElseThrow().missing()).isTrue();
        }
    }

    @CatalogKinds.EachKind
    void keepsAnswersByKeyAcrossReopeningAndReplacesThem(CatalogFactory kind) {
        String location = kind.newLocation(dir);
        try (Catalog catalog = Catalogs.open(location)) {
            assertThat(catalog.answer("k1")).isEmpty();
            catalog.saveAnswer("k1", "{\"title\":\"first\"}");
            catalog.saveAnswer("k1", "{\"title\":\"second\"}");
            catalog.saveAnswer("k2", "{}");
        }
        try (Catalog catalog = Catalogs.open(location)) {
            assertThat(catalog.answer("k1")).contains("{\"title\":\"second\"}");
            assertThat(catalog.answer("k2")).contains("{}");
        }
    }

    @CatalogKinds.EachKind
    void keepsRemoteBatchesOpenUntilClosedByEndpoint(CatalogFactory kind) {
        String location = kind.newLocation(dir);
        try (Catalog catalog = Catalogs.open(location)) {
            catalog.saveRemoteBatch(new RemoteBatch("batch_2", "http://a/v1", "{\"r1\":[]}", 20));
            catalog.saveRemoteBatch(new RemoteBatch("batch_1", "http://a/v1", "{}", 10));
            catalog.saveRemoteBatch(new RemoteBatch("batch_3", "http://b/v1", "{}", 5));
        }
        try (Catalog catalog = Catalogs.open(location)) {
            assertThat(catalog.openRemoteBatches("http://a/v1")).extracting(RemoteBatch::id).containsExactly("batch_1", "batch_2");
            catalog.closeRemoteBatch("batch_1");
            assertThat(catalog.openRemoteBatches("http://a/v1")).singleElement()
                    .isEqualTo(new RemoteBatch("batch_2", "http://a/v1", "{\"r1\":[]}", 20));
        }
    }

    @CatalogKinds.EachKind
    void runLeftRunningByADeadProcessIsMarkedInterrupted(CatalogFactory kind) {
        String location = kind.newLocation(dir);
        long run;
        try (Catalog catalog = Catalogs.open(location)) {
            run = catalog.startRun("probe", "");
        }
        kind.forgetProcess(location, run);
        try (Catalog catalog = Catalogs.open(location)) {
            assertThat(catalog.run(run).orElseThrow().status()).isEqualTo(RunRecord.Status.INTERRUPTED);
        }
    }

    @CatalogKinds.EachKind
    void aRunOnAnotherMachineIsAliveWhileItsHeartbeatIsRecent(CatalogFactory kind) {
        String location = kind.newLocation(dir);
        long beating;
        long silent;
        try (Catalog catalog = Catalogs.open(location)) {
            beating = catalog.startRun("transcribe", "");
            silent = catalog.startRun("transcribe", "");
        }
        // Their pid is this live process's: on another machine, that says nothing; the heartbeat does.
        kind.moveToAnotherHost(location, beating, 5_000);
        kind.moveToAnotherHost(location, silent, Duration.ofMinutes(10).toMillis());
        try (Catalog catalog = Catalogs.open(location)) {
            assertThat(catalog.run(beating).orElseThrow().status()).isEqualTo(RunRecord.Status.RUNNING);
            assertThat(catalog.run(silent).orElseThrow().status()).isEqualTo(RunRecord.Status.INTERRUPTED);
        }
    }

    @CatalogKinds.EachKind
    void anOpenWriterBetweenBatchesLetsPlansAndJournalsWrite(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir))) {
            long run = catalog.startRun("process", "");
            try (CatalogWriter writer = catalog.writer(run)) {
                writer.upsertFile(new FileState("/in/a.mkv", 1, 2, null));
                writer.flush(); // Committed; the writer stays open for the next batch, as during a run.
                try (Plans plans = catalog.plans()) {
                    plans.create(new PlanInfo(run, "/library", "move", null, "skip", List.of("/in"), Instant.now()));
                    plans.flush();
                }
                writer.upsertFile(new FileState("/in/b.mkv", 1, 2, null));
            }
            assertThat(catalog.lookup("/in/b.mkv")).isPresent();
            try (Plans plans = catalog.plans()) {
                assertThat(plans.find(run)).isPresent();
            }
        }
    }

    @CatalogKinds.EachKind
    void aPlanIsAppliedByOneMedleyAtATime(CatalogFactory kind) {
        String location = kind.newLocation(dir);
        try (Catalog catalog = Catalogs.open(location)) {
            long plan = catalog.startRun("organize", "");
            try (Plans plans = catalog.plans()) {
                plans.create(new PlanInfo(plan, "/library", "move", null, "skip", List.of("/incoming"), Instant.now()));
            }
            long first = catalog.startApply(plan);
            // This process is alive and started before the run: another medley holding the plan, as far as the catalog knows.
            assertThatThrownBy(() -> catalog.startApply(plan)).isInstanceOf(CatalogException.class)
                    .hasMessageContaining("plan " + plan + " is being applied by another medley (pid "
                            + ProcessHandle.current().pid() + ", apply run " + first + ")");
            catalog.finishRun(first, RunRecord.Status.COMPLETED, new RunRecord.Counts(0, 0, 0, 0));
            long second = catalog.startApply(plan);
            // A run left running by a process that is gone holds nothing.
            kind.forgetProcess(location, second);
            long third = catalog.startApply(plan);
            assertThat(catalog.applies(plan)).extracting(RunRecord::id).containsExactly(third, second, first);
            assertThat(catalog.applies(plan)).extracting(RunRecord::arguments).containsOnly("--plan " + plan);
        }
    }

    @CatalogKinds.EachKind
    void theJournalCountsThePlanItemsDoneAndTellsAnApplyThatWasUndone(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir)); Journal journal = catalog.journal()) {
            long plan = catalog.startRun("organize", "");
            long apply = catalog.startRun("apply", "");
            for (long item = 0; item < 4; item++) {
                journal.begin(new Journal.Entry(apply, item, plan, item, "move", "/in/" + item, "/lib/" + item, null, 1, 1,
                        null, Journal.State.STARTED, null));
                journal.advance(apply, item, item == 3 ? Journal.State.FAILED : Journal.State.DONE, null, null);
            }
            long again = catalog.startRun("apply", ""); // Item 1 done twice counts once.
            journal.begin(new Journal.Entry(again, 0, plan, 1, "move", "/in/1", "/lib/1", null, 1, 1, null,
                    Journal.State.DONE, null));
            assertThat(journal.doneItemCount(plan)).isEqualTo(journal.doneItems(plan).size()).isEqualTo(3);
            assertThat(journal.anyUndone(apply)).isFalse();
            assertThat(journal.counts(apply)[Journal.State.DONE.ordinal()]).isEqualTo(3);
            assertThat(journal.counts(apply)[Journal.State.FAILED.ordinal()]).isEqualTo(1);

            long undo = catalog.startRun("undo", String.valueOf(apply));
            journal.markUndone(plan, 0, undo);
            assertThat(journal.anyUndone(apply)).isTrue();
            assertThat(journal.doneItemCount(plan)).isEqualTo(journal.doneItems(plan).size()).isEqualTo(2);
        }
    }

    @CatalogKinds.EachKind
    void quarantineRecordsAreKeptPerFileAndASuspectCanBeCleared(CatalogFactory kind) {
        String location = kind.newLocation(dir);
        try (Catalog catalog = Catalogs.open(location)) {
            assertThat(catalog.quarantined("/a.mkv")).isEmpty();
            catalog.quarantine(new QuarantineRecord("/a.mkv", 10, 20, false, "probe", "was being read"));
            catalog.quarantine(new QuarantineRecord("/b.mkv", 30, 40, true, "transcribe", "crashed"));
        }
        try (Catalog catalog = Catalogs.open(location)) {
            assertThat(catalog.quarantined("/a.mkv")).hasValueSatisfying(q -> {
                assertThat(q.quarantined()).isFalse();
                assertThat(q.isCurrent(10, 20)).isTrue();
                assertThat(q.isCurrent(11, 20)).isFalse();
            });
            catalog.clearSuspect("/a.mkv");
            catalog.clearSuspect("/b.mkv"); // Quarantined, not a suspect: stays.
            assertThat(catalog.quarantined("/a.mkv")).isEmpty();
            assertThat(catalog.quarantined("/b.mkv")).hasValueSatisfying(q -> assertThat(q.reason()).isEqualTo("crashed"));
            // A suspect that crashes again becomes quarantined.
            catalog.quarantine(new QuarantineRecord("/b.mkv", 31, 40, true, "probe", "again"));
            assertThat(catalog.quarantined("/b.mkv")).hasValueSatisfying(q -> assertThat(q.size()).isEqualTo(31));
        }
    }

    @CatalogKinds.EachKind
    void eachCatalogHasAStateFolderPerPurpose(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir))) {
            assertThat(catalog.stateFolder("inflight")).isAbsolute().isEqualTo(catalog.stateFolder("inflight"))
                    .isNotEqualTo(catalog.stateFolder("other"));
        }
    }
}
