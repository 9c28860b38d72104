package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.media.Tmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptFilesTest {
    @TempDir Path dir;

    @Test
    void transcriptsOfMediaThatShareAStemNeverOverwriteEachOther() throws Exception {
        // x.aiff, x.flac and x.m4a once all wrote x.txt; which one won varied.
        for (String name : List.of("x.aiff", "x.flac", "X.m4a", "solo.mp3", "solo.txt")) {
            Files.writeString(dir.resolve(name), "x");
        }
        assertThat(List.of("x.aiff", "x.flac", "X.m4a", "solo.mp3")).map(name ->
                TranscriptFiles.target(dir.resolve(name), dir, null, OutputFormat.TXT).getFileName().toString())
                .containsExactly("x.aiff.txt", "x.flac.txt", "X.m4a.txt", "solo.txt");
        Path out = dir.resolve("out");
        assertThat(TranscriptFiles.target(dir.resolve("x.flac"), dir, out, OutputFormat.SRT))
                .isEqualTo(out.resolve("x.flac.srt"));
    }

    @Test
    void transcriptsAreWrittenWithTheUsersUmask() throws Exception {
        Path target = dir.resolve("talk.txt");
        TranscriptFiles.writeAtomically(target, "hello\n");
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
        // Whatever the umask, group or others may read unless the umask says no: 0600 was never right.
        assertThat(permissions).contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(permissions).isEqualTo(permissionsOfANewFile());
    }

    private Set<PosixFilePermission> permissionsOfANewFile() throws IOException {
        Path probe = Files.writeString(dir.resolve("probe-umask"), "");
        return Files.getPosixFilePermissions(probe);
    }

    @Test
    void anOutputThatCannotBeWrittenNamesItsPathAndLeavesNothingBehind() throws Exception {
        Path readOnly = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(readOnly, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE));
        Path target = readOnly.resolve("talk.txt");
        try {
            assumeTrue(!Files.isWritable(readOnly), "running as a user who may write anywhere");
            assertThatThrownBy(() -> TranscriptFiles.writeAtomically(target, "hello\n"))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("cannot write " + target);
        } finally {
            Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        try (var left = Files.list(readOnly)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFullDiskLeavesNoPartialTranscriptAndTheErrorNamesTheFile() throws Exception {
        // Needs a small file system of its own: a tmpfs, where the test may mount one.
        Optional<Tmpfs> mounted = Tmpfs.mount(dir.resolve("small"), "64k");
        assumeTrue(mounted.isPresent(), "cannot mount a small tmpfs here");
        try (Tmpfs small = mounted.get()) {
            Path filler = small.path().resolve("filler");
            try (var out = Files.newOutputStream(filler)) {
                byte[] block = new byte[4096];
                while (true) {
                    out.write(block);
                }
            } catch (IOException full) {
                // The disk is full.
            }
            Path target = small.path().resolve("talk.txt");
            assertThatThrownBy(() -> TranscriptFiles.writeAtomically(target, "words ".repeat(20_000)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot write " + target + ": ")
                    .hasMessageContaining("space");
            assertThat(target).doesNotExist();
            try (var left = Files.list(small.path())) {
                assertThat(left).containsExactly(filler);
            }
        }
    }
}
