package dev.medley.organize;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeNamesTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "Star Wars: Episode IV => Star Wars - Episode IV",
        "Mission: Impossible => Mission - Impossible",
        "12:30 => 12-30",
        "AC/DC => AC-DC",
        "Back\\Slash => Back-Slash",
        "What?*<>| => What",
        "Who's \"Quoted\" => Who's 'Quoted'",
        "`  lots   of    space  ` => lots of space",
        "`trailing...  ` => trailing",
        "`Mr. Robot.` => Mr. Robot",
        ".hidden => _hidden",
        "..hidden => _.hidden",
        "`. leading dot` => _ leading dot",
        "`a : b` => a - b",
    })
    void replacesWhatFileSystemsReject(String raw, String safe) {
        assertThat(SafeNames.segment(raw)).isEqualTo(safe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "..", "...", " . . ", "?", "***", "\u0000", "\t\n", "<|>"})
    void givesAnUnderscoreWhenNothingIsLeft(String raw) {
        assertThat(SafeNames.segment(raw)).isEqualTo("_");
    }

    @Test
    void dropsControlCharactersAndTurnsOtherWhitespaceIntoOneSpace() {
        assertThat(SafeNames.segment("a\u0000b\u0007c\u007fd\u0085e")).isEqualTo("abcde");
        assertThat(SafeNames.segment("a\u00a0\u2003 b")).isEqualTo("a b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "CON          | CON_",
        "con.txt      | con_.txt",
        "Prn          | Prn_",
        "aux.tar.gz   | aux_.tar.gz",
        "NUL          | NUL_",
        "com1         | com1_",
        "LPT9.log     | LPT9_.log",
        "`nul .srt`   | nul_ .srt",
        "CONSOLE      | CONSOLE",
        "COM10        | COM10",
        "Icon.png     | Icon.png",
    })
    void renamesWindowsDeviceNames(String raw, String safe) {
        assertThat(SafeNames.segment(raw)).isEqualTo(safe);
    }

    @Test
    void normalisesToComposedForm() {
        assertThat(SafeNames.segment("Ame\u0301lie")).isEqualTo("Am\u00e9lie");
        // Dropping the '?' brings the 'e' and the accent together; the result must still be NFC.
        assertThat(SafeNames.segment("e?\u0301")).isEqualTo("\u00e9");
    }

    @Test
    void dropsLoneSurrogatesButKeepsPairs() {
        assertThat(SafeNames.segment("a\ud800b\udc00c")).isEqualTo("abc");
        assertThat(SafeNames.segment("\ud83d\ude00 Smile")).isEqualTo("\ud83d\ude00 Smile");
    }

    @Test
    void keepsTheBytesOfNamesThatAreNotUtf8() {
        // Escaped bytes (RawPaths): a\xff, \xc3(x. They stay, and two names that differ there stay two.
        assertThat(SafeNames.segment("a\udcff")).isEqualTo("a\udcff");
        assertThat(SafeNames.segment("\udcc3(x")).isEqualTo("\udcc3(x");
        assertThat(SafeNames.segment("a\udcfe")).isNotEqualTo(SafeNames.segment("a\udcff"));
        assertThat(SafeNames.foldKey("A\udcff")).isEqualTo(SafeNames.foldKey("a\udcff")).isNotEqualTo(SafeNames.foldKey("a\udcfe"));
        // An escaped byte below 0x80 never comes from a file name, and an escaped '/' must not become one.
        assertThat(SafeNames.segment("a\udc2fb")).isEqualTo("ab");
        // Each counts as the one byte it stands for.
        assertThat(SafeNames.capBytes("\udcff".repeat(300) + ".mkv", 255)).isEqualTo("\udcff".repeat(251) + ".mkv");
    }

    @Test
    void capsLongNamesAndKeepsTheExtension() {
        String name = SafeNames.segment("a".repeat(300) + ".mkv");
        assertThat(name).hasSize(255).endsWith(".mkv").startsWith("aaa");
    }

    @Test
    void capsWithoutSplittingACodePoint() {
        assertThat(SafeNames.segment("\u00e9".repeat(200))).isEqualTo("\u00e9".repeat(127));
        assertThat(SafeNames.segment("\ud83d\ude00".repeat(100))).isEqualTo("\ud83d\ude00".repeat(63));
        assertThat(SafeNames.segment("\u65e5".repeat(100)).getBytes(UTF_8)).hasSize(255);
    }

    @Test
    void capBytesKeepsACompoundExtensionAndStripsWhatTheCutLeaves() {
        String subtitle = SafeNames.capBytes("x".repeat(260) + " (2).en.srt", 255);
        assertThat(subtitle).isEqualTo("x".repeat(248) + ".en.srt");

        String cutAtSpace = SafeNames.capBytes("x".repeat(250) + " ." + "y".repeat(20) + ".mkv", 255);
        assertThat(cutAtSpace).isEqualTo("x".repeat(250) + ".mkv");
    }

    @Test
    void capBytesCutsTheWholeNameWhenTheExtensionIsLong() {
        String name = "x".repeat(300) + ".averyverylongextension";
        assertThat(SafeNames.capBytes(name, 255)).isEqualTo("x".repeat(255));
        assertThat(SafeNames.capBytes("x".repeat(10) + ".mkv", 4)).isEqualTo("xxxx");
    }

    @Test
    void capBytesLeavesNamesThatFit() {
        assertThat(SafeNames.capBytes("Film (2010).en.srt", 255)).isEqualTo("Film (2010).en.srt");
        assertThat(SafeNames.capBytes("abc", 3)).isEqualTo("abc");
        assertThatThrownBy(() -> SafeNames.capBytes("abc", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void foldKeyMatchesWhatCaseInsensitiveFileSystemsConfuse() {
        assertThat(SafeNames.foldKey("Show/Season 1")).isEqualTo(SafeNames.foldKey("show/SEASON 1"));
        assertThat(SafeNames.foldKey("Stra\u00dfe")).isEqualTo(SafeNames.foldKey("STRASSE"));
        assertThat(SafeNames.foldKey("Ame\u0301lie")).isEqualTo(SafeNames.foldKey("AM\u00c9LIE"));
        assertThat(SafeNames.foldKey("\u0131")).isEqualTo(SafeNames.foldKey("I"));
        assertThat(SafeNames.foldKey("Show/Season 1")).isNotEqualTo(SafeNames.foldKey("Show/Season 2"));
    }

    @Test
    void tabsAndLineBreaksSeparateWords() {
        assertThat(SafeNames.segment("Tab\tand\nnew line")).isEqualTo("Tab and new line");
    }
}
