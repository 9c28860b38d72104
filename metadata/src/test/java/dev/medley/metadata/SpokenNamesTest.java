package dev.medley.metadata;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks that podcasts, lectures and audiobooks are read as such, from the cues of their folders
 * and names, and that the words of song titles are not taken for cues. The show, course or book is
 * the title; the item's own title is the episode title.
 */
class SpokenNamesTest {
    static final String PODCASTS = """
            Podcasts/Serial/S01E01 - The Alibi.mp3 => podcast; title=Serial; season=1; episode=1; episodeTitle=The Alibi; artist=-
            Podcasts/Serial/Season 2/S02E03 - Escaping.mp3 => podcast; title=Serial; season=2; episode=3; episodeTitle=Escaping
            Serial/S01E01 - The Alibi.mp3 => podcast; title=Serial; episode=1
            Serial/Ep 12 - Title.mp3 => podcast; title=Serial; episode=12; episodeTitle=Title
            Podcasts/Serial/Episode 12.mp3 => podcast; title=Serial; episode=12; episodeTitle=-
            Podcasts/The Daily/2024-01-15 - The Sunday Read.mp3 => podcast; title=The Daily; date=2024-01-15; episodeTitle=The Sunday Read
            Podcasts/Serial - The Alibi.mp3 => podcast; title=Serial; episodeTitle=The Alibi
            Podcasts/Hardcore History/042 - Blueprint for Armageddon.mp3 => podcast; title=Hardcore History; episode=42
            My Podcasts/Radiolab/Radiolab - Ep 3 - Colors.mp3 => podcast; title=Radiolab; episode=3; episodeTitle=Colors
            """;

    static final String LECTURES = """
            Lecture 01 - Intro.mp3 => lecture; title=-; episode=1; episodeTitle=Intro; artist=-
            Lectures/CS50/Lecture 01 - Scratch.mp3 => lecture; title=CS50; episode=1; episodeTitle=Scratch
            CS50 - Lecture 3 - Arrays.mp3 => lecture; title=CS50; episode=3; episodeTitle=Arrays
            Courses/MIT 6.006/Week 1/Lec03_Sorting.mp3 => lecture; title=MIT 6.006; episode=3; episodeTitle=Sorting
            Machine Learning Course/01 - Linear Regression.mp3 => lecture; title=Machine Learning Course; episode=1
            Philosophy 101/Class 5 - Descartes.mp3 => lecture; title=Philosophy 101; episode=5; episodeTitle=Descartes
            Session 12 - Review.m4a => lecture; episode=12; episodeTitle=Review
            """;

    static final String AUDIOBOOKS = """
            Audiobooks/Stephen King/The Shining/Chapter 01.mp3 => audiobook; artist=Stephen King; title=The Shining; part=1
            Audiobooks/Stephen King - The Shining (1977)/01 - Chapter One.mp3 => audiobook; artist=Stephen King; title=The Shining; part=1; episodeTitle=Chapter One
            Audiobooks/Stephen King/The Shining.m4b => audiobook; artist=Stephen King; title=The Shining; part=-
            Stephen King/The Shining/The Shining.m4b => audiobook; artist=Stephen King; title=The Shining
            Muse - Knights of Cydonia.m4b => audiobook; artist=Muse; title=Knights of Cydonia
            Audiobooks/Tolkien/1937 - The Hobbit/Part 03.mp3 => audiobook; artist=Tolkien; title=The Hobbit; year=1937; part=3
            """;

    // Words of titles, not cues: these stay music.
    static final String STILL_MUSIC = """
            Stephen King - The Shining - Part 01.mp3 => music; artist=Stephen King; album=The Shining
            Burial - Archangel (Part 2).mp3 => music; artist=Burial; title=Archangel (Part 2)
            Artist - BBC Session 2.mp3 => music; artist=Artist; title=BBC Session 2
            Artist/Album/Artist - Song #1.mp3 => music; artist=Artist; title=Song #1
            Artist/Album/03 - Episode.mp3 => music; track=3; title=Episode
            The Clash - Classic Rock 1.mp3 => music; artist=The Clash
            Ep 3 - Title.mp3 => music
            """;

    static Stream<Expectation> cases() {
        return Stream.of(PODCASTS, LECTURES, AUDIOBOOKS, STILL_MUSIC).map(Expectation::all).flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reads(Expectation expectation) {
        expectation.check();
    }
}
