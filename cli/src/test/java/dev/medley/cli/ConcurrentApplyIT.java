package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two applies of one plan ran at once, and one of them failed hundreds of moves while a report said
 * "failures: []". With two real processes: the second is refused up front, saying which process
 * applies the plan, and the first finishes the plan alone.
 *
 * <p>The first is held mid-apply without timing: its standard output is a pipe nobody reads until
 * the second has run, and the plan lists far more than a pipe and Medley's buffer hold, so it
 * cannot finish before then.
 */
class ConcurrentApplyIT {
    private static final int SIDECARS = 1500;

    @TempDir Path dir;

    @Test
    void aSecondApplyOfAPlanBeingAppliedIsRefusedUpFrontAndTheFirstFinishesAlone() throws Exception {
        Path in = dir.resolve("in");
        TestMedia.write(in.resolve("Film.2001.mkv"), 1);
        String padding = "long-subtitle-name-".repeat(8); // Lines long enough to fill the pipe.
        for (int i = 0; i < SIDECARS; i++) {
            Files.writeString(in.resolve(String.format("Film.2001.%04d.%s.srt", i, padding)), "subtitle " + i);
        }
        Path catalog = dir.resolve("catalog.db");
        MedleyProcess.Result plan = MedleyProcess.run("organize", in.toString(), "--to", dir.resolve("lib").toString(),
                "--catalog", catalog.toString(), "-q");
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        long planId = query(catalog, "SELECT max(run_id) FROM plans");

        Process first = MedleyProcess.builder(List.of(), "organize", "--apply", "--plan", String.valueOf(planId),
                "--catalog", catalog.toString()).redirectError(dir.resolve("first.err").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (query(catalog, "SELECT count(*) FROM plan_applies a JOIN runs r ON r.id = a.run_id"
                    + " WHERE r.status = 'running'") == 0) {
                assertThat(first.isAlive()).as("the first apply runs").isTrue();
                assertThat(System.nanoTime()).as("the first apply starts within 120 s").isLessThan(deadline);
                Thread.sleep(20);
            }

            MedleyProcess.Result second = MedleyProcess.run("organize", "--apply", "--plan", String.valueOf(planId),
                    "--catalog", catalog.toString());
            assertThat(second.exitCode()).as(second.stderr()).isEqualTo(3);
            assertThat(second.stderr()).contains("plan " + planId + " is being applied by another medley (pid "
                    + first.pid() + ", apply run ");
            MedleyProcess.Result bare = MedleyProcess.run("organize", "--apply", "--catalog", catalog.toString());
            assertThat(bare.exitCode()).as(bare.stderr()).isEqualTo(3);
            assertThat(bare.stderr()).contains("is being applied by another medley (pid " + first.pid());
            assertThat(first.isAlive()).as("the first was still applying when they were refused").isTrue();

            String listing = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.err"))).isZero();
            assertThat(listing.lines().filter(line -> line.startsWith("moved ")).count()).isEqualTo(SIDECARS + 1);
        } finally {
            first.destroyForcibly();
        }
        assertThat(query(catalog, "SELECT count(*) FROM runs WHERE command = 'apply'")).as("one apply run").isEqualTo(1);
        assertThat(query(catalog, "SELECT count(*) FROM journal WHERE state <> 'done'")).isZero();
        try (Stream<Path> left = Files.list(in)) {
            assertThat(left).isEmpty();
        }
        try (Stream<Path> filed = Files.walk(dir.resolve("lib"))) {
            assertThat(filed.filter(Files::isRegularFile).count()).isEqualTo(SIDECARS + 1);
        }
    }

    private static long query(Path catalog, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + catalog);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=10000");
            try (ResultSet row = statement.executeQuery(sql)) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }
}
