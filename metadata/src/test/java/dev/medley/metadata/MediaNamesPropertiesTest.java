package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Checks what must hold for every name: no exception, a bounded cost, stable answers, valid JSON. */
class MediaNamesPropertiesTest {
    // The 10 ms goal is measured and printed by ThroughputTest; assertions here only catch runaway
    // (super-linear) parses, with room for a loaded CI machine's pauses.
    private static final long CATASTROPHE_NANOS = 200_000_000L;

    /** Words that are no release word, marker or number in any language the parser knows. */
    private static final List<String> WORDS = List.of("Red", "Ocean", "Garden", "Silent", "River", "Kings",
            "Lantern", "Winter", "Orchard", "Quiet", "Hollow", "Paper", "Moon", "Glass", "Harbor", "Falcon",
            "Amber", "Meadow", "Copper", "Velvet", "Echo", "Prairie", "Summit", "Willow", "Lumen", "Cobalt");
    private static final List<String> PIECES = List.of("S01E02", "1x02", "S03", "Season 2", "E05", "Episode 7",
            "720p", "1080p", "x264", "HEVC", "BluRay", "WEB-DL", "HDTV", "2010", "(1999)", "[Group]", "[ABCD1234]",
            "- 05", "01", "103", "2014.01.15", "German", "MULTi", "EXTENDED", "Part 2", "CD1", "v2", "-GRP",
            "feat. X", "(Remix)", "[320kbps]", "第3话", "#12", "01-12", "~", "/", "\\", ".mkv", ".mp3", ".srt", "Ep.3",
            "Cap.102", "S01E01-E03", "S2014", "1x01-1x02", "AKA", "a.k.a.", "★", "【字幕组】", "Сериал", "드라마");

    @Provide
    Arbitrary<String> releaseNames() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.of(PIECES),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(6));
        Arbitrary<String> separator = Arbitraries.of(".", " ", "_", "-", " - ", "", "[", "]", "(", ")");
        return Combinators.combine(piece, separator).as((p, s) -> p + s).list().ofMinSize(1).ofMaxSize(14)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 1500)
    void neverThrowsAndNeverRunsAway(@ForAll @StringLength(max = 3000) String any) {
        check(any);
    }

    @Property(tries = 1500)
    void neverThrowsOnReleaseShapedNames(@ForAll("releaseNames") String name) {
        check(name);
    }

    private static void check(String name) {
        long best = Long.MAX_VALUE;
        MediaName n = null;
        for (int r = 0; r < 2; r++) {
            long t0 = System.nanoTime();
            n = MediaNames.parse(name);
            best = Math.min(best, System.nanoTime() - t0);
        }
        assertThat(best).as("ns for %s", name).isLessThan(CATASTROPHE_NANOS);
        assertThat(n.input()).isEqualTo(name);
        assertThat(n.episodes()).isSorted();
        if (n.title() != null) {
            assertThat(n.title()).isNotBlank().isEqualTo(n.title().strip());
        }
        if (n.year() != null) {
            assertThat(n.year()).isBetween(1880, 2099);
        }
        assertThat(MiniJson.object(MediaJson.toJson(n))).containsEntry("input", name).containsEntry("kind", n.kind().key());
        assertThat(MediaNames.parse(name)).as("same answer twice").isEqualTo(n);
    }

    @Property(tries = 1000)
    void kindIsStableUnderANeutralFolderPrefix(@ForAll("releaseNames") String name,
            @ForAll("extensions") String extension) {
        String file = name.replace('/', ' ').replace('\\', ' ') + extension;
        MediaKind alone = MediaNames.parse(file).kind();
        assertThat(MediaNames.parse("/srv/media/incoming/" + file).kind()).as(file).isEqualTo(alone);
        assertThat(MediaNames.parse("D:\\media\\" + file).kind()).as(file).isEqualTo(alone);
    }

    @Provide
    Arbitrary<String> extensions() {
        return Arbitraries.of(".mkv", ".mp4", ".avi", ".mp3", ".flac", ".srt", "");
    }

    @Property(tries = 1000)
    void readsBackTheEpisodeNamesItIsGiven(@ForAll("titles") String title, @ForAll @IntRange(min = 0, max = 60) int season,
            @ForAll @IntRange(min = 1, max = 300) int episode, @ForAll("styles") String style) {
        String name = switch (style) {
            case "dots" -> title.replace(' ', '.') + String.format(".S%02dE%02d.720p.HDTV.x264-GRP.mkv", season, episode);
            case "spaces" -> title + String.format(" - S%02dE%02d - Some Episode.mkv", season, episode);
            case "crossed" -> title + String.format(" - %dx%02d.avi", season, episode);
            default -> "/tv/" + title + String.format("/Season %d/%s S%02dE%02d.mkv", season, title, season, episode);
        };
        MediaName n = MediaNames.parse(name);
        assertThat(n.kind()).as(name).isEqualTo(MediaKind.EPISODE);
        assertThat(n.title()).as(name).isEqualTo(title);
        assertThat(n.season()).as(name).isEqualTo(season);
        assertThat(n.episodes()).as(name).containsExactly(episode);
    }

    @Property(tries = 1000)
    void readsBackTheFilmNamesItIsGiven(@ForAll("titles") String title, @ForAll @IntRange(min = 1920, max = 2030) int year,
            @ForAll("styles") String style) {
        String name = switch (style) {
            case "dots" -> title.replace(' ', '.') + "." + year + ".1080p.BluRay.x264-GRP.mkv";
            case "spaces" -> title + " (" + year + ").mkv";
            case "crossed" -> title + " " + year + " 720p WEB-DL.mp4";
            default -> "/movies/" + title + " (" + year + ")/" + title + " (" + year + ").mkv";
        };
        MediaName n = MediaNames.parse(name);
        assertThat(n.kind()).as(name).isEqualTo(MediaKind.MOVIE);
        assertThat(n.title()).as(name).isEqualTo(title);
        assertThat(n.year()).as(name).isEqualTo(year);
    }

    @Property(tries = 500)
    void readsBackTheMusicNamesItIsGiven(@ForAll("titles") String artist, @ForAll("titles") String title,
            @ForAll @IntRange(min = 1, max = 40) int track) {
        MediaName n = MediaNames.parse(String.format("Music/%s/Album/%02d - %s.flac", artist, track, title));
        assertThat(n.kind()).isEqualTo(MediaKind.MUSIC);
        assertThat(n.artist()).isEqualTo(artist);
        assertThat(n.album()).isEqualTo("Album");
        assertThat(n.track()).isEqualTo(track);
        assertThat(n.title()).isEqualTo(title);
        MediaName flat = MediaNames.parse(String.format("%02d. %s - %s.mp3", track, artist, title));
        assertThat(flat.artist()).isEqualTo(artist);
        assertThat(flat.title()).isEqualTo(title);
        assertThat(flat.track()).isEqualTo(track);
    }

    @Provide
    Arbitrary<String> titles() {
        return Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(4).map(w -> String.join(" ", w));
    }

    @Provide
    Arbitrary<String> styles() {
        return Arbitraries.of("dots", "spaces", "crossed", "folders");
    }
}
