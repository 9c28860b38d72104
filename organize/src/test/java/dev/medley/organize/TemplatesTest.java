package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.medley.metadata.MediaKind;
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
        assertThat(d.episode()).hasToString("{show}/Season {season:00}/{show} - S{season:00}E{episode:00} - {episodeTitle}");
        assertThat(d.movie()).hasToString("{title} ({year})/{title} ({year})");
        assertThat(d.music()).hasToString("{albumArtist}/{album} ({year})/{disc}-{track:00} {title}");
        assertThat(d.other()).isNull();
    }

    @Test
    void givesTheTemplateForEachKind() {
        Templates d = Templates.DEFAULT;
        assertThat(d.forKind(MediaKind.EPISODE)).isSameAs(d.episode());
        assertThat(d.forKind(MediaKind.MOVIE)).isSameAs(d.movie());
        assertThat(d.forKind(MediaKind.MUSIC)).isSameAs(d.music());
        assertThat(d.forKind(MediaKind.OTHER)).isNull();
    }

    @Test
    void requiresTemplatesForEpisodesMoviesAndMusic() {
        Template t = Template.parse("{title}");
        assertThatThrownBy(() -> new Templates(null, t, t, null)).isInstanceOf(NullPointerException.class);
        assertThat(new Templates(t, t, t, t).forKind(MediaKind.OTHER)).isSameAs(t);
    }

    @Test
    void loadsKeysAndAliasesAndKeepsDefaultsForTheRest() throws IOException {
        Templates t = Templates.load(file("""
                \uFEFF# Kodi-style episodes

                tv    = {show}/Season {season}/{show} S{season:00}E{episode:00}
                  FILM= {title} ({year})
                other = Other/{originalName}
                """));
        assertThat(t.episode()).hasToString("{show}/Season {season}/{show} S{season:00}E{episode:00}");
        assertThat(t.movie()).hasToString("{title} ({year})");
        assertThat(t.music()).isEqualTo(Templates.DEFAULT.music());
        assertThat(t.other()).hasToString("Other/{originalName}");
    }

    @Test
    void loadsTheCanonicalKeys() throws IOException {
        Templates t = Templates.load(file("episode = {show}/{episodeTitle}\nmovie = {title}\nmusic = {artist}/{title}\n"));
        assertThat(t).isEqualTo(new Templates(Template.parse("{show}/{episodeTitle}"), Template.parse("{title}"),
                Template.parse("{artist}/{title}"), null));
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws IOException {
        assertThat(Templates.load(file("# nothing to change\n\n"))).isEqualTo(Templates.DEFAULT);
    }

    @Test
    void anEmptyOtherLeavesOtherFilesAlone() throws IOException {
        assertThat(Templates.load(file("other =\n")).other()).isNull();
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
                .hasMessage(unknown + ":1: unknown key \"series\"; keys: episode (or tv), movie (or film), music, other");
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
