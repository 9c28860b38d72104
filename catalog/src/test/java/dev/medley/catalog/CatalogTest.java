package dev.medley.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
    @TempDir Path dir;

    @Test
    void createsSchemaAndRecordsFilesAndProbes() {
        Path db = dir.resolve("nested/catalog.db");
        try (Catalog catalog = Catalog.open(db)) {
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
        try (Catalog reopened = Catalog.open(db)) {
            assertThat(reopened.runs(10)).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(RunRecord.Status.COMPLETED);
                assertThat(r.ok()).isEqualTo(1);
            });
            assertThat(reopened.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void recordsTranscriptsAndUpgradesAVersionOneCatalog() throws Exception {
        Path db = dir.resolve("c.db");
        try (Catalog catalog = Catalog.open(db)) {
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
        // A catalog made before transcripts existed gains the table on open, keeping its files.
        try (var connection = Catalog.connect(db); var statement = connection.createStatement()) {
            statement.execute("DROP TABLE identities");
            statement.execute("DROP TABLE plan_applies");
            statement.execute("DROP TABLE quarantine");
            statement.execute("DROP TABLE transcripts");
            statement.execute("DROP TABLE plan_contents");
            statement.execute("DROP TABLE plan_folders");
            statement.execute("DROP TABLE plan_names");
            statement.execute("DROP TABLE journal");
            statement.execute("DROP TABLE plan_items");
            statement.execute("DROP TABLE plans");
            statement.execute("DELETE FROM flyway_schema_history WHERE version IN ('2', '3', '4', '5', '6', '7')");
        }
        try (Catalog catalog = Catalog.open(db)) {
            assertThat(catalog.lookup("/talk.mp3")).isPresent();
            assertThat(catalog.transcript("/talk.mp3")).isEmpty();
            try (Journal journal = catalog.journal()) {
                assertThat(journal.interrupted()).isEmpty(); // The organiser's tables are back too.
            }
        }
    }

    @Test
    void identitiesAreSavedAndReadBackWithTheFileAndItsProbe() {
        Path db = dir.resolve("c.db");
        String fields = "{\"show\":{\"value\":\"Show\",\"source\":\"name\"},\"season\":{\"value\":1,\"source\":\"folder\"}}";
        try (Catalog catalog = Catalog.open(db)) {
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
            assertThat(catalog.lookup("/tv/b.mkv").orElseThrow().identity()).isNull();
            assertThat(catalog.lookup("/tv/b.mkv").orElseThrow().identityIsCurrent(20, 200, "parser-3")).isFalse();

            // Identified again: the newer identity replaces the older.
            try (CatalogWriter writer = catalog.writer(catalog.startRun("identify", ""))) {
                writer.upsertFile(new FileState("/tv/a.mkv", 10, 150, null));
                writer.saveIdentity(new IdentityRecord("/tv/a.mkv", 10, 150, "parser-4", "movie", 0.5, "{}"));
            }
        }
        try (Catalog catalog = Catalog.open(db)) {
            KnownFile a = catalog.lookup("/tv/a.mkv").orElseThrow();
            assertThat(a.identity()).isEqualTo(new IdentityRecord("/tv/a.mkv", 10, 150, "parser-4", "movie", 0.5, "{}"));
            assertThat(a.probeIsCurrent(10, 150)).as("the probe was of the file before it changed").isFalse();
        }
    }

    @Test
    void aVersionSixCatalogGainsIdentitiesKeepingItsFiles() throws Exception {
        Path db = dir.resolve("c.db");
        try (Catalog catalog = Catalog.open(db)) {
            try (CatalogWriter writer = catalog.writer(catalog.startRun("scan", ""))) {
                writer.upsertFile(new FileState("/a.mkv", 1, 2, null));
            }
        }
        try (var connection = Catalog.connect(db); var statement = connection.createStatement()) {
            statement.execute("DROP TABLE identities");
            statement.execute("DELETE FROM flyway_schema_history WHERE version = '7'");
        }
        try (Catalog catalog = Catalog.open(db)) {
            assertThat(catalog.lookup("/a.mkv").orElseThrow().identity()).isNull();
            try (CatalogWriter writer = catalog.writer(catalog.startRun("identify", ""))) {
                writer.saveIdentity(new IdentityRecord("/a.mkv", 1, 2, "1", "movie", 1, "{}"));
            }
            assertThat(catalog.lookup("/a.mkv").orElseThrow().identityIsCurrent(1, 2, "1")).isTrue();
        }
    }

    @Test
    void changedFileLosesItsOldFingerprintButKeepsItWhenUnchanged() {
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
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

    @Test
    void marksUnseenFilesBelowTheRootsMissingButNotBelowUnreadableFolders() {
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
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

    @Test
    void runLeftRunningByADeadProcessIsMarkedInterrupted() throws Exception {
        Path db = dir.resolve("c.db");
        try (Catalog catalog = Catalog.open(db)) {
            catalog.startRun("probe", "");
        }
        // Pretend the run belonged to a process that no longer exists.
        try (var connection = Catalog.connect(db); var statement = connection.createStatement()) {
            statement.execute("UPDATE runs SET pid = 2147483646");
        }
        try (Catalog catalog = Catalog.open(db)) {
            assertThat(catalog.runs(1).getFirst().status()).isEqualTo(RunRecord.Status.INTERRUPTED);
        }
    }

    @Test
    void aPlanIsAppliedByOneMedleyAtATime() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            long plan = catalog.startRun("organize", "");
            try (Plans plans = catalog.plans()) {
                plans.create(new PlanInfo(plan, "/library", "move", null, "skip", List.of("/incoming"), java.time.Instant.now()));
            }
            long first = catalog.startApply(plan);
            // This process is alive and started before the run: another medley holding the plan, as far as the catalog knows.
            assertThatThrownBy(() -> catalog.startApply(plan)).isInstanceOf(CatalogException.class)
                    .hasMessageContaining("plan " + plan + " is being applied by another medley (pid "
                            + ProcessHandle.current().pid() + ", apply run " + first + ")");
            catalog.finishRun(first, RunRecord.Status.COMPLETED, new RunRecord.Counts(0, 0, 0, 0));
            long second = catalog.startApply(plan);
            // A run left running by a process that is gone holds nothing.
            try (var connection = Catalog.connect(dir.resolve("c.db")); var statement = connection.createStatement()) {
                statement.execute("UPDATE runs SET pid = 2147483646 WHERE id = " + second);
            }
            long third = catalog.startApply(plan);
            assertThat(catalog.applies(plan)).extracting(RunRecord::id).containsExactly(third, second, first);
            assertThat(catalog.applies(plan)).extracting(RunRecord::arguments).containsOnly("--plan " + plan);
        }
    }

    @Test
    void theJournalCountsThePlanItemsDoneAndTellsAnApplyThatWasUndone() {
        try (Catalog catalog = Catalog.open(dir.resolve("c.db")); Journal journal = catalog.journal()) {
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

            long undo = catalog.startRun("undo", String.valueOf(apply));
            journal.markUndone(plan, 0, undo);
            assertThat(journal.anyUndone(apply)).isTrue();
            assertThat(journal.doneItemCount(plan)).isEqualTo(journal.doneItems(plan).size()).isEqualTo(2);
        }
    }

    @Test
    void applyRunsRecordedBeforePlanAppliesExistedAreLinkedToTheirPlans() throws Exception {
        Path db = dir.resolve("c.db");
        long plan;
        long apply;
        try (Catalog catalog = Catalog.open(db)) {
            plan = catalog.startRun("organize", "");
            try (Plans plans = catalog.plans()) {
                plans.create(new PlanInfo(plan, "/library", "move", null, "skip", List.of("/incoming"), java.time.Instant.now()));
            }
            apply = catalog.startRun("apply", "--plan " + plan); // As applies were recorded before.
            catalog.startRun("apply", "--plan 999"); // A plan that is gone.
        }
        try (var connection = Catalog.connect(db); var statement = connection.createStatement()) {
            statement.execute("DROP TABLE identities");
            statement.execute("DROP TABLE plan_applies");
            statement.execute("DELETE FROM flyway_schema_history WHERE version IN ('6', '7')");
        }
        try (Catalog catalog = Catalog.open(db)) {
            assertThat(catalog.applies(plan)).extracting(RunRecord::id).containsExactly(apply);
        }
    }

    @Test
    void pathKeysRoundTripNamesThatAreNotUtf8() throws Exception {
        Path unicode = Files.createFile(dir.resolve("Café – 東京 🎵.mp3"));
        assertThat(PathKey.of(unicode)).startsWith("/").endsWith("🎵.mp3");
        assertThat(PathKey.toPath(PathKey.of(unicode))).isEqualTo(unicode);

        // A Latin-1 byte (0xE9) on its own is not UTF-8. Create it through a URI, which carries raw bytes.
        Path latin1 = Path.of(java.net.URI.create(dir.toUri() + "caf%E9.mp3"));
        Files.writeString(latin1, "x");
        String key = PathKey.of(latin1);
        assertThat(key).startsWith("file:").contains("caf%E9.mp3");
        assertThat(Files.readString(PathKey.toPath(key), StandardCharsets.UTF_8)).isEqualTo("x");
        assertThat(PathKey.display(key)).endsWith("caf\\xe9.mp3"); // Escaped: never U+FFFD, which would make two names one.
    }

    @Test
    void quarantineRecordsAreKeptPerFileAndASuspectCanBeCleared() throws Exception {
        Path db = dir.resolve("q.db");
        try (Catalog catalog = Catalog.open(db)) {
            assertThat(catalog.quarantined("/a.mkv")).isEmpty();
            catalog.quarantine(new QuarantineRecord("/a.mkv", 10, 20, false, "probe", "was being read"));
            catalog.quarantine(new QuarantineRecord("/b.mkv", 30, 40, true, "transcribe", "crashed"));
        }
        try (Catalog catalog = Catalog.open(db)) {
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
}
