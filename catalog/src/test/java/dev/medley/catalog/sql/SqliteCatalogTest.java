package dev.medley.catalog.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.FileState;
import dev.medley.catalog.IdentityRecord;
import dev.medley.catalog.Journal;
import dev.medley.catalog.PlanInfo;
import dev.medley.catalog.Plans;
import dev.medley.catalog.RunRecord;
import dev.medley.catalog.TranscriptRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the catalog file does: its folder, and bringing catalogs made by older versions up to date. */
class SqliteCatalogTest {
    @TempDir Path dir;

    // Takes the catalog back to an older version: drops the tables of later migrations, newest first.
    private static void downgrade(Path db, String... sqls) throws Exception {
        try (Connection connection = SqliteDatabase.connect(db); Statement statement = connection.createStatement()) {
            for (String sql : sqls) {
                statement.execute(sql);
            }
        }
    }

    @Test
    void createsTheFileAndItsFoldersAndKeepsStateBesideIt() {
        Path db = dir.resolve("nested/catalog.db");
        try (SqlCatalog catalog = SqlCatalog.open(db)) {
            assertThat(((SqliteDatabase) catalog.database()).file()).isEqualTo(db).isRegularFile();
            // Where crash records have always been: catalog.db.inflight beside catalog.db.
            assertThat(catalog.stateFolder("inflight")).isEqualTo(dir.resolve("nested/catalog.db.inflight"));
        }
    }

    @Test
    void aVersionOneCatalogGainsTheLaterTablesKeepingItsFiles() throws Exception {
        Path db = dir.resolve("c.db");
        try (SqlCatalog catalog = SqlCatalog.open(db)) {
            try (CatalogWriter writer = catalog.writer(catalog.startRun("transcribe", ""))) {
                writer.upsertFile(new FileState("/talk.mp3", 5, 7, null));
                writer.saveTranscript(new TranscriptRecord("/talk.mp3", 5, 7, true, null, "sphinx", "en-us",
                        List.of("/talk.txt"), 61.5, 20.25));
            }
        }
        downgrade(db, "DROP TABLE job_items", "DROP TABLE jobs", "ALTER TABLE runs DROP COLUMN host", "ALTER TABLE runs DROP COLUMN heartbeat_at", "DROP TABLE remote_batches", "DROP TABLE answers", "DROP TABLE identities", "DROP TABLE plan_applies", "DROP TABLE quarantine",
                "DROP TABLE transcripts", "DROP TABLE plan_contents", "DROP TABLE plan_folders", "DROP TABLE plan_names",
                "DROP TABLE journal", "DROP TABLE plan_items", "DROP TABLE plans",
                "DELETE FROM flyway_schema_history WHERE version IN ('2', '3', '4', '5', '6', '7', '8', '9', '10', '11')");
        try (SqlCatalog catalog = SqlCatalog.open(db)) {
            assertThat(catalog.lookup("/talk.mp3")).isPresent();
            assertThat(catalog.transcript("/talk.mp3")).isEmpty();
            try (Journal journal = catalog.journal()) {
                assertThat(journal.interrupted()).isEmpty(); // The organiser's tables are back too.
            }
            assertThat(catalog.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void aVersionSixCatalogGainsIdentitiesKeepingItsFiles() throws Exception {
        Path db = dir.resolve("c.db");
        try (SqlCatalog catalog = SqlCatalog.open(db)) {
            try (CatalogWriter writer = catalog.writer(catalog.startRun("scan", ""))) {
                writer.upsertFile(new FileState("/a.mkv", 1, 2, null));
            }
        }
        downgrade(db, "DROP TABLE job_items", "DROP TABLE jobs", "ALTER TABLE runs DROP COLUMN host", "ALTER TABLE runs DROP COLUMN heartbeat_at", "DROP TABLE remote_batches", "DROP TABLE answers", "DROP TABLE identities",
                "DELETE FROM flyway_schema_history WHERE version IN ('7', '8', '9', '10', '11')");
        try (SqlCatalog catalog = SqlCatalog.open(db)) {
            assertThat(catalog.lookup("/a.mkv").orElseThrow().identity()).isNull();
            try (CatalogWriter writer = catalog.writer(catalog.startRun("identify", ""))) {
                writer.saveIdentity(new IdentityRecord("/a.mkv", 1, 2, "1", "movie", 1, "{}"));
            }
            assertThat(catalog.lookup("/a.mkv").orElseThrow().identityIsCurrent(1, 2, "1")).isTrue();
        }
    }

    @Test
    void applyRunsRecordedBeforePlanAppliesExistedAreLinkedToTheirPlans() throws Exception {
        Path db = dir.resolve("c.db");
        long plan;
        long apply;
        try (SqlCatalog catalog = SqlCatalog.open(db)) {
            plan = catalog.startRun("organize", "");
            try (Plans plans = catalog.plans()) {
                plans.create(new PlanInfo(plan, "/library", "move", null, "skip", List.of("/incoming"), Instant.now()));
            }
            apply = catalog.startRun("apply", "--plan " + plan); // As applies were recorded before.
            catalog.startRun("apply", "--plan 999"); // A plan that is gone.
        }
        downgrade(db, "DROP TABLE job_items", "DROP TABLE jobs", "ALTER TABLE runs DROP COLUMN host", "ALTER TABLE runs DROP COLUMN heartbeat_at", "DROP TABLE remote_batches", "DROP TABLE answers", "DROP TABLE identities", "DROP TABLE plan_applies",
                "DELETE FROM flyway_schema_history WHERE version IN ('6', '7', '8', '9', '10', '11')");
        try (SqlCatalog catalog = SqlCatalog.open(db)) {
            assertThat(catalog.applies(plan)).extracting(RunRecord::id).containsExactly(apply);
        }
    }
}
