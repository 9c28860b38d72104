package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.media.Tmpfs;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free-space check kept a fixed 64 MB margin, so every copy onto a disk smaller than that was
 * refused, and its message did not mention the margin. Through the packaged command, onto a 20 MB
 * tmpfs (where this machine lets a test mount one): copies that leave 1% of the disk free go
 * ahead, and a refusal names the bytes, the margin and the free space.
 */
class FreeSpaceMarginIT {
    private static final int MB = 1_000_000;

    @TempDir Path dir;
    private Tmpfs mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            mounted.close();
        }
    }

    @Test
    void aSmallDiskTakesCopiesThatLeaveOnePercentOfItFreeAndARefusalNamesTheMargin() throws Exception {
        mounted = Tmpfs.mount(dir.resolve("small"), "20m").orElse(null);
        assumeTrue(mounted != null, "cannot mount a small tmpfs here");
        Path small = mounted.path();
        Path library = small.resolve("lib");
        String catalog = dir.resolve("catalog.db").toString();

        Path in = dir.resolve("in");
        TestMedia.write(in.resolve("Heat.1995.1080p.mkv"), 1, 7 * MB);
        TestMedia.write(in.resolve("Ronin.1998.720p.mkv"), 2, 7 * MB);
        MedleyProcess.Result fits = MedleyProcess.run("organize", in.toString(), "--to", library.toString(), "--mode", "copy",
                "--apply", "--yes", "--catalog", catalog, "-q");
        assertThat(fits.exitCode()).as(fits.stdout() + fits.stderr()).isZero();
        assertThat(filesUnder(library)).hasSize(2);

        Path more = dir.resolve("more");
        List<Path> films = List.of(TestMedia.write(more.resolve("Alien.1979.mkv"), 3, 4 * MB),
                TestMedia.write(more.resolve("Brazil.1985.mkv"), 4, 4 * MB),
                TestMedia.write(more.resolve("Casablanca.1942.mkv"), 5, 4 * MB));
        long bytes = 0;
        for (Path film : films) {
            bytes += Files.size(film);
        }
        FileStore disk = Files.getFileStore(small);
        String expected = "not enough free space: needs " + megabytes(bytes) + " + a " + megabytes(disk.getTotalSpace() / 100)
                + " safety margin, " + megabytes(disk.getUsableSpace()) + " free on " + library;
        MedleyProcess.Result full = MedleyProcess.run("organize", more.toString(), "--to", library.toString(), "--mode", "copy",
                "--apply", "--yes", "--catalog", catalog, "-q");
        assertThat(full.exitCode()).as(full.stderr()).isEqualTo(1);
        assertThat(full.lines()).filteredOn(line -> line.startsWith("FAILED")).hasSize(3)
                .allSatisfy(line -> assertThat(line).contains(expected));
        assertThat(filesUnder(library)).hasSize(2);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
