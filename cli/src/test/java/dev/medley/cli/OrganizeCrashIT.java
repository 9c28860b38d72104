package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.media.Tmpfs;
import dev.medley.media.sample.SampleMedia;
import dev.medley.organize.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code medley organize --apply} with SIGKILL at random moments, half the trials moving
 * within one file system and half onto another (a tmpfs), and checks after each recovery that no
 * file was lost or duplicated and no temporary file is left; then that applying again finishes
 * the plan. The number of trials is {@code -Dmedley.crashTrials} (default 50); the results go to
 * {@code target/crash-trials.txt}.
 */
class OrganizeCrashIT {
    private static final int TRIALS = Integer.getInteger("medley.crashTrials", 50);
    private static final int EPISODES = 40;

    @TempDir Path dir;
    private Tmpfs mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            mounted.close();
        }
    }

    @Test
    void noInterruptionLosesOrDuplicatesAFile() throws Exception {
        SampleMedia.Format format = SampleMedia.available().contains(SampleMedia.Format.MKV_H264_AAC)
                ? SampleMedia.Format.MKV_H264_AAC : SampleMedia.Format.FLAC;
        Path seed = dir.resolve("seed." + format.extension());
        SampleMedia.write(seed, format, Duration.ofSeconds(1), Map.of());
        Path otherDevice = secondFileSystem();
        Random random = new Random(20261121L);
        List<String> report = new ArrayList<>();
        long[] killedDuring = new long[3]; // before any operation, while operating, after the last
        int crossDeviceTrials = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            boolean crossDevice = otherDevice != null && trial % 2 == 1;
            crossDeviceTrials += crossDevice ? 1 : 0;
            Path work = Files.createDirectories(dir.resolve("trial-" + trial));
            Path source = Files.createDirectories((crossDevice ? otherDevice : work).resolve("in-" + trial));
            Path library = work.resolve("library");
            Path catalog = work.resolve("catalog.db");
            Map<String, Integer> before = makeLibrary(seed, source, random);

            MedleyProcess.Result plan = MedleyProcess.run("organize", source.toString(), "--to", library.toString(),
                    "--catalog", catalog.toString(), "--json", "-q");
            assertThat(plan.exitCode()).as(plan.stderr()).isZero();
            int planned = (int) plan.lines().stream().filter(line -> !line.contains("\"action\":\"skip\"")).count();
            assertThat(planned).isEqualTo(before.size());

            Process apply = MedleyProcess.builder(List.of(), "organize", "--apply", "--catalog", catalog.toString(), "-q")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int journaledAtKill = killAtRandomMoment(apply, catalog, planned, random);
            killedDuring[journaledAtKill == 0 ? 0 : journaledAtKill >= planned ? 2 : 1]++;

            // Any command that opens the catalog recovers first.
            MedleyProcess.Result history = MedleyProcess.run("history", "--catalog", catalog.toString());
            assertThat(history.exitCode()).as(history.stderr()).isZero();
            Map<String, Integer> afterRecovery = contentCounts(source, library);
            List<Path> temporary = temporaryFiles(source, library);
            assertThat(temporary).as("temporary files after recovery, trial %d", trial).isEmpty();
            assertThat(afterRecovery).as("every file exactly once after recovery, trial %d", trial).isEqualTo(before);
            assertThat(openJournalEntries(catalog)).isZero();

            // A bare --apply resumes an interrupted apply; a kill that came after the apply had finished
            // left nothing to resume, and a bare --apply refuses a plan applied before: name it then.
            List<String> finishing = new ArrayList<>(List.of("organize", "--apply", "--catalog", catalog.toString(), "-q"));
            if (query(catalog, "SELECT count(*) FROM runs WHERE command = 'apply' AND status IN ('completed', 'failed')") > 0) {
                finishing.addAll(List.of("--plan", String.valueOf(query(catalog, "SELECT max(run_id) FROM plans"))));
            }
            MedleyProcess.Result finish = MedleyProcess.run(finishing.toArray(String[]::new));
            assertThat(finish.exitCode()).as(finish.stderr()).isZero();
            assertThat(contentCounts(library, library)).as("all filed after applying again, trial %d", trial)
                    .isEqualTo(before);
            assertThat(filesUnder(source)).isEmpty();
            report.add(String.format("trial %2d  %-12s killed after %3d of %d operations journaled: recovered, "
                    + "0 lost, 0 duplicated, 0 temporary files; applying again filed all %d",
                    trial, crossDevice ? "cross-device" : "same-device", journaledAtKill, planned, before.size()));
            deleteTree(work);
            deleteTree(source);
        }
        report.add(String.format("%d trials (%d cross-device onto %s), killed before the first operation %d times, "
                + "while operating %d times, after the last %d times; 0 files lost, 0 duplicated, 0 temporary files left",
                TRIALS, crossDeviceTrials, otherDevice == null ? "none available" : "a separate tmpfs", killedDuring[0],
                killedDuring[1], killedDuring[2]));
        Files.write(Path.of("target", "crash-trials.txt"), report);
        System.out.println(report.getLast());
        assertThat(killedDuring[1]).as("kills that landed while files were being moved").isGreaterThan(TRIALS / 3);
    }

    /** Writes EPISODES episodes of unique content and size (real media, padded), half with subtitles. */
    private static Map<String, Integer> makeLibrary(Path seed, Path source, Random random) throws IOException {
        byte[] media = Files.readAllBytes(seed);
        String extension = seed.getFileName().toString().substring(seed.getFileName().toString().lastIndexOf('.'));
        for (int i = 1; i <= EPISODES; i++) {
            Path season = Files.createDirectories(source.resolve("Crash Show").resolve("Season " + (1 + i / 20)));
            String stem = String.format("Crash.Show.S%02dE%02d.720p", 1 + i / 20, i);
            byte[] padding = new byte[random.nextInt(1 << 21)]; // up to 2 MB: copies take measurable time
            random.nextBytes(padding);
            byte[] bytes = java.util.Arrays.copyOf(media, media.length + padding.length);
            System.arraycopy(padding, 0, bytes, media.length, padding.length);
            Files.write(season.resolve(stem + extension), bytes);
            if (i % 2 == 0) {
                Files.writeString(season.resolve(stem + ".en.srt"), "1\n00:00:00,000 --> 00:00:01,000\nEpisode " + i + "\n");
            }
        }
        return contentCounts(source, source);
    }

    /**
     * Kills {@code apply} at a random moment: mostly while it works through the journal (after a
     * random number of journaled operations, plus a random fraction of a millisecond), sometimes
     * before it starts. Returns how many operations were journaled when it died.
     */
    private static int killAtRandomMoment(Process apply, Path catalog, int planned, Random random) throws Exception {
        if (random.nextInt(10) == 0) {
            Thread.sleep(random.nextInt(400)); // A kill during start-up: nothing journaled yet, or a few.
        } else {
            int target = random.nextInt(planned);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (apply.isAlive() && journaled(catalog) <= target && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(1_000_000));
        }
        apply.destroyForcibly();
        assertThat(apply.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return journaled(catalog);
    }

    private static int journaled(Path catalog) {
        return query(catalog, "SELECT count(*) FROM journal");
    }

    private static int openJournalEntries(Path catalog) {
        return query(catalog, "SELECT count(*) FROM journal WHERE state IN ('started', 'copied')");
    }

    private static int query(Path catalog, String sql) {
        if (!Files.exists(catalog)) {
            return 0;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + catalog);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=10000");
            try (ResultSet row = statement.executeQuery(sql)) {
                return row.next() ? row.getInt(1) : 0;
            }
        } catch (java.sql.SQLException e) {
            return 0; // The table does not exist yet: the apply has not migrated or journaled anything.
        }
    }

    /** Returns how many files under the roots hold each content hash. */
    private static Map<String, Integer> contentCounts(Path... roots) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (Path root : new java.util.LinkedHashSet<>(List.of(roots))) {
            for (Path file : filesUnder(root)) {
                counts.merge(ContentHash.of(file), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static List<Path> temporaryFiles(Path... roots) throws IOException {
        List<Path> temporary = new ArrayList<>();
        for (Path root : roots) {
            if (Files.exists(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.getFileName().toString().startsWith(".medley-")).forEach(temporary::add);
                }
            }
        }
        return temporary;
    }

    /** Returns a folder on a file system other than the test's: a tmpfs mounted here, else /dev/shm; null if neither. */
    private Path secondFileSystem() throws Exception {
        Object here = Files.getAttribute(dir, "unix:dev");
        mounted = Tmpfs.mount(dir.resolve("tmpfs"), "1g").orElse(null);
        if (mounted != null && !Files.getAttribute(mounted.path(), "unix:dev").equals(here)) {
            return mounted.path();
        }
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm) && !Files.getAttribute(shm, "unix:dev").equals(here)) {
            return Files.createTempDirectory(shm, "medley-crash-");
        }
        System.out.println("no second file system (no tmpfs mount, no /dev/shm): cross-device trials skipped");
        return null;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
