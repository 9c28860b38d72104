package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTest {
    private static final Template EPISODE = Templates.DEFAULT.get(Templates.Key.EPISODE);
    private static final Template MOVIE = Templates.DEFAULT.get(Templates.Key.MOVIE);
    private static final Template MUSIC = Templates.DEFAULT.get(Templates.Key.MUSIC);

    /** Returns a value map from alternating names and values; a null value stays null. */
    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    @Test
    void rendersAnEpisode() {
        Template.Rendering r = EPISODE.render(values("show", "The Office (US)", "season", 2, "episode", List.of(3),
                "episodeTitle", "The Dundies")::get);
        assertThat(r.path()).isEqualTo("The Office (US)/Season 02/The Office (US) - S02E03 - The Dundies");
        assertThat(r.missing()).isEmpty();
    }

    @Test
    void joinsTheEpisodesOfAMultiEpisodeFile() {
        Template.Rendering r = EPISODE.render(values("show", "Lost", "season", 1, "episode", List.of(1, 2),
                "episodeTitle", "Pilot")::get);
        assertThat(r.path()).isEqualTo("Lost/Season 01/Lost - S01E01-E02 - Pilot");
        assertThat(Template.parse("E{episode}").render(values("episode", List.of(9, 10, 11))::get).path())
                .isEqualTo("E9-E10-E11");
    }

    @Test
    void dropsTheDashBeforeAMissingEpisodeTitle() {
        Template.Rendering r = EPISODE.render(values("show", "Show", "season", 1, "episode", 2)::get);
        assertThat(r.path()).isEqualTo("Show/Season 01/Show - S01E02");
        assertThat(r.missing()).containsExactly("episodeTitle");
    }

    @Test
    void rendersAMovieAndDropsTheEmptyYearWithItsBrackets() {
        assertThat(MOVIE.render(values("title", "Star Wars: Episode IV \u2013 A New Hope", "year", 1977)::get).path())
                .isEqualTo("Star Wars - Episode IV \u2013 A New Hope (1977)/Star Wars - Episode IV \u2013 A New Hope (1977)");
        Template.Rendering noYear = MOVIE.render(values("title", "Heat")::get);
        assertThat(noYear.path()).isEqualTo("Heat/Heat");
        assertThat(noYear.missing()).containsExactly("year");
    }

    @Test
    void rendersATrackAndCleansUpMissingDiscAndArtist() {
        Map<String, Object> track = values("albumArtist", "AC/DC", "album", "Back in Black", "year", 1980,
                "disc", 1, "track", 5, "title", "Hells Bells");
        assertThat(MUSIC.render(track::get).path()).isEqualTo("AC-DC/Back in Black (1980)/1-05 Hells Bells");

        track.remove("disc");
        assertThat(MUSIC.render(track::get).path()).isEqualTo("AC-DC/Back in Black (1980)/05 Hells Bells");

        track.remove("albumArtist");
        track.remove("year");
        Template.Rendering r = MUSIC.render(track::get);
        assertThat(r.path()).isEqualTo("Back in Black/05 Hells Bells");
        assertThat(r.missing()).containsExactly("albumArtist", "year", "disc");
    }

    @Test
    void dropsAWholeLevelWhoseFieldsAreEmpty() {
        Template t = Template.parse("{title}/{extra}/{title} [{edition}]");
        assertThat(t.render(values("title", "Alien")::get).path()).isEqualTo("Alien/Alien");
        assertThat(t.render(values("title", "Alien", "extra", "Trailers", "edition", "Director's Cut")::get).path())
                .isEqualTo("Alien/Trailers/Alien [Director's Cut]");
    }

    @Test
    void givesAnUnderscoreAndReportsEveryFieldWhenNothingIsLeft() {
        Template.Rendering r = Template.parse("{show}/{extra} - {part}").render(values()::get);
        assertThat(r.path()).isEqualTo("_");
        assertThat(r.missing()).containsExactly("show", "extra", "part");

        Template.Rendering dashes = Template.parse("{title}").render(values("title", "---")::get);
        assertThat(dashes.path()).isEqualTo("_");
        assertThat(dashes.missing()).containsExactly("title");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{artist} - {album} - {title}     | Artist - Title",
        "{artist}-{album}-{title}         | Artist-Title",
        "{artist} ({album}) [{year}] {title} | Artist Title",
        "{artist} ([{album}]) {title}     | Artist Title",
        "{artist}.{album}.{title}         | Artist.Title",
        "{artist}_{album}_{title}         | Artist_Title",
        "{album} - {artist} - {title}     | Artist - Title",
        "{title} - {album}                | Title",
        "{artist} - {album}{year} - {title} | Artist - Title",
    })
    void removesThePunctuationOfEmptyFields(String template, String path) {
        assertThat(Template.parse(template).render(values("artist", "Artist", "title", "Title")::get).path())
                .isEqualTo(path);
    }

    @Test
    void leavesThePunctuationInsideValuesAlone() {
        Template t = Template.parse("{title} ({year})");
        assertThat(t.render(values("title", "Untitled ()")::get).path()).isEqualTo("Untitled ()");
        assertThat(t.render(values("title", "Foo -- Bar")::get).path()).isEqualTo("Foo -- Bar");
        assertThat(t.render(values("title", "Foo -- Bar", "year", 2001)::get).path()).isEqualTo("Foo -- Bar (2001)");
        assertThat(Template.parse("{title} -- {year}").render(values("title", "A", "year", 1)::get).path())
                .as("no empty field, nothing to tidy").isEqualTo("A -- 1");
    }

    @Test
    void stripsSeparatorsAtTheEndsOfALevel() {
        Template t = Template.parse("{album} ({year})");
        assertThat(t.render(values("album", "...And Justice for All", "year", 1988)::get).path())
                .isEqualTo("And Justice for All (1988)");
        assertThat(Template.parse("{title}").render(values("title", " _Title_. ")::get).path()).isEqualTo("Title");
    }

    @Test
    void padsNumbers() {
        Template t = Template.parse("{track:000} T{disc:00}");
        assertThat(t.render(values("track", 7, "disc", -3)::get).path()).isEqualTo("007 T-03");
        assertThat(t.render(values("track", 1234L, "disc", (short) 2)::get).path()).isEqualTo("1234 T02");
        assertThat(t.render(values("track", "7", "disc", "x")::get).path()).as("digit strings too").isEqualTo("007 Tx");
        assertThat(Template.parse("{track}").render(values("track", 5)::get).path()).isEqualTo("5");
    }

    @Test
    void writesDatesAsIso() {
        Template t = Template.parse("{show}/{show} - {date} - {episodeTitle}");
        assertThat(t.render(values("show", "The Daily Show", "date", LocalDate.of(2014, 1, 5), "episodeTitle", "Guest")::get)
                .path()).isEqualTo("The Daily Show/The Daily Show - 2014-01-05 - Guest");
    }

    @Test
    void writesDatesByAPatternOfYearsMonthsAndDays() {
        Map<String, Object> daily = values("show", "The Daily Show", "date", LocalDate.of(2014, 1, 5));
        assertThat(Template.parse("{show}/Season {date:yyyy}/{date:yyyy.MM.dd}").render(daily::get).path())
                .isEqualTo("The Daily Show/Season 2014/2014.01.05");
        assertThat(Template.parse("{date:dd-MM-yy}").render(daily::get).path()).isEqualTo("05-01-14");
        Template.Rendering undated = Template.parse("{show}/Season {date:yyyy}/{show}").render(values("show", "S")::get);
        assertThat(undated.path()).isEqualTo("S/Season/S");
        assertThat(undated.missing()).containsExactly("date");
    }

    @Test
    void givesCapitalsToNamesWrittenInLowerCaseWhereAsked() {
        Map<String, Object> lower = values("show", "the lord of the rings: the rings of power", "episodeTitle", "iPhone day",
                "releaseGroup", "grp", "originalName", "the.show.s01e01");
        assertThat(Template.parse("{show:title} - {episodeTitle:title} - {releaseGroup}").render(lower::get).path())
                .isEqualTo("The Lord of the Rings - The Rings of Power - iPhone day - grp");
        assertThat(Template.parse("{show} - {releaseGroup} - {originalName}").render(lower::get, true).path())
                .as("every field that names things, not the technical ones nor the original name")
                .isEqualTo("The Lord of the Rings - The Rings of Power - grp - the.show.s01e01");
        assertThat(Template.parse("{show}").render(lower::get, false).path())
                .isEqualTo("the lord of the rings - the rings of power");
    }

    @Test
    void keepsUnicodeAndComposesIt() {
        Template t = Template.parse("{show}/{title}");
        assertThat(t.render(values("show", "\u9032\u6483\u306e\u5de8\u4eba", "title", "Ame\u0301lie \ud83c\udfac")::get)
                .path()).isEqualTo("\u9032\u6483\u306e\u5de8\u4eba/Am\u00e9lie \ud83c\udfac");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/x", "..", ".", "../..", "\\..\\..\\windows", "a/../../b",
            "C:\\Windows", "\u0000", "//", "~/.ssh"})
    void valuesNeverEscapeOrAddLevels(String hostile) {
        for (Template t : List.of(EPISODE, MOVIE, MUSIC)) {
            Map<String, Object> all = new HashMap<>();
            Template.FIELDS.forEach(f -> all.put(f, hostile));
            String path = t.render(all::get).path();
            assertThat(path).doesNotStartWith("/").doesNotContain("\\");
            assertThat(path.split("/", -1)).hasSizeLessThanOrEqualTo(3)
                    .allSatisfy(level -> assertThat(level).isNotEmpty().isNotIn(".", ".."));
        }
        assertThat(MUSIC.render(values("albumArtist", hostile, "album", "A", "track", 1, "title", "T")::get).path())
                .matches("([^/]+/)?A/01 T");
    }

    @Test
    void keepsFieldsAndTextOfTheTemplate() {
        assertThat(Template.FIELDS).hasSize(27).startsWith("show", "season", "episode")
                .contains("originalName", "screenSize", "videoCodec", "source", "releaseGroup", "absolute", "author");
        String text = "{albumArtist}/{album} ({year})/{disc}-{track:00} {title}";
        Template t = Template.parse(text);
        assertThat(t).hasToString(text).isEqualTo(Template.parse(text)).hasSameHashCodeAs(Template.parse(text));
        assertThat(t).isNotEqualTo(Template.parse("{album}"));
        assertThat(t.fields()).containsExactly("albumArtist", "album", "year", "disc", "track", "title");
        assertThat(Template.parse("{originalName}").render(values("originalName", "IMG_0001")::get).path())
                .isEqualTo("IMG_0001");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{shw}/{title}             | unknown field {shw} at column 2; fields: show, season, episode,",
        "x/{Show}                  | unknown field {Show} at column 4",
        "{show                     | unclosed { at column 1",
        "{show}/{sea{son}          | unclosed { at column 8",
        "{show}}                   | unmatched } at column 7",
        "`  `                      | empty template",
        "/{show}                   | absolute path at column 1",
        "{show}/../{title}         | folder level \"..\" at column 8",
        "./{show}                  | folder level \".\" at column 1",
        "{show}/ .. /{title}       | folder level \"..\" at column 8",
        "{show}//{title}           | empty folder level at column 8",
        "{show}/                   | empty folder level at column 8",
        "{track:0x}                | bad format {track:0x} at column 8",
        "{track:}                  | bad format {track:} at column 8",
        "{track:%02d}              | bad format {track:%02d} at column 8",
        "{title:yyyy}              | bad format {title:yyyy} at column 8; formats: zeros",
        "{date:yyyy MMMM}          | bad format {date:yyyy MMMM} at column 7",
        "{date:EEEE}               | bad format {date:EEEE} at column 7",
        "{}                        | empty field {} at column 1",
        "{:00}                     | empty field {:00} at column 1",
        "{show}\\{title}           | backslash at column 7",
    })
    void explainsBadTemplates(String text, String message) {
        assertThatThrownBy(() -> Template.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void rejectsControlCharactersAndCountsColumnsFromAnOffset() {
        assertThatThrownBy(() -> Template.parse("{show}\t{title}"))
                .hasMessage("control character U+0009 at column 7");
        assertThatThrownBy(() -> Template.parse("{titel}", 8)).hasMessageStartingWith("unknown field {titel} at column 10");
        assertThatThrownBy(() -> Template.parse("")).hasMessage("empty template");
    }
}
