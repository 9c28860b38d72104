package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.PlanItem;
import dev.medley.catalog.RunRecord;
import dev.medley.media.Prober;
import dev.medley.media.sample.SampleMedia;
import dev.medley.metadata.Identify;
import dev.medley.organize.LibraryFixture.Episode;
import dev.medley.organize.LibraryFixture.ExtraOf;
import dev.medley.organize.LibraryFixture.Film;
import dev.medley.organize.LibraryFixture.Library;
import dev.medley.organize.LibraryFixture.MediaFile;
import dev.medley.organize.LibraryFixture.Role;
import dev.medley.organize.LibraryFixture.SidecarFile;
import dev.medley.organize.LibraryFixture.Track;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Organises a realistic library of several hundred files end to end (plan, apply, apply again,
 * undo) in each mode that needs no special file system, and checks every file against where the
 * default templates, written out literally below, put it. The expected places are computed from
 * the corpora's expected values and the fixture's own tags, never by the organiser's naming code.
 * Skips when the shared corpora or the FFmpeg formats the fixture writes are missing.
 */
class OrganizeLibraryTest {
    // Where Plex, Jellyfin and Kodi look for each kind of extra, by the source folder the fixture uses.
    private static final Map<String, String> EXTRAS_FOLDERS = Map.of(
            "Featurettes", "Featurettes",
            "Extras", "Extras",
            "Behind.The.Scenes", "Behind The Scenes",
            "Deleted Scenes", "Deleted Scenes",
            "Trailers", "Trailers");
    private static final String SEPARATORS = " -._";

    private static Path corpora;

    @TempDir
    Path temp;

    @BeforeAll
    static void needsCorporaAndEncoders() {
        corpora = Path.of(System.getProperty("medley.shared", "../shared"), "corpora");
        assumeTrue(Files.isRegularFile(corpora.resolve("sonarr.jsonl")) && Files.isRegularFile(corpora.resolve("radarr.jsonl")),
                "no corpora at " + corpora.toAbsolutePath());
        assumeTrue(SampleMedia.available().containsAll(LibraryFixture.FORMATS),
                "this FFmpeg build cannot write all of " + LibraryFixture.FORMATS);
    }

    @Test
    void movesALibraryIntoPlaceReportsDuplicatesAppliesOnceAndUndoesExactly() throws IOException {
        Library library = LibraryFixture.write(temp.resolve("incoming"), corpora);
        System.out.println("[organize] library: " + library);
        assertComposition(library);
        Map<String, String> original = tree(library.root());
        assertThat(original).hasSize(library.files());

        Path target = Files.createDirectories(temp.resolve("library")); // as `medley organize --to` does
        try (Catalog catalog = Catalog.open(temp.resolve("catalog.db"))) {
            Plan plan = plan(catalog, library, target, Mode.MOVE);
            assertPlan(plan, library, target);

            Applier.Summary applied = apply(catalog, plan);
            assertThat(applied.failed()).as("failed operations").isZero();
            assertThat(applied.done()).isEqualTo(plan.summary().planned());

            Map<String, String> expectedLibrary = expectedLibrary(library, original);
            Map<String, String> staying = new TreeMap<>(original);
            staying.keySet().removeAll(movedSources(library));
            assertThat(tree(target)).as("the library after a move").isEqualTo(expectedLibrary);
            assertThat(tree(library.root())).as("what stays in the sources after a move").isEqualTo(staying);
            assertThat(hashes(tree(library.root()), tree(target))).as("no file lost: content hashes of sources and library")
                    .isEqualTo(hashes(original));
            assertDuplicatesKept(library, original);

            Applier.Summary again = apply(catalog, plan);
            assertThat(again.done()).as("operations done by a second apply").isZero();
            assertThat(again.failed()).isZero();
            assertThat(again.alreadyDone()).isEqualTo(plan.summary().planned());
            assertThat(tree(target)).as("the library after applying again").isEqualTo(expectedLibrary);
            assertThat(tree(library.root())).isEqualTo(staying);

            Undo.Summary undone = undo(catalog, plan.applyRuns().get(0));
            assertThat(undone.refused()).as("operations undo refused").isZero();
            assertThat(undone.restored()).isEqualTo(plan.summary().planned());
            assertThat(tree(library.root())).as("the sources after undo").isEqualTo(original);
            assertThat(entries(target)).as("what undo left in the library").isEmpty();
        }
    }

    @Test
    void copiesLeaveTheSourcesUntouched() throws IOException {
        keepingSources(Mode.COPY, plan -> { });
    }

    @Test
    void hardLinksShareTheSourcesInodes() throws IOException {
        keepingSources(Mode.HARDLINK, plan -> {
            for (PlanItem item : plan.items().values()) {
                if (!item.skipped()) {
                    assertThat(Files.isSameFile(PathKey.toPath(item.source()), PathKey.toPath(item.target())))
                            .as("%s is a hard link of %s", item.target(), item.source()).isTrue();
                }
            }
        });
    }

    private interface PlanCheck {
        void check(Plan plan) throws IOException;
    }

    /**
     * Plans and applies in a mode that keeps the sources, checks both trees and then {@code extra},
     * and undoes: the sources stay as they were throughout and the library ends empty.
     */
    private void keepingSources(Mode mode, PlanCheck extra) throws IOException {
        Library library = LibraryFixture.write(temp.resolve("incoming"), corpora);
        Map<String, String> original = tree(library.root());
        Path target = Files.createDirectories(temp.resolve("library")); // as `medley organize --to` does
        try (Catalog catalog = Catalog.open(temp.resolve("catalog.db"))) {
            Plan plan = plan(catalog, library, target, mode);
            assertPlan(plan, library, target);
            Applier.Summary applied = apply(catalog, plan);
            assertThat(applied.failed()).isZero();
            assertThat(applied.done()).isEqualTo(plan.summary().planned());
            assertThat(tree(library.root())).as("the sources after %s", mode.key()).isEqualTo(original);
            assertThat(tree(target)).as("the library after %s", mode.key()).isEqualTo(expectedLibrary(library, original));
            extra.check(plan);

            Undo.Summary undone = undo(catalog, plan.applyRuns().get(0));
            assertThat(undone.refused()).isZero();
            assertThat(tree(library.root())).isEqualTo(original);
            assertThat(entries(target)).as("what undo left in the library").isEmpty();
        }
    }

    // ---------------------------------------------------------------- where files must land

    /**
     * Returns where a media file must land, relative to the library, or null when it must stay: the
     * templates of {@link Templates#DEFAULT}, written out, each level trimmed of separators and made
     * safe as {@link Template} documents.
     */
    static String expectedTarget(MediaFile media) {
        if (media.role() == Role.SAMPLE || media.role() == Role.DUPLICATE) {
            return null;
        }
        String extension = "." + extension(media.name());
        return switch (media.identity()) {
            // {show}/Season {season:00}/{show} - S{season:00}E{episode:00} - {episodeTitle}
            case Episode e -> {
                String numbers = "S%02dE".formatted(e.season())
                        + e.episodes().stream().map("%02d"::formatted).collect(Collectors.joining("-E"));
                // The corpus gives no episode title; where the name has one, the parser's (see Episode).
                String file = e.show() + " - " + numbers + (e.episodeTitle() == null ? "" : " - " + e.episodeTitle());
                yield level(e.show()) + "/" + level("Season %02d".formatted(e.season())) + "/" + level(file) + extension;
            }
            // {title} ({year})/{title} ({year})
            case Film f -> filmFolder(f) + "/" + filmFolder(f) + extension;
            // {albumArtist}/{album} ({year})/{disc}-{track:00} {title}
            case Track t -> level(t.albumArtist()) + "/" + level(t.album() + " (" + t.year() + ")") + "/"
                    + level(t.disc() + "-" + "%02d".formatted(t.track()) + " " + t.title()) + extension;
            // Extras keep their name, in the folder of their kind beside the film.
            case ExtraOf x -> filmFolder(x.film()) + "/" + EXTRAS_FOLDERS.get(x.folder()) + "/" + level(x.stem())
                    + x.extension();
        };
    }

    /** Returns where a sidecar must land: beside its media, as the media's new stem plus its suffix, or under its own name. */
    static String expectedTarget(SidecarFile sidecar) {
        String media = expectedTarget(sidecar.media());
        if (media == null) {
            return null;
        }
        int slash = media.lastIndexOf('/');
        String folder = media.substring(0, slash + 1);
        return folder + (sidecar.folderLevel() ? sidecar.name() : stem(media.substring(slash + 1)) + sidecar.suffix());
    }

    private static String filmFolder(Film film) {
        // The year is the corpus's; where its case asserts none, the parser's (see Film).
        return level(film.year() == null ? film.title() : film.title() + " (" + film.year() + ")");
    }

    /** Returns one level of a rendered template: separators trimmed from both ends, then made safe. */
    private static String level(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (SEPARATORS.indexOf(text.charAt(start)) >= 0 || Character.isWhitespace(text.charAt(start)))) {
            start++;
        }
        while (end > start && (SEPARATORS.indexOf(text.charAt(end - 1)) >= 0 || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        return SafeNames.segment(text.substring(start, end));
    }

    /** Returns the library the organiser must make: expected place to content hash. */
    private static Map<String, String> expectedLibrary(Library library, Map<String, String> original) {
        Map<String, String> expected = new TreeMap<>();
        for (MediaFile media : library.media()) {
            String target = expectedTarget(media);
            if (target != null) {
                assertThat(expected.put(target, original.get(media.path()))).as("two files expected at %s", target).isNull();
            }
        }
        for (SidecarFile sidecar : library.sidecars()) {
            String target = expectedTarget(sidecar);
            if (target != null) {
                assertThat(expected.put(target, original.get(sidecar.path()))).as("two files expected at %s", target).isNull();
            }
        }
        return expected;
    }

    private static List<String> movedSources(Library library) {
        List<String> moved = new ArrayList<>();
        library.media().stream().filter(m -> expectedTarget(m) != null).forEach(m -> moved.add(m.path()));
        library.sidecars().stream().filter(s -> expectedTarget(s) != null).forEach(s -> moved.add(s.path()));
        return moved;
    }

    // ---------------------------------------------------------------- checks

    private static void assertComposition(Library library) {
        assertThat(library.files()).as("files").isGreaterThanOrEqualTo(300);
        assertThat(library.count(Role.MAIN, Episode.class)).as("episodes").isGreaterThanOrEqualTo(120);
        assertThat(library.count(Role.MAIN, Film.class)).as("films").isGreaterThanOrEqualTo(40);
        assertThat(library.count(Role.MAIN, Track.class)).as("tracks").isGreaterThanOrEqualTo(40);
        assertThat(library.count(Role.DUPLICATE, Episode.class) + library.count(Role.DUPLICATE, Film.class)
                + library.count(Role.DUPLICATE, Track.class)).as("duplicates").isGreaterThanOrEqualTo(5);
        assertThat(library.count(Role.EXTRA, ExtraOf.class)).as("extras").isGreaterThanOrEqualTo(5);
        assertThat(library.media().stream().filter(m -> m.role() == Role.SAMPLE)).as("samples").hasSizeGreaterThanOrEqualTo(10);
        Map<String, Long> suffixes = library.sidecars().stream()
                .collect(Collectors.groupingBy(s -> s.folderLevel() ? s.name() : s.suffix(), Collectors.counting()));
        assertThat(suffixes).as("sidecars by suffix").containsKeys(".en.srt", ".nfo", ".txt", ".vtt", "-poster.jpg",
                "poster.jpg", "cover.jpg", ".lrc", "movie.nfo");
        List<String> paths = Stream.concat(library.media().stream().map(MediaFile::path),
                library.sidecars().stream().map(SidecarFile::path)).toList();
        assertThat(paths).as("names with accents").anyMatch(p -> p.contains("ó") || p.contains("é"));
        assertThat(paths).as("names with combining characters (NFD)")
                .anyMatch(p -> !Normalizer.isNormalized(p, Normalizer.Form.NFC));
        assertThat(paths).as("CJK names").anyMatch(p -> p.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
        assertThat(paths).as("emoji names").anyMatch(p -> p.codePoints().anyMatch(c -> c >= 0x1F300));
        assertThat(paths).as("names with ':' or '?'").anyMatch(p -> p.contains(":")).anyMatch(p -> p.contains("?"));
    }

    private static void assertPlan(Plan plan, Library library, Path target) {
        assertThat(plan.problems()).as("unreadable paths").isEmpty();
        assertThat(plan.items()).as("one plan item per file").hasSize(library.files());
        long duplicates = 0;
        List<String> wrong = new ArrayList<>();
        for (MediaFile media : library.media()) {
            Planner.Planned planned = plan.planned().get(PathKey.of(library.root().resolve(media.path())));
            assertThat(planned).as("plan item for %s", media.path()).isNotNull();
            PlanItem item = planned.item();
            String expected = expectedTarget(media);
            switch (media.role()) {
                case MAIN, EXTRA -> {
                    if (item.skipped() || !PathKey.of(target.resolve(expected)).equals(item.target())) {
                        wrong.add(media.path() + "\n    expected " + expected + "\n    planned  "
                                + (item.skipped() ? "to stay: " + item.reason() : item.target()));
                    }
                    String what = switch (media.identity()) {
                        case Episode e -> "episode";
                        case Film f -> "movie";
                        case Track t -> "music";
                        case ExtraOf x -> "extra";
                    };
                    assertThat(planned.what()).as("what %s was taken for", media.path()).isEqualTo(what);
                }
                case SAMPLE -> {
                    assertThat(item.skipped()).as("%s is skipped", media.path()).isTrue();
                    assertThat(planned.what()).as("what %s was taken for", media.path()).isEqualTo("sample");
                    assertThat(item.reason()).isEqualTo("a sample clip");
                }
                case DUPLICATE -> {
                    duplicates++;
                    assertThat(item.skipped()).as("%s is skipped", media.path()).isTrue();
                    assertThat(item.conflict()).as("conflict of %s (%s)", media.path(), item.reason()).isEqualTo("duplicate");
                    assertThat(item.reason()).isEqualTo("duplicate of " + library.root().resolve(media.original().path()));
                    assertThat(item.hash()).isEqualTo(hash(library.root().resolve(media.path())));
                }
            }
        }
        for (SidecarFile sidecar : library.sidecars()) {
            Planner.Planned planned = plan.planned().get(PathKey.of(library.root().resolve(sidecar.path())));
            assertThat(planned).as("plan item for %s", sidecar.path()).isNotNull();
            PlanItem item = planned.item();
            String expected = expectedTarget(sidecar);
            assertThat(planned.what()).as("what %s was taken for", sidecar.path()).isEqualTo("sidecar");
            if (expected == null) {
                assertThat(item.skipped()).as("%s stays with its media", sidecar.path()).isTrue();
            } else if (item.skipped() || !PathKey.of(target.resolve(expected)).equals(item.target())) {
                wrong.add(sidecar.path() + "\n    expected " + expected + "\n    planned  "
                        + (item.skipped() ? "to stay: " + item.reason() : item.target()));
            }
        }
        assertThat(wrong).as("files planned elsewhere than their template says").isEmpty();
        assertThat(plan.summary().duplicates()).as("duplicates reported").isEqualTo(duplicates);
        assertThat(plan.summary().conflicts()).as("conflicts").isZero();
    }

    /** Checks that every duplicate is where it was, unchanged, and its original reached the library. */
    private static void assertDuplicatesKept(Library library, Map<String, String> original) {
        Map<String, String> now = tree(library.root());
        for (MediaFile media : library.media()) {
            if (media.role() == Role.DUPLICATE) {
                assertThat(now.get(media.path())).as("duplicate %s, left in place", media.path())
                        .isEqualTo(original.get(media.path())).isEqualTo(original.get(media.original().path()));
            }
        }
    }

    // ---------------------------------------------------------------- running the organiser

    private record Plan(long runId, Planner.Summary summary, Map<String, Planner.Planned> planned,
            Map<String, PlanItem> items, List<String> problems, List<Long> applyRuns) {}

    private static Plan plan(Catalog catalog, Library library, Path target, Mode mode) {
        Prober prober = Prober.inProcess(Duration.ofSeconds(30));
        Planner.Probes probes = (file, size, mtimeNanos) -> prober.probe(file);
        long planRun = catalog.startRun("organize", "");
        Map<String, Planner.Planned> planned = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Planner.Summary summary = new Planner(catalog,
                new Planner.Options(target, List.of(library.root()), mode, false, OnConflict.SKIP, Templates.DEFAULT))
                .plan(planRun, probes, Identify.DEFAULT, p -> assertThat(planned.put(p.item().source(), p)).as("planned twice: %s", p.item().source()).isNull(),
                        (path, problem) -> problems.add(path + ": " + problem));
        catalog.finishRun(planRun, RunRecord.Status.COMPLETED,
                new RunRecord.Counts(summary.planned() + summary.skipped(), summary.planned(), 0, summary.skipped()));
        Map<String, PlanItem> items = planned.values().stream()
                .collect(Collectors.toMap(p -> p.item().source(), Planner.Planned::item, (a, b) -> a, LinkedHashMap::new));
        return new Plan(planRun, summary, planned, items, problems, new ArrayList<>());
    }

    private static Applier.Summary apply(Catalog catalog, Plan plan) {
        long applyRun = catalog.startRun("organize", "--apply");
        List<Applier.Result> results = Collections.synchronizedList(new ArrayList<>());
        Applier.Summary summary = new Applier(catalog).apply(plan.runId(), applyRun, results::add);
        catalog.finishRun(applyRun, summary.failed() == 0 ? RunRecord.Status.COMPLETED : RunRecord.Status.FAILED,
                new RunRecord.Counts(results.size(), summary.done(), summary.failed(), summary.skipped()));
        plan.applyRuns().add(applyRun);
        assertThat(results.stream().filter(r -> r.status() == Applier.Status.FAILED)
                .map(r -> r.item().source() + ": " + r.detail())).as("failed operations").isEmpty();
        return summary;
    }

    private static Undo.Summary undo(Catalog catalog, long applyRun) {
        long undoRun = catalog.startRun("undo", Long.toString(applyRun));
        List<Undo.Result> results = new ArrayList<>();
        Undo.Summary summary = new Undo(catalog).undo(applyRun, undoRun, results::add);
        catalog.finishRun(undoRun, summary.refused() == 0 ? RunRecord.Status.COMPLETED : RunRecord.Status.FAILED,
                new RunRecord.Counts(results.size(), summary.restored(), summary.refused(), 0));
        assertThat(results.stream().filter(r -> r.status() != Applier.Status.DONE)
                .map(r -> r.operation().target() + ": " + r.detail())).as("operations undo refused").isEmpty();
        return summary;
    }

    // ---------------------------------------------------------------- trees

    /** Returns every regular file below {@code root} ('/'-separated relative path) with its content hash. */
    private static Map<String, String> tree(Path root) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> files.put(
                    root.relativize(p).toString().replace(java.io.File.separatorChar, '/'), hash(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Returns everything below {@code root}, folders included, or nothing when it is gone. */
    private static List<String> entries(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @SafeVarargs
    private static Map<String, Long> hashes(Map<String, String>... trees) {
        Map<String, Long> counts = new HashMap<>();
        for (Map<String, String> tree : trees) {
            tree.values().forEach(h -> counts.merge(h, 1L, Long::sum));
        }
        return counts;
    }

    private static String hash(Path file) {
        try {
            return ContentHash.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(String name) {
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    private static String stem(String name) {
        return name.substring(0, name.lastIndexOf('.'));
    }
}
