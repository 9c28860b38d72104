package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.organize.Sidecars.Match;
import dev.medley.organize.Sidecars.Sidecar;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Checks that every file of a folder is placed exactly once, whatever the names. */
class SidecarsPropertiesTest {
    private static final List<String> STEMS = List.of("Film", "film", "Film Part 2", "Show - S01E01", "Show - S01E1",
            "01 - Intro", "cover", "poster", "movie", "Album", "AlbumArtSmall", "x", "");
    private static final List<String> MIDDLES = List.of("", ".en", ".forced.en", "-poster", "_fanart", " extra", "2",
            "+x", ".EN", ".mkv");
    private static final List<String> EXTENSIONS = List.of(".srt", ".SRT", ".jpg", ".nfo", ".cue", ".m3u", ".txt",
            ".mkv", ".flac", ".exe", ".part", "", ".");

    @Provide
    Arbitrary<Set<String>> names() {
        return Combinators.combine(Arbitraries.of(STEMS), Arbitraries.of(MIDDLES), Arbitraries.of(EXTENSIONS))
                .as((stem, middle, extension) -> stem + middle + extension)
                .filter(name -> !name.isEmpty())
                .set().ofMaxSize(20);
    }

    @Property(tries = 1000)
    void placesEveryNameExactlyOnce(@ForAll("names") Set<String> media, @ForAll("names") Set<String> names) {
        List<String> others = new ArrayList<>(names);
        others.removeAll(media);
        Match m = Sidecars.match(List.copyOf(media), others);

        assertThat(m.byMedia().keySet()).containsExactlyInAnyOrderElementsOf(media);
        List<String> placed = new ArrayList<>(m.unmatched());
        m.byMedia().values().forEach(list -> list.forEach(s -> placed.add(s.name())));
        assertThat(placed).containsExactlyInAnyOrderElementsOf(others);

        String first = media.stream().sorted().findFirst().orElse(null);
        m.byMedia().forEach((owner, sidecars) -> {
            for (Sidecar s : sidecars) {
                if (s.folderLevel()) {
                    assertThat(owner).isEqualTo(first);
                    assertThat(s.suffix()).isEqualTo(s.name());
                } else {
                    String stem = Sidecars.stem(owner);
                    assertThat(s.name()).endsWith(s.suffix()).startsWithIgnoringCase(stem);
                    assertThat(s.name().length()).isEqualTo(stem.length() + s.suffix().length());
                    assertThat(".-_ ").contains(s.suffix().substring(0, 1));
                }
            }
        });
    }
}
