package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.catalog.Catalog;
import dev.medley.media.MediaProbe;
import dev.medley.metadata.Identify;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counts of a plan's summary agree with what its lines say, whatever stood in a file's way. */
class PlanCountsTest {
    @TempDir Path dir;

    private static final Planner.Probes PLAYABLE = PlayableProbes.withTags(Map.of());

    private record Plan(Planner.Summary summary, List<Planner.Planned> lines) {}

    private Plan plan(OnConflict policy) {
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            long run = catalog.startRun("organize", "");
            List<Planner.Planned> lines = new ArrayList<>();
            Planner.Summary summary = new Planner(catalog, new Planner.Options(dir.resolve("lib"), List.of(dir.resolve("in")),
                    Mode.MOVE, false, policy, Templates.DEFAULT))
                    .plan(run, PLAYABLE, Identify.DEFAULT, lines::add, (path, problem) -> { });
            return new Plan(summary, lines);
        }
    }

    private void write(String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static long saying(List<Planner.Planned> lines, String words) {
        return lines.stream().filter(line -> (line.item().reason() + " " + line.item().conflict()).contains(words)).count();
    }

    @Test
    void aFileAlreadyInTheLibraryIsCountedAsADuplicateNotAsAConflict() throws Exception {
        write("in/Heat.1995.1080p.mkv", "the same film");
        write("lib/Heat (1995)/Heat (1995).mkv", "the same film");
        write("in/Ronin.1998.720p.mkv", "one cut");
        write("lib/Ronin (1998)/Ronin (1998).mkv", "another cut");
        write("in/Alien.1979.mkv", "a film");
        write("in/copies/Alien.1979.mkv", "a film");

        for (OnConflict policy : OnConflict.values()) {
            Plan plan = plan(policy);
            assertThat(saying(plan.lines(), "duplicate of")).as("lines saying duplicate, %s", policy)
                    .isEqualTo(plan.summary().duplicates())
                    .isEqualTo(2);
            assertThat(saying(plan.lines(), "target exists")).as("lines saying the target exists, %s", policy)
                    .isEqualTo(plan.summary().conflicts())
                    .isEqualTo(1);
        }
    }
}
