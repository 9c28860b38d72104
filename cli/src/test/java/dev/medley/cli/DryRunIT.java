package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run created the library's folder tree: {@code organize DIR --to /tmp/x/typo/deep} left
 * x/typo/deep behind, and {@code process} did the same. Through the packaged command, a dry run
 * creates nothing, and applying the plan makes the folders.
 */
class DryRunIT {
    @TempDir Path dir;

    @Test
    void aDryRunCreatesNothingAndApplyingMakesTheLibrary() throws Exception {
        Path in = dir.resolve("in");
        TestMedia.write(in.resolve("Heat.1995.1080p.mkv"), 1);
        TestMedia.write(in.resolve("Harbour.Lights.S01E01.Pilot.mkv"), 2);
        String catalog = dir.resolve("catalog.db").toString();

        Path processLibrary = dir.resolve("y/deep");
        MedleyProcess.Result process = MedleyProcess.run("process", in.toString(), "--to", processLibrary.toString(),
                "--catalog", catalog);
        assertThat(process.exitCode()).as(process.stderr()).isZero();
        assertThat(process.stdout()).contains("-> Heat (1995)/Heat (1995).mkv");
        assertThat(dir.resolve("y")).doesNotExist();

        Path library = dir.resolve("x/typo/deep");
        MedleyProcess.Result plan = MedleyProcess.run("organize", in.toString(), "--to", library.toString(),
                "--catalog", catalog);
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("-> Heat (1995)/Heat (1995).mkv",
                "-> Harbour Lights/Season 01/Harbour Lights - S01E01 - Pilot.mkv");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(in.resolve("Heat.1995.1080p.mkv")).isRegularFile();

        MedleyProcess.Result apply = MedleyProcess.run("organize", "--apply", "--catalog", catalog);
        assertThat(apply.exitCode()).as(apply.stderr()).isZero();
        assertThat(library.resolve("Heat (1995)/Heat (1995).mkv")).isRegularFile();
        assertThat(library.resolve("Harbour Lights/Season 01/Harbour Lights - S01E01 - Pilot.mkv")).isRegularFile();
        assertThat(dir.resolve("y")).doesNotExist();

        MedleyProcess.Result notAFolder = MedleyProcess.run("organize", in.toString(), "--to",
                library.resolve("Heat (1995)/Heat (1995).mkv/deeper").toString(), "--catalog", catalog);
        assertThat(notAFolder.exitCode()).isEqualTo(2);
        assertThat(notAFolder.stderr()).contains("the library must be a folder");
    }
}
