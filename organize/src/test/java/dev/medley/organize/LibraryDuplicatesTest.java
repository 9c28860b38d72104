package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.PlanItem;
import dev.medley.metadata.Identify;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file the library already holds, under whatever name, is a duplicate: found by size, then content. */
class LibraryDuplicatesTest {
    @TempDir Path dir;

    private List<PlanItem> plan(Path library, Path... sources) {
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            long run = catalog.startRun("organize", "");
            List<PlanItem> items = new ArrayList<>();
            new Planner(catalog, new Planner.Options(library, List.of(sources), Mode.MOVE, false, OnConflict.SKIP,
                    Templates.DEFAULT))
                    .plan(run, PlayableProbes.withTags(Map.of()), Identify.DEFAULT, planned -> items.add(planned.item()), (path, problem) -> { });
            return items;
        }
    }

    private Path write(String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static PlanItem of(List<PlanItem> items, Path source) {
        return items.stream().filter(i -> i.source().equals(PathKey.of(source))).findFirst().orElseThrow();
    }

    @Test
    void aFileTheLibraryHoldsUnderAnotherReadingIsADuplicate() throws Exception {
        Path incoming = write("in/Heat.1995.1080p.BluRay.x264-GRP.mkv", "the film, once");
        Path filed = write("lib/Films/Heat/heat-1995-old-name.mkv", "the film, once");
        write("lib/Films/Other/same-size-other.mkv", "another film!!");
        Path fresh = write("in/Ronin.1998.720p.mkv", "another film, twice");

        List<PlanItem> items = plan(dir.resolve("lib"), dir.resolve("in"));
        PlanItem duplicate = of(items, incoming);
        assertThat(duplicate.skipped()).isTrue();
        assertThat(duplicate.reason()).isEqualTo("duplicate of " + filed);
        assertThat(duplicate.conflict()).isEqualTo("duplicate");
        assertThat(of(items, fresh).target()).isEqualTo(PathKey.of(dir.resolve("lib/Ronin (1998)/Ronin (1998).mkv")));
    }

    @Test
    void aFileOfTheSameSizeButOtherContentIsNoDuplicate() throws Exception {
        Path incoming = write("in/Heat.1995.mkv", "the film, once");
        write("lib/Films/Heat/heat.mkv", "another, once.");
        assertThat(Files.size(dir.resolve("lib/Films/Heat/heat.mkv"))).isEqualTo(Files.size(incoming));
        PlanItem item = of(plan(dir.resolve("lib"), dir.resolve("in")), incoming);
        assertThat(item.skipped()).isFalse();
        assertThat(item.target()).isEqualTo(PathKey.of(dir.resolve("lib/Heat (1995)/Heat (1995).mkv")));
    }

    @Test
    void hiddenLibraryFilesAndTheSourcesThemselvesAreNotOriginals() throws Exception {
        write("lib/.trash/heat.mkv", "the film, once");
        Path inLibrary = write("lib/incoming/Heat.1995.mkv", "the film, once");
        List<PlanItem> items = plan(dir.resolve("lib"), dir.resolve("lib/incoming"));
        PlanItem item = of(items, inLibrary);
        assertThat(item.skipped()).as(item.reason()).isFalse();
    }

    @Test
    void aLibraryInsideTheSourceIsComparedWithThoughNotPlanned() throws Exception {
        Path filed = write("media/library/Heat (1995)/Heat (1995).mkv", "the film, once");
        Path incoming = write("media/downloads/heat.1995.1080p.mkv", "the film, once");
        List<PlanItem> items = plan(dir.resolve("media/library"), dir.resolve("media"));
        assertThat(items).extracting(PlanItem::source).doesNotContain(PathKey.of(filed));
        assertThat(of(items, incoming).reason()).isEqualTo("duplicate of " + filed);
    }
}
