package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.metadata.Identify;
import dev.medley.metadata.MediaName;
import dev.medley.metadata.MediaNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names files by the template of their kind, with the fields identify gives. */
class NamingTest {
    private static Naming name(String path) {
        return name(Templates.DEFAULT, MediaNames.parse(path));
    }

    private static Naming name(Templates templates, MediaName parsed) {
        String file = parsed.input().substring(parsed.input().lastIndexOf('/') + 1);
        return Naming.main(templates, parsed, file.substring(0, file.lastIndexOf('.')));
    }

    @Test
    void filesAnimeByAbsoluteNumber() {
        Naming n = name("[SubsPlease] One Piece - 1071 (1080p) [ABCD1234].mkv");
        assertThat(n.problem()).isNull();
        assertThat(n.relative()).isEqualTo("One Piece/One Piece - 1071");
        assertThat(n.reason()).isEqualTo("episode 1071 of One Piece");
        assertThat(name("Show - 7 - The Title.mkv").relative()).isEqualTo("Show/Show - 007 - The Title");
    }

    @Test
    void filesDailyShowsByAirDate() {
        Naming n = name("The.Daily.Show.2024.01.15.Guest.Name.720p.mkv");
        assertThat(n.problem()).isNull();
        assertThat(n.relative()).startsWith("The Daily Show/Season 2024/The Daily Show - 2024-01-15");
    }

    @Test
    void filesPodcastsLecturesAndAudiobooksByTheirOwnTemplates() {
        assertThat(name("Podcasts/Serial/S01E01 - The Alibi.mp3").relative()).isEqualTo("Serial/Serial - 001 - The Alibi");
        assertThat(name("Lectures/CS50/Lecture 01 - Scratch.mp3").relative()).isEqualTo("CS50/CS50 - 01 - Scratch");
        assertThat(name("Audiobooks/Stephen King/The Shining/Chapter 03.mp3").relative())
                .isEqualTo("Stephen King/The Shining/The Shining - 03");
        assertThat(name("Audiobooks/Stephen King/The Shining.m4b").relative()).isEqualTo("Stephen King/The Shining/The Shining");
        Naming lecture = name("Lecture 01 - Intro.mp3");
        assertThat(lecture.problem()).isEqualTo("taken for lecture, but neither its name, its folders nor its tags give its course");
    }

    @Test
    void templatesMayUseTheReleaseFieldsAndAShowsYear() {
        Templates templates = Templates.DEFAULT
                .with(Templates.Key.MOVIE, Template.parse("{title} ({year})/{title} {edition} [{screenSize} {source} {videoCodec}]-{releaseGroup}"))
                .with(Templates.Key.EPISODE, Template.parse("{show} ({year})/{show} S{season:00}E{episode:00} {screenSize}"));
        assertThat(name(templates, MediaNames.parse("Blade.Runner.1982.Final.Cut.1080p.BluRay.x264-GRP.mkv")).relative())
                .isEqualTo("Blade Runner (1982)/Blade Runner Final Cut [1080p BluRay H.264]-GRP");
        MediaName episode = Identify.DEFAULT.identify("/tv/Doctor.Who.2005.S01E01.720p.HDTV.mkv",
                Map.of("date", "2005-03-26")).name();
        assertThat(name(templates, episode).relative()).as("the show's year, not the air date's")
                .isEqualTo("Doctor Who (2005)/Doctor Who S01E01 720p");
    }

    @Test
    void titleCaseGivesCapitalsToNamesWrittenInLowerCase() {
        MediaName lower = MediaNames.parse("the.office.us.s02e03.the.dundies.mkv");
        Naming plain = name(Templates.DEFAULT, lower);
        Naming titled = name(Templates.DEFAULT.withTitleCase(true), lower);
        assertThat(plain.relative()).startsWith("the office us/");
        assertThat(titled.relative()).isEqualTo("The Office Us/Season 02/The Office Us - S02E03 - The Dundies");
    }
}
