package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaJsonTest {

    @Test
    void writesAnEpisodeWithIntegersAndLeavesAbsentFieldsOut() {
        String json = MediaJson.toJson(MediaNames.parse("Show.S01E02.720p.HDTV.x264-GRP.mkv"));
        assertThat(json).isEqualTo("{\"input\":\"Show.S01E02.720p.HDTV.x264-GRP.mkv\",\"kind\":\"episode\","
                + "\"title\":\"Show\",\"season\":1,\"episode\":2,\"screenSize\":\"720p\",\"source\":\"HDTV\","
                + "\"videoCodec\":\"H.264\",\"releaseGroup\":\"GRP\",\"confidence\":0.95}");
    }

    @Test
    void writesSeveralEpisodesAsAList() {
        Map<String, Object> m = MiniJson.object(MediaJson.toJson(MediaNames.parse("Show.S01E01-E03.mkv")));
        assertThat(m.get("episode")).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(m.get("season")).isEqualTo(1L);
    }

    @Test
    void writesFilmYearAsAnIntegerAndKindInLowerCase() {
        Map<String, Object> m = MiniJson.object(MediaJson.toJson(MediaNames.parse("Heat (1995).mkv")));
        assertThat(m).containsEntry("kind", "movie").containsEntry("year", 1995L).containsEntry("title", "Heat");
        assertThat(m).doesNotContainKeys("season", "episode", "artist");
    }

    @Test
    void writesMusicTrackAsAnInteger() {
        Map<String, Object> m = MiniJson.object(MediaJson.toJson(MediaNames.parse("Artist/Album (2001)/07 - Song.flac")));
        assertThat(m).containsEntry("kind", "music").containsEntry("track", 7L).containsEntry("year", 2001L)
                .containsEntry("artist", "Artist").containsEntry("album", "Album");
    }

    @Test
    void writesDatesAsIsoStrings() {
        Map<String, Object> m = MiniJson.object(MediaJson.toJson(MediaNames.parse("The.Show.2014.01.15.mkv")));
        assertThat(m).containsEntry("date", "2014-01-15");
    }

    @Test
    void escapesWhatJsonCannotHoldRaw() {
        String input = "a\"b\\c\u0001\n\u2028\uD800.mkv";
        String json = MediaJson.toJson(MediaNames.parse(input));
        assertThat(json).doesNotContain("\n").contains("\\\"").contains("\\\\").contains("\\u0001").contains("\\u2028")
                .contains("\\ud800");
        assertThat(MiniJson.object(json)).containsEntry("input", input);
    }

    @Test
    void keepsUnicodeAsIs() {
        String json = MediaJson.toJson(MediaNames.parse("Björk - Jóga.flac"));
        assertThat(json).contains("\"artist\":\"Björk\"").contains("\"title\":\"Jóga\"");
    }

    @Test
    void writesTheSideFileKindAndAlwaysAConfidence() {
        Map<String, Object> side = MiniJson.object(MediaJson.toJson(MediaNames.parse("Film.Title.2010.720p.BluRay.x264-GRP.nfo")));
        assertThat(side).containsEntry("sideFile", "nfo");
        Map<String, Object> empty = MiniJson.object(MediaJson.toJson(MediaNames.parse("")));
        assertThat(empty).containsEntry("kind", "other").containsEntry("confidence", 0.0);
    }

    @Test
    void writesKeysInOneFixedOrder() {
        String json = MediaJson.toJson(MediaNames.parse("[Group] Show - 05 [1080p][ABCD1234].mkv"));
        assertThat(List.copyOf(MiniJson.object(json).keySet())).containsExactly("input", "kind", "title", "episode",
                "absoluteEpisode", "screenSize", "releaseGroup", "confidence");
    }
}
