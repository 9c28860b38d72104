package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Feeds names built to be slow or to break things, and checks that each parses fast into something sane. */
class HostileNamesTest {
    // The 10 ms goal is measured and printed by ThroughputTest; assertions here only catch runaway
    // (super-linear) parses, with room for a loaded CI machine's pauses.
    private static final long CATASTROPHE_NANOS = 200_000_000L;


    static Stream<String> names() {
        StringBuilder words = new StringBuilder();
        for (int i = 0; words.length() < 10_000; i++) {
            words.append("Word").append(i % 7).append(i % 3 == 0 ? '.' : ' ');
        }
        return Stream.of(
                words.toString(),
                words + ".S01E02.720p.mkv",
                "a".repeat(10_000),
                "[".repeat(10_000),
                "(".repeat(5_000) + ")".repeat(5_000),
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[Show]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] - 01",
                "(a[b{c<d【e（f".repeat(1_000),
                "1".repeat(10_000),
                "Show " + "9".repeat(5_000) + ".mkv",
                "S01E01-E999999",
                "Show.S01E01-E999999.720p.mkv",
                "Show.S01E01" + "-E02".repeat(3_000) + ".mkv",
                "Show.S01E01" + "E02".repeat(3_000),
                "Show.1x01" + "-1x02".repeat(3_000),
                "Show.S" + "1".repeat(50) + "E" + "2".repeat(50),
                "[Group] Show - 0001-9999 [Batch]",
                "[Group] Show - 1-99999999999 [Batch]",
                "Show Cap.101" + "_120".repeat(2_000),
                ".".repeat(10_000),
                " - ".repeat(3_000),
                "/".repeat(10_000),
                "\\".repeat(10_000),
                "a/".repeat(5_000) + "Show.S01E01.mkv",
                "x".repeat(3_000) + "." + "mkv".repeat(3_000),
                "\u0301".repeat(5_000),
                "\uD83D\uDE00".repeat(3_000),
                "\uD800\uDC00\uDFFF\uD800",
                "\u0000\u0001\u0002\n\t\r",
                "第" + "1".repeat(5_000) + "话",
                "2014.01.15.".repeat(1_000),
                "S01".repeat(3_000),
                "Episode ".repeat(2_000) + "1",
                "feat. ".repeat(2_000) + "x.mp3",
                " - ".repeat(2_000) + ".flac",
                "(1999)".repeat(1_500) + ".mp3",
                "01 - ".repeat(2_000) + "Title.mp3",
                "Artist/".repeat(2_000) + "01 - Title.flac",
                "",
                " ",
                "-");
    }

    @ParameterizedTest
    @MethodSource("names")
    void parsesQuicklyIntoSomethingSane(String name) {
        MediaName n = null;
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            n = MediaNames.parse(name);
            best = Math.min(best, System.nanoTime() - t0);
        }
        assertThat(best).as("nanoseconds to parse a %d-char name", name.length()).isLessThan(CATASTROPHE_NANOS);
        assertThat(n.input()).isSameAs(name);
        assertThat(n.episodes().size()).isLessThanOrEqualTo(Episodes.MAX_RANGE + 1);
        assertThat(n.episodes()).allSatisfy(e -> assertThat(e).isBetween(0, Episodes.MAX_EPISODE));
        if (n.title() != null) {
            assertThat(n.title()).isNotBlank();
        }
        assertThat(MiniJson.object(MediaJson.toJson(n))).containsEntry("input", name);
    }

    @ParameterizedTest
    @MethodSource("names")
    void episodeRangesStayCapped(String name) {
        List<Integer> eps = MediaNames.parse(name).episodes();
        assertThat(eps).isSorted();
    }
}
