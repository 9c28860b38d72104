package dev.medley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {
    @TempDir Path dir;
    final List<String> problems = new ArrayList<>();

    private List<String> names(ScanOptions options, Path... roots) {
        List<String> names = new ArrayList<>();
        Iterator<ScannedFile> files = new Scanner(options, (p, problem) -> problems.add(p + ": " + problem))
                .walk(List.of(roots));
        files.forEachRemaining(f -> names.add(dir.relativize(f.path()).toString()));
        return names;
    }

    @Test
    void takesMediaByExtensionOrContentAndPassesOverHiddenPartialAndOtherFiles() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.write(lib.resolve("b.mp3"), new byte[] {1});
        Files.write(lib.resolve("a.MKV"), new byte[] {1});
        Files.write(lib.resolve("notes.txt"), new byte[] {1});
        Files.write(lib.resolve("film.mkv.part"), new byte[] {1});
        Files.write(lib.resolve("film.mkv.crdownload"), new byte[] {1});
        Files.write(lib.resolve("film.mkv.!qb"), new byte[] {1});
        Files.write(lib.resolve(".secret.mp3"), new byte[] {1});
        Files.createDirectories(lib.resolve(".trash")).resolve("x.mp3").toFile().createNewFile();
        byte[] flac = new byte[64];
        System.arraycopy("fLaC".getBytes(), 0, flac, 0, 4);
        Files.write(lib.resolve("no-extension"), flac);
        Files.write(lib.resolve("random.bin"), new byte[64]);
        Files.createDirectories(lib.resolve("sub/deeper")).resolve("c.opus").toFile().createNewFile();

        assertThat(names(ScanOptions.DEFAULT, lib)).containsExactly(
                "lib/a.MKV", "lib/b.mp3", "lib/no-extension", "lib/sub/deeper/c.opus");
        assertThat(names(new ScanOptions(true, true, false), lib)).contains(
                "lib/.secret.mp3", "lib/.trash/x.mp3", "lib/film.mkv.part", "lib/film.mkv.crdownload", "lib/film.mkv.!qb");
        assertThat(problems).isEmpty();
    }

    @Test
    void doesNotFollowLinksOutOfTheTreeUnlessAskedAndSurvivesLoops() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.write(outside.resolve("elsewhere.mp3"), new byte[] {1});
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.write(lib.resolve("here.mp3"), new byte[] {1});
        Files.createSymbolicLink(lib.resolve("link-out"), outside);
        Files.createSymbolicLink(lib.resolve("loop"), lib);
        Files.createSymbolicLink(lib.resolve("broken.mp3"), dir.resolve("nowhere"));

        assertThat(names(ScanOptions.DEFAULT, lib)).containsExactly("lib/here.mp3");
        assertThat(problems).isEmpty();

        assertThat(names(new ScanOptions(false, false, true), lib))
                .containsExactly("lib/here.mp3", "lib/link-out/elsewhere.mp3");
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("loop"))
                .anySatisfy(p -> assertThat(p).contains("broken link"));
    }

    @Test
    void overlappingRootsYieldEachFileOnceAndAFileRootIsTakenWhateverItsName() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib/sub"));
        Files.write(lib.resolve("a.mp3"), new byte[] {1});
        Path odd = Files.write(dir.resolve("odd.name"), new byte[] {1});
        assertThat(names(ScanOptions.DEFAULT, dir.resolve("lib"), lib, dir.resolve("lib/sub/../sub"), odd))
                .containsExactly("lib/sub/a.mp3", "odd.name");
    }

    @Test
    void namesInAnyScriptAndNamesThatAreNotUtf8AreFoundAndProbed() throws Exception {
        assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path tone = TestMedia.make(dir, TestMedia.KINDS.get(0));
        Path unicode = lib.resolve("Ünïcödé – 東京 🎵 'quote\" $x.mp3");
        Files.copy(tone, unicode);
        // 0xE9 alone is Latin-1, not UTF-8: such names exist on old disks.
        Path latin1 = Path.of(URI.create(lib.toUri() + "caf%E9%20concat%3Ax.mp3"));
        Files.copy(tone, latin1);

        List<ScannedFile> found = new ArrayList<>();
        new Scanner(ScanOptions.DEFAULT, (p, problem) -> problems.add(problem)).walk(List.of(lib))
                .forEachRemaining(found::add);
        assertThat(found).hasSize(2);
        Prober prober = Prober.inProcess(Duration.ofSeconds(10));
        for (ScannedFile file : found) {
            MediaProbe probe = prober.probe(file.path());
            assertThat(probe.ok()).as(probe.error()).isTrue();
            assertThat(probe.audioCodec()).isEqualTo("mp3");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // opening the FIFO would block for ever
    void aFifoOrDeviceWasSilentlyPassedOverInsteadOfReported() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.write(lib.resolve("a.mp3"), new byte[] {1});
        Path walkedFifo = lib.resolve("b.mp3");
        Path namedFifo = dir.resolve("named.mkv");
        for (Path fifo : List.of(walkedFifo, namedFifo)) {
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
            assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        }
        Path zero = Path.of("/dev/zero");

        assertThat(names(ScanOptions.DEFAULT, lib, namedFifo, zero)).containsExactly("lib/a.mp3");
        assertThat(problems).containsExactlyInAnyOrder(
                walkedFifo + ": not a regular file: a FIFO",
                namedFifo + ": not a regular file: a FIFO",
                zero + ": not a regular file: a character device");
    }
}
