package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.media.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FFmpeg's libraries load only when a file needs probing: loading them is a good part of a short
 * run's time, and a run with nothing to probe does not need them.
 */
class NativeLoadingIT {
    @TempDir Path dir;

    @Test
    void anEmptyFolderAndFilesCurrentInTheCatalogLoadNoFfmpegLibrary() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        Path catalog = dir.resolve("catalog.db");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(ffmpegLoaded("empty", empty, catalog)).isFalse();

        Path library = Files.createDirectories(dir.resolve("library"));
        TestMedia.make(library, TestMedia.KINDS.get(0));
        assertThat(ffmpegLoaded("first", library, catalog)).isTrue();
        assertThat(ffmpegLoaded("again", library, catalog)).isFalse();
    }

    // Probes `folder` and returns whether FFmpeg's libraries were loaded meanwhile: the class they are
    // loaded through is (class loading is logged the same way on every JDK from 21 on).
    private boolean ffmpegLoaded(String name, Path folder, Path catalog) throws Exception {
        Path log = dir.resolve(name + ".log");
        MedleyProcess.Result result = MedleyProcess.run(List.of("-Xlog:class+load=info:file=" + log),
                "probe", folder.toString(), "--catalog", catalog.toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return Files.readAllLines(log).stream().anyMatch(line -> line.contains(" org.bytedeco.ffmpeg.global.avformat "));
    }
}
