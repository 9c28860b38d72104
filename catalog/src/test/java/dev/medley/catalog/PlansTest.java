package dev.medley.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** What the plans of every kind of catalog do, run against each ({@link CatalogKinds}). */
class PlansTest {
    @TempDir Path dir;

    private static long newPlan(Catalog catalog, Plans plans) {
        long run = catalog.startRun("organize", "");
        plans.create(new PlanInfo(run, "/library", "move", null, "skip", List.of("/incoming"), Instant.now()));
        return run;
    }

    @CatalogKinds.EachKind
    void planningStateIsSeenBeforeCommitKeptPerPlanAndForgottenWhenDone(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir)); Plans plans = catalog.plans()) {
            long first = newPlan(catalog, plans);
            long second = newPlan(catalog, plans);

            assertThat(plans.claimName(first, 42)).isTrue();
            assertThat(plans.claimName(first, 42)).isFalse();
            assertThat(plans.claimName(second, 42)).as("another plan's names are its own").isTrue();

            assertThat(plans.folderSpelling(first, "show/season 01", () -> "Season 01")).isEqualTo("Season 01");
            assertThat(plans.folderSpelling(first, "show/season 01", () -> "season 01"))
                    .as("the first spelling stays").isEqualTo("Season 01");

            assertThat(plans.firstOfSize(first, 100)).isEmpty();
            plans.addContent(first, 100, "/incoming/a.mkv", null);
            Plans.Content a = plans.firstOfSize(first, 100).orElseThrow();
            assertThat(a.source()).isEqualTo("/incoming/a.mkv");
            assertThat(a.hash()).isNull();
            plans.addContent(first, 100, "/library/x.mkv", null);
            plans.addContent(first, 200, "/library/y.mkv", null);
            assertThat(plans.unhashedOfSize(first, 100, 10)).extracting(Plans.Content::source)
                    .containsExactly("/incoming/a.mkv", "/library/x.mkv");
            assertThat(plans.unhashedOfSize(first, 100, 1)).extracting(Plans.Content::source).containsExactly("/incoming/a.mkv");
            plans.setContentHash(a.id(), "aaaa");
            assertThat(plans.unhashedOfSize(first, 100, 10)).extracting(Plans.Content::source).containsExactly("/library/x.mkv");
            plans.addContent(first, 100, "/incoming/b.mkv", "bbbb");
            plans.addContent(first, 100, "/incoming/b-again.mkv", "bbbb");
            assertThat(plans.firstWithContent(first, 100, "aaaa")).map(Plans.Content::source).contains("/incoming/a.mkv");
            assertThat(plans.firstWithContent(first, 100, "bbbb")).map(Plans.Content::source).contains("/incoming/b.mkv");
            assertThat(plans.firstWithContent(first, 101, "bbbb")).isEmpty();
            assertThat(plans.firstOfSize(second, 100)).isEmpty();

            plans.forgetPlanningState(first);
            assertThat(plans.claimName(first, 42)).isTrue();
            assertThat(plans.folderSpelling(first, "show/season 01", () -> "season 01")).isEqualTo("season 01");
            assertThat(plans.firstOfSize(first, 100)).isEmpty();
            assertThat(plans.claimName(second, 42)).as("the other plan keeps its state").isFalse();
        }
    }

    @CatalogKinds.EachKind
    void folderSpellingsOfNamesThatAreNotUtf8KeepTheirBytesAndStayApart(CatalogFactory kind) {
        // Escaped text (RawPaths) of "Show\xff" and "Show\xfe": stored as text, both could become "Show?".
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir)); Plans plans = catalog.plans()) {
            long plan = newPlan(catalog, plans);
            assertThat(plans.folderSpelling(plan, "show\udcff", () -> "Show\udcff")).isEqualTo("Show\udcff");
            assertThat(plans.folderSpelling(plan, "show\udcfe", () -> "Show\udcfe")).isEqualTo("Show\udcfe");
            plans.flush();
            assertThat(plans.folderSpelling(plan, "show\udcff", () -> "other")).isEqualTo("Show\udcff");
            assertThat(plans.folderSpelling(plan, "show\udcfe", () -> "other")).isEqualTo("Show\udcfe");
        }
    }

    @CatalogKinds.EachKind
    void itemsComeBackInPlanOrderAcrossBatches(CatalogFactory kind) {
        try (Catalog catalog = Catalogs.open(kind.newLocation(dir)); Plans plans = catalog.plans()) {
            long run = newPlan(catalog, plans);
            for (int seq = 0; seq < 1234; seq++) {
                plans.add(run, new PlanItem(seq, "media", "/incoming/" + seq, seq % 7 == 0 ? null : "/library/" + seq,
                        seq % 7 == 0, "r", null, seq, null));
                plans.claimName(run, seq); // Interleaved planning-state writes share the batches.
            }
            List<Long> order = new ArrayList<>();
            plans.items(run, item -> order.add(item.seq()));
            assertThat(order).hasSize(1234).isSorted();
            assertThat(plans.counts(run)).containsExactly(1234 - 177, 177);
        }
    }
}
