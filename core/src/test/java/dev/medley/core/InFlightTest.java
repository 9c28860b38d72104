package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InFlightTest {
    @TempDir Path folder;

    /** Run in a child JVM: records two files, clears one, writes a line count, and dies without a word. */
    public static final class DyingProcess {
        public static void main(String[] args) throws Exception {
            InFlight record = InFlight.create(Path.of(args[0]));
            record.enter("probe", "/music/done.flac", 10, 20).close();
            record.enter("transcribe", "/music/poison.mp3", 1234, 5678);
            record.linesWritten(42);
            Runtime.getRuntime().halt(134); // No shutdown hooks, no close: as a native crash leaves it.
        }
    }

    @Test
    void aRecordOutlivesItsProcessAndNamesWhatItWasReading() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DyingProcess.class.getName(), folder.toString())
                .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(134);

        List<InFlight.Crashed> crashed = InFlight.collect(folder);

        assertThat(crashed).singleElement().satisfies(dead -> {
            assertThat(dead.pid()).isEqualTo(child.pid());
            assertThat(dead.linesWritten()).isEqualTo(42);
            assertThat(dead.resumable()).isTrue();
            assertThat(dead.entries()).containsExactly(new InFlight.Entry("transcribe", "/music/poison.mp3", 1234, 5678));
        });
        assertThat(InFlight.collect(folder)).as("a collected record is removed").isEmpty();
    }

    @Test
    void aLiveProcessRecordIsLeftAloneAndAClosedOneIsGone() throws Exception {
        try (InFlight mine = InFlight.create(folder)) {
            mine.enter("probe", "/music/now.flac", 1, 2);
            assertThat(InFlight.collect(folder)).isEmpty();
            assertThat(folder.resolve(ProcessHandle.current().pid() + InFlight.SUFFIX)).exists();
        }
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void slotsAreReusedAndAFullRecordStillLetsFilesThrough() throws Exception {
        try (InFlight record = InFlight.create(folder)) {
            for (int i = 0; i < 10_000; i++) {
                record.enter("probe", "/f" + i, i, i).close();
            }
            List<InFlight.Slot> held = new java.util.ArrayList<>();
            for (int i = 0; i < 300; i++) {
                held.add(record.enter("probe", "/held" + i, i, i));
            }
            assertThat(held).contains(InFlight.Slot.NONE); // More workers than slots: unrecorded, not blocked.
            held.forEach(InFlight.Slot::close);
        }
    }
}
