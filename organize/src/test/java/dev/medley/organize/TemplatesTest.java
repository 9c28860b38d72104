package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.medley.metadata.MediaNames;
import dev.medley.organize.Templates.Key;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("naming.conf"), text, StandardCharsets.UTF_8);
    }

    @Test
    void defaultsNameFilesTheWayMediaServersExpect() {
        Templates d = Templates.DEFAULT;
        assertThat(d.get(Key.EPISODE)).hasToString("{show}/Season {season:00}/{show} - S{season:00}E{episode:00} - {episodeTitle}");
        assertThat(d.get(Key.DAILY)).hasToString("{show}/Season {date:yyyy}/{show} - {date} - {episodeTitle}");
        assertThat(d.get(Key.ANIME)).hasToString("{show}/{show} - {absolute:000} - {episodeTitle}");
        assertThat(d.get(Key.MOVIE)).hasToString("{title} ({year})/{title} ({year})");
        assertThat(d.get(Key.MUSIC)).hasToString("{albumArtist}/{album} ({year})/{disc}-{track:00} {title}");
        assertThat(d.get(Key.PODCAST)).hasToString("{show}/{show} - {episode:000} - {episodeTitle}");
        assertThat(d.get(Key.LECTURE)).hasToString("{course}/{course} - {episode:00} - {episodeTitle}");
        assertThat(d.get(Key.AUDIOBOOK)).hasToString("{author}/{book}/{book} - {part:00} - {episodeTitle}");
        assertThat(d.get(Key.OTHER)).isNull();
        assertThat(d.titleCase()).isFalse();
    }

    @Test
    void choosesTheTemplateByKindAndForEpisodesByNumbering() {
        assertThat(Key.of(MediaNames.parse("Show.S01E02.mkv"))).isEqualTo(Key.EPISODE);
        assertThat(Key.of(MediaNames.parse("The.Daily.Show.2024.01.15.Guest.720p.mkv"))).isEqualTo(Key.DAILY);
        assertThat(Key.of(MediaNames.parse("[SubsPlease] One Piece - 1071 (1080p).mkv"))).isEqualTo(Key.ANIME);
        assertThat(Key.of(MediaNames.parse("One Piece/Season 21/One Piece - 1071.mkv")))
                .as("a season folder numbers it by season").isEqualTo(Key.EPISODE);
        assertThat(Key.of(MediaNames.parse("Heat.1995.1080p.mkv"))).isEqualTo(Key.MOVIE);
        assertThat(Key.of(MediaNames.parse("Portishead - Roads.mp3"))).isEqualTo(Key.MUSIC);
        assertThat(Key.of(MediaNames.parse("Podcasts/Serial/S01E01 - The Alibi.mp3"))).isEqualTo(Key.PODCAST);
        assertThat(Key.of(MediaNames.parse("Lecture 01 - Intro.mp3"))).isEqualTo(Key.LECTURE);
        assertThat(Key.of(MediaNames.parse("Audiobooks/King/The Shining.m4b"))).isEqualTo(Key.AUDIOBOOK);
        assertThat(Templates.DEFAULT.forName(MediaNames.parse("notes.pdf"))).isNull();
    }

    @Test
    void requiresTemplatesForEveryKeyButOther() {
        Template t = Template.parse("{title}");
        assertThatThrownBy(() -> Templates.DEFAULT.with(Key.MOVIE, null)).isInstanceOf(NullPointerException.class);
        assertThat(Templates.DEFAULT.with(Key.OTHER, t).get(Key.OTHER)).isSameAs(t);
        assertThat(Templates.DEFAULT.with(Key.OTHER, t).with(Key.OTHER, null)).isEqualTo(Templates.DEFAULT);
        assertThat(Templates.DEFAULT.withTitleCase(true)).isNotEqualTo(Templates.DEFAULT);
        assertThat(Templates.DEFAULT.withTitleCase(true).titleCase()).isTrue();
    }

    @Test
    void loadsKeysAndAliasesAndKeepsDefaultsForTheRest() throws IOException {
        Templates t = Templates.load(file("""
                \uFEFF# Kodi-style episodes

                tv    = {show}/Season {season}/{show} S{season:00}E{episode:00}
                  FILM= {title} ({year})
                other = Other/{originalName}
                podcast = Podcasts/{show}/{date} {episodeTitle}
                """));
        assertThat(t.get(Key.EPISODE)).hasToString("{show}/Season {season}/{show} S{season:00}E{episode:00}");
        assertThat(t.get(Key.MOVIE)).hasToString("{title} ({year})");
        assertThat(t.get(Key.MUSIC)).isEqualTo(Templates.DEFAULT.get(Key.MUSIC));
        assertThat(t.get(Key.OTHER)).hasToString("Other/{originalName}");
        assertThat(t.get(Key.PODCAST)).hasToString("Podcasts/{show}/{date} {episodeTitle}");
        assertThat(t.get(Key.DAILY)).isEqualTo(Templates.DEFAULT.get(Key.DAILY));
    }

    @Test
    void loadsTheCanonicalKeys() throws IOException {
        Templates t = Templates.load(file("episode = {show}/{episodeTitle}\nmovie = {title}\nmusic = {artist}/{title}\n"
                + "daily = {show}/{date}\nanime = {show}/{absolute}\nlecture = {course}/{title}\naudiobook = {author}/{book}\n"));
        assertThat(t).isEqualTo(Templates.DEFAULT.with(Key.EPISODE, Template.parse("{show}/{episodeTitle}"))
                .with(Key.MOVIE, Template.parse("{title}"))
                .with(Key.MUSIC, Template.parse("{artist}/{title}"))
                .with(Key.DAILY, Template.parse("{show}/{date}"))
                .with(Key.ANIME, Template.parse("{show}/{absolute}"))
                .with(Key.LECTURE, Template.parse("{course}/{title}"))
                .with(Key.AUDIOBOOK, Template.parse("{author}/{book}")));
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws IOException {
        assertThat(Templates.load(file("# nothing to change\n\n"))).isEqualTo(Templates.DEFAULT);
    }

    @Test
    void anEmptyOtherLeavesOtherFilesAlone() throws IOException {
        assertThat(Templates.load(file("other =\n")).get(Key.OTHER)).isNull();
    }

    @Test
    void namesFileLineAndColumnOfABadTemplate() throws IOException {
        Path f = file("# films\nmovie = {titel} ({year})\n");
        assertThatThrownBy(() -> Templates.load(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + ":2: unknown field {titel} at column 10; fields: show,");
        Path empty = file("music =   \n");
        assertThatThrownBy(() -> Templates.load(empty)).hasMessage(empty + ":1: empty template");
    }

    @Test
    void rejectsUnknownKeysLinesWithoutEqualsAndRepeats() throws IOException {
        Path unknown = file("series = {show}\n");
        assertThatThrownBy(() -> Templates.load(unknown))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(unknown + ":1: unknown key \"series\"; keys: episode (or tv), daily, anime, movie (or film), "
                        + "music, podcast, lecture, audiobook, other");
        Path noEquals = file("\n{show}/{title}\n");
        assertThatThrownBy(() -> Templates.load(noEquals))
                .hasMessage(noEquals + ":2: expected key = template, found \"{show}/{title}\"");
        Path twice = file("tv = {show}\nepisode = {show}/{episodeTitle}\n");
        assertThatThrownBy(() -> Templates.load(twice))
                .hasMessage(twice + ":2: \"episode\" repeats the episode template of line 1");
    }

    @Test
    void reportsAMissingFile() {
        assertThatThrownBy(() -> Templates.load(dir.resolve("absent.conf"))).isInstanceOf(NoSuchFileException.class);
    }
}
