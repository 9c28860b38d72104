package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.medley.organize.Sidecars.Match;
import dev.medley.organize.Sidecars.Sidecar;
import java.util.List;
import org.junit.jupiter.api.Test;

class SidecarsTest {

    private static Sidecar with(String name, String suffix) {
        return new Sidecar(name, suffix, false);
    }

    private static Sidecar folder(String name) {
        return new Sidecar(name, name, true);
    }

    @Test
    void filmTravelsWithSubtitlesArtworkAndNfo() {
        Match m = Sidecars.match(List.of("Film (2010).mkv"), List.of("Film (2010).en.srt", "Film (2010).forced.en.srt",
                "Film (2010).sub", "Film (2010).idx", "Film (2010)-poster.jpg", "Film (2010).nfo", "poster.jpg",
                "movie.nfo", "fanart.png", "RARBG.txt", "Thumbs.db", "Film (2010).mkv.part"));
        assertThat(m.byMedia().get("Film (2010).mkv")).containsExactly(
                with("Film (2010)-poster.jpg", "-poster.jpg"),
                with("Film (2010).en.srt", ".en.srt"),
                with("Film (2010).forced.en.srt", ".forced.en.srt"),
                with("Film (2010).idx", ".idx"),
                with("Film (2010).nfo", ".nfo"),
                with("Film (2010).sub", ".sub"),
                folder("fanart.png"),
                folder("movie.nfo"),
                folder("poster.jpg"));
        assertThat(m.unmatched()).containsExactly("Film (2010).mkv.part", "RARBG.txt", "Thumbs.db");
    }

    @Test
    void eachEpisodeOfASeasonKeepsItsOwnSubtitles() {
        List<String> episodes = List.of("Show - S01E01.mkv", "Show - S01E02.mkv", "Show - S01E10.mkv", "Show - S01E1.mkv");
        Match m = Sidecars.match(episodes, List.of("Show - S01E01.srt", "Show - S01E02.en.srt", "Show - S01E02.de.srt",
                "Show - S01E10.srt", "Show - S01E1.srt", "tvshow.nfo", "season01-poster.jpg"));
        assertThat(m.byMedia()).containsOnlyKeys(episodes);
        assertThat(m.byMedia().get("Show - S01E01.mkv"))
                .containsExactly(with("Show - S01E01.srt", ".srt"), folder("tvshow.nfo"));
        assertThat(m.byMedia().get("Show - S01E02.mkv"))
                .containsExactly(with("Show - S01E02.de.srt", ".de.srt"), with("Show - S01E02.en.srt", ".en.srt"));
        assertThat(m.byMedia().get("Show - S01E10.mkv")).containsExactly(with("Show - S01E10.srt", ".srt"));
        assertThat(m.byMedia().get("Show - S01E1.mkv")).containsExactly(with("Show - S01E1.srt", ".srt"));
        assertThat(m.unmatched()).containsExactly("season01-poster.jpg");
    }

    @Test
    void albumArtworkAndCueSheetFollowTheFirstTrack() {
        Match m = Sidecars.match(List.of("02 - Song.flac", "01 - Intro.flac"), List.of("cover.jpg", "folder.JPG",
                "AlbumArtSmall.jpg", "AlbumArt_{ABC}_Large.jpg", "01 - Intro.lrc", "02 - Song.lrc", "Album.cue",
                "playlist.m3u8", "Album.log", "back.png", "disc.png"));
        assertThat(m.byMedia().keySet()).containsExactly("01 - Intro.flac", "02 - Song.flac");
        assertThat(m.byMedia().get("01 - Intro.flac")).containsExactly(
                with("01 - Intro.lrc", ".lrc"), folder("Album.cue"), folder("AlbumArtSmall.jpg"),
                folder("AlbumArt_{ABC}_Large.jpg"), folder("back.png"), folder("cover.jpg"), folder("disc.png"),
                folder("folder.JPG"), folder("playlist.m3u8"));
        assertThat(m.byMedia().get("02 - Song.flac")).containsExactly(with("02 - Song.lrc", ".lrc"));
        assertThat(m.unmatched()).containsExactly("Album.log");
    }

    @Test
    void aCueSheetNamedLikeASingleFileRipTravelsByStem() {
        Match m = Sidecars.match(List.of("Album.flac"), List.of("Album.cue", "Album.m3u"));
        assertThat(m.byMedia().get("Album.flac")).containsExactly(with("Album.cue", ".cue"), folder("Album.m3u"));
    }

    @Test
    void transcriptsTravelWithTheirEpisode() {
        Match m = Sidecars.match(List.of("Episode.mkv"), List.of("Episode.txt", "Episode.json", "Episode.vtt",
                "Episode.xml", "Episode.en.ass"));
        assertThat(m.byMedia().get("Episode.mkv")).extracting(Sidecar::suffix)
                .containsExactly(".en.ass", ".json", ".txt", ".vtt", ".xml");
        assertThat(m.unmatched()).isEmpty();
    }

    @Test
    void theLongestStemWins() {
        Match m = Sidecars.match(List.of("Film.mkv", "Film Part 2.mkv"),
                List.of("Film Part 2.en.srt", "Film.en.srt", "Film-poster.jpg", "Film_fanart.jpg"));
        assertThat(m.byMedia().get("Film Part 2.mkv")).containsExactly(with("Film Part 2.en.srt", ".en.srt"));
        assertThat(m.byMedia().get("Film.mkv")).containsExactly(with("Film-poster.jpg", "-poster.jpg"),
                with("Film.en.srt", ".en.srt"), with("Film_fanart.jpg", "_fanart.jpg"));
    }

    @Test
    void exactCaseWinsBeforeAnyCase() {
        Match m = Sidecars.match(List.of("Film.avi", "film.mkv"), List.of("film.srt", "Film.srt", "FILM.EN.SRT"));
        assertThat(m.byMedia().get("film.mkv")).containsExactly(with("film.srt", ".srt"));
        assertThat(m.byMedia().get("Film.avi")).containsExactly(with("FILM.EN.SRT", ".EN.SRT"), with("Film.srt", ".srt"));
    }

    @Test
    void needsASeparatorAfterTheStemAndASidecarExtension() {
        Match m = Sidecars.match(List.of("Film.mkv"), List.of("Filmography.srt", "Film.exe", "Film.mkv.bak",
                "Film+extra.srt", "Film"));
        assertThat(m.byMedia().get("Film.mkv")).isEmpty();
        assertThat(m.unmatched()).containsExactly("Film", "Film+extra.srt", "Film.exe", "Film.mkv.bak", "Filmography.srt");
    }

    @Test
    void withoutMediaEverythingIsUnmatched() {
        Match m = Sidecars.match(List.of(), List.of("cover.jpg", "movie.nfo", "x.srt"));
        assertThat(m.byMedia()).isEmpty();
        assertThat(m.unmatched()).containsExactly("cover.jpg", "movie.nfo", "x.srt");
    }

    @Test
    void rejectsANameGivenTwice() {
        assertThatThrownBy(() -> Sidecars.match(List.of("a.mkv"), List.of("a.srt", "a.srt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"a.srt\" appears twice");
        assertThatThrownBy(() -> Sidecars.match(List.of("a.mkv"), List.of("a.mkv")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transcriptsNamedAfterTheWholeMediaNameTravelWithThatMedia() {
        // Media sharing a stem get transcripts that keep the media's extension: each goes with its own.
        Match m = Sidecars.match(List.of("x.aiff", "x.flac", "x.m4a"),
                List.of("x.aiff.txt", "x.flac.srt", "x.flac.txt", "x.m4a.vtt"));
        assertThat(m.byMedia().get("x.aiff")).containsExactly(with("x.aiff.txt", ".aiff.txt"));
        assertThat(m.byMedia().get("x.flac")).containsExactly(with("x.flac.srt", ".flac.srt"), with("x.flac.txt", ".flac.txt"));
        assertThat(m.byMedia().get("x.m4a")).containsExactly(with("x.m4a.vtt", ".m4a.vtt"));
        assertThat(m.unmatched()).isEmpty();
    }
}
