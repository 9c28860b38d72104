package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.metadata.MediaNames;
import dev.medley.organize.Extras.Extra;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtrasTest {
    private static final List<String> FILM = List.of("Movies", "Heat (1995)");

    private static Extra classify(String path, String parsedExtra) {
        List<String> parts = Arrays.asList(path.split("/"));
        return Extras.classify(parts.subList(0, parts.size() - 1), parts.get(parts.size() - 1), parsedExtra, false);
    }

    @ParameterizedTest
    @CsvSource({
        "Extras, OTHER", "extra, OTHER", "Other, OTHER", "Bonus, OTHER",
        "Featurettes, FEATURETTE", "Behind The Scenes, BEHIND_THE_SCENES", "behind.the.scenes, BEHIND_THE_SCENES",
        "Behind_The_Scenes, BEHIND_THE_SCENES", "Deleted Scenes, DELETED_SCENE", "DELETED.SCENES, DELETED_SCENE",
        "Interviews, INTERVIEW", "Scenes, SCENE", "Shorts, SHORT", "Trailers, TRAILER",
    })
    void extrasFoldersNameTheKindAndTheFolderAboveOwnsThem(String folder, ExtraKind kind) {
        assertThat(classify("Movies/Heat (1995)/" + folder + "/Making of.mkv", null)).isEqualTo(new Extra(kind, 1));
    }

    @Test
    void theOwnerIsAboveARunOfExtrasFolders() {
        assertThat(classify("Heat (1995)/Extras/Trailers/Teaser.mkv", null)).isEqualTo(new Extra(ExtraKind.TRAILER, 0));
        assertThat(classify("Featurettes/Making of.mkv", null)).isEqualTo(new Extra(ExtraKind.FEATURETTE, -1));
    }

    @Test
    void anExtrasFolderBeatsTheParsedGuess() {
        assertThat(classify("Heat (1995)/Trailers/Heat.featurette.mkv", "featurette"))
                .isEqualTo(new Extra(ExtraKind.TRAILER, 0));
    }

    @Test
    void foldersThatOnlyContainTheWordAreNoExtrasFolders() {
        assertThat(classify("The Other Guys (2010)/The Other Guys.mkv", null)).isEqualTo(new Extra(ExtraKind.NONE, 0));
        assertThat(classify("Extras Collection/Film.mkv", null)).isEqualTo(new Extra(ExtraKind.NONE, 0));
    }

    @Test
    void sampleFoldersHoldSamples() {
        assertThat(classify("Movies/Heat (1995)/Sample/heat-smpl.mkv", null)).isEqualTo(new Extra(ExtraKind.SAMPLE, 1));
        assertThat(classify("Heat (1995)/SAMPLES/x.mkv", null)).isEqualTo(new Extra(ExtraKind.SAMPLE, 0));
        assertThat(classify("Heat (1995)/Sample/Trailers/x.mkv", null)).isEqualTo(new Extra(ExtraKind.SAMPLE, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"movie.sample.mkv", "sample-movie.mkv", "Movie-sample.mkv", "Movie_SAMPLE.mkv",
            "Movie [Sample].mkv", "Movie (sample).mkv", "sample.mkv", "Movie.2010.1080p-GRP.Sample.mkv"})
    void aSampleTokenMakesASample(String name) {
        assertThat(Extras.classify(FILM, name, null, false)).isEqualTo(new Extra(ExtraKind.SAMPLE, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Samples of Jazz.mp3", "Sampler.mkv", "Resample.mkv", "Sampled-Life.mkv", "Heat.mkv"})
    void wordsThatOnlyContainSampleAreNoSamples(String name) {
        assertThat(Extras.classify(FILM, name, null, false)).isEqualTo(new Extra(ExtraKind.NONE, 1));
    }

    @Test
    void samplesWinOverExtrasFolders() {
        assertThat(classify("Heat (1995)/Featurettes/heat.sample.mkv", "featurette"))
                .isEqualTo(new Extra(ExtraKind.SAMPLE, 1));
    }

    @ParameterizedTest
    @CsvSource({
        "Heat-trailer.mkv, TRAILER", "Heat-Featurette.mp4, FEATURETTE", "Heat-behindthescenes.mkv, BEHIND_THE_SCENES",
        "Heat-deleted.mkv, DELETED_SCENE", "Heat-interview.mkv, INTERVIEW", "Heat-scene.mkv, SCENE",
        "Heat-short.mkv, SHORT", "Heat-other.mkv, OTHER", "Bank Heist-TRAILER.avi, TRAILER",
    })
    void plexSuffixesNameTheKind(String name, ExtraKind kind) {
        assertThat(Extras.classify(FILM, name, null, false)).isEqualTo(new Extra(kind, 1));
        assertThat(Extras.classify(List.of(), name, null, false)).isEqualTo(new Extra(kind, -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Heat trailer.mkv", "Heat.trailer-cut.mkv", "Brother.mkv", "-trailer.mkv", "Heat-trailers.mkv"})
    void otherSpellingsAreNoPlexSuffix(String name) {
        assertThat(Extras.classify(FILM, name, null, false).kind()).isEqualTo(ExtraKind.NONE);
    }

    @ParameterizedTest
    @CsvSource({
        "sample, SAMPLE", "trailer, TRAILER", "featurette, FEATURETTE", "behindthescenes, BEHIND_THE_SCENES",
        "deleted, DELETED_SCENE", "interview, INTERVIEW", "extras, OTHER", "ova, NONE", "ncop, NONE",
        "Trailer, TRAILER", "something, NONE",
    })
    void theParsedExtraDecidesLast(String parsed, ExtraKind kind) {
        assertThat(Extras.classify(FILM, "Heat.mkv", parsed, false)).isEqualTo(new Extra(kind, 1));
    }

    @Test
    void mainContentIsNone() {
        assertThat(Extras.classify(FILM, "Heat (1995).mkv", null, false)).isEqualTo(new Extra(ExtraKind.NONE, 1));
        assertThat(Extras.classify(List.of(), "Heat (1995).mkv", null, false)).isEqualTo(new Extra(ExtraKind.NONE, -1));
    }

    @Test
    void eachKindNamesTheFolderMediaServersLookIn() {
        assertThat(Arrays.stream(ExtraKind.values()).map(ExtraKind::folder)).containsExactly(null, null, "Trailers",
                "Featurettes", "Behind The Scenes", "Deleted Scenes", "Interviews", "Scenes", "Shorts", "Extras");
    }

    @ParameterizedTest
    @CsvSource({"trailer.mp4, TRAILER", "Trailer.webm, TRAILER", "featurette.mkv, FEATURETTE",
        "behind the scenes.mkv, BEHIND_THE_SCENES"})
    void aBareExtraNameBesideTheFilmIsThatExtra(String name, ExtraKind kind) {
        assertThat(classify("Movies/Heat (1995)/" + name, null)).isEqualTo(new Extra(kind, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interview.wav", "short.mp4", "scene.mkv", "other.mp3"})
    void otherBareWordsAreMainContent(String name) {
        assertThat(classify("Recordings/" + name, null).kind()).isEqualTo(ExtraKind.NONE);
    }

    private static Extra identified(String path) {
        List<String> parts = List.of(path.split("/"));
        return Extras.classify(parts.subList(0, parts.size() - 1), parts.getLast(), MediaNames.parse(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TV/Show.S01E01.720p.HDTV.x264-OTHER.mkv", "TV/Show.S01E01.720p.HDTV.x264-TRAILER.mkv",
        "Films/Movie.2018.1080p.BluRay.x264-FEATURETTE.mkv", "Films/Movie.2018.1080p.WEB-DL.DD5.1.H264-Interview.mkv",
        "TV/Show.S02E05.1080p.WEB.h264-Deleted.mkv"})
    void aWordOfExtrasWhereAReleaseNameHasItsGroupIsTheGroup(String path) {
        assertThat(identified(path).kind()).isEqualTo(ExtraKind.NONE);
    }

    @Test
    void aPlexSuffixAfterAPlainNameIsStillAnExtra() {
        assertThat(identified("Heat (1995)/Heat (1995)-trailer.mkv")).isEqualTo(new Extra(ExtraKind.TRAILER, 0));
        assertThat(identified("Heat (1995)/Heat-featurette.mkv").kind()).isEqualTo(ExtraKind.FEATURETTE);
    }

    @Test
    void podcastsLecturesAndAudiobooksHaveNoExtrasButSamplesStay() {
        assertThat(identified("Podcasts/Serial/Bonus/Episode 12.mp3").kind()).isEqualTo(ExtraKind.NONE);
        assertThat(identified("Lectures/CS50/Extras/Lecture 3 - Arrays.mp3").kind()).isEqualTo(ExtraKind.NONE);
        assertThat(identified("Podcasts/Serial/Sample/Episode 12.mp3").kind()).isEqualTo(ExtraKind.SAMPLE);
    }
}
