package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medley.media.sample.SampleMedia;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user met in {@code medley process}, through the packaged command: a dry run on a
 * folder tree built here, checked by the targets of its plan in {@code --json} output.
 */
class NewUserProcessIT {
    @TempDir Path dir;

    /** A dry run's plan lines and its report. */
    private record Plan(List<JsonNode> items, JsonNode report, MedleyProcess.Result result) {
        /** Returns the target, below the library, of the plan line of {@code source} (below the sources); null: stays. */
        String targetOf(Path library, Path source) {
            JsonNode item = item(source);
            return item.get("target").isNull() ? null : library.relativize(Path.of(item.get("target").asText())).toString();
        }

        JsonNode item(Path source) {
            return items.stream().filter(i -> i.get("source").asText().equals(source.toString())).findFirst()
                    .orElseThrow(() -> new AssertionError("no plan line for " + source + " in\n" + result.stdout()));
        }
    }

    private Plan process(Path source, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("process", source.toString(), "--to", dir.resolve("library").toString(),
                "--catalog", dir.resolve("catalog.db").toString(), "--json", "-q"));
        args.addAll(Arrays.asList(options));
        MedleyProcess.Result result = MedleyProcess.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<JsonNode> lines = result.json();
        List<JsonNode> items = lines.stream().filter(l -> l.get("type").asText().equals("plan-item")).toList();
        return new Plan(items, lines.getLast(), result);
    }

    private Path library() {
        return dir.resolve("library");
    }

    /** Writes a playable file at {@code relative} below the test's folder, content its own. */
    private Path media(String relative, long unique) throws IOException {
        return TestMedia.write(dir.resolve(relative), unique);
    }

    /** Writes a playable file with tags, content its own. */
    private Path tagged(String relative, long unique, Map<String, String> tags) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Path plain = Files.createTempFile(dir, "tagged", ".flac");
        SampleMedia.write(plain, SampleMedia.Format.FLAC, Duration.ofSeconds(1), tags);
        byte[] media = Files.readAllBytes(plain);
        byte[] bytes = Arrays.copyOf(media, media.length + Long.BYTES);
        ByteBuffer.wrap(bytes, media.length, Long.BYTES).putLong(unique);
        Files.write(file, bytes);
        Files.delete(plain);
        return file;
    }

    @Test
    void aClearArtistTitleNameWinsOverADownloadFolderInAHome() throws Exception {
        Path home = dir.resolve("alice");
        Path roads = media("alice/DL/Portishead - Roads.mp3", 1);
        Path track = media("alice/Music/Portishead/Dummy (1994)/03 - Strangers.mp3", 2);
        Path loose = media("alice/Mixed Bag/Friday/Portishead - Glory Box.mp3", 3);

        Plan plan = process(home);
        assertThat(plan.targetOf(library(), roads)).isEqualTo("Portishead/Roads.mp3");
        assertThat(plan.targetOf(library(), track)).isEqualTo("Portishead/Dummy (1994)/03 Strangers.mp3");
        assertThat(plan.targetOf(library(), loose)).isEqualTo("Portishead/Glory Box.mp3");
        assertThat(plan.item(roads).get("what").asText()).isEqualTo("music");

        Plan fromAbove = process(dir);
        assertThat(fromAbove.targetOf(library(), roads)).as("the home below the root: DL is still no album")
                .isEqualTo("Portishead/Roads.mp3");
    }

    @Test
    void theScanRootItselfNamesNoArtist() throws Exception {
        Path track = media("Stuff/Dummy/03 - Strangers.mp3", 1);
        Plan plan = process(dir.resolve("Stuff"));
        assertThat(plan.targetOf(library(), track)).isNull();
        assertThat(plan.item(track).get("reason").asText()).contains("artist");
    }

    @Test
    void aJunkTitleTagDoesNotReplaceAReleaseNamesTitleAndNamesWinWhenAsked() throws Exception {
        Path film = tagged("in/The.Lighthouse.2019.1080p.BluRay.x264-GRP.mkv", 1,
                Map.of("title", "www.site.com - Lighthouse HD"));
        Path song = tagged("in/Portishead - Roads.mp3", 2, Map.of("title", "Roads (Remastered)", "artist", "Portishead"));

        Plan plan = process(dir.resolve("in"));
        assertThat(plan.targetOf(library(), film)).isEqualTo("The Lighthouse (2019)/The Lighthouse (2019).mkv");
        assertThat(plan.targetOf(library(), song)).as("a clean tag wins").isEqualTo("Portishead/Roads (Remastered).mp3");

        Plan namesWin = process(dir.resolve("in"), "--names-win");
        assertThat(namesWin.targetOf(library(), song)).isEqualTo("Portishead/Roads.mp3");
    }

    @Test
    void aReleaseGroupCalledOtherIsNoExtra() throws Exception {
        Path episode = media("in/Show.Name.S01E01.720p.HDTV.x264-OTHER.mkv", 1);
        Path film = media("in/Movie.Name.2018.1080p.BluRay.x264-FEATURETTE.mkv", 2);
        Plan plan = process(dir.resolve("in"));
        assertThat(plan.targetOf(library(), episode)).isEqualTo("Show Name/Season 01/Show Name - S01E01.mkv");
        assertThat(plan.item(episode).get("what").asText()).isEqualTo("episode");
        assertThat(plan.targetOf(library(), film)).isEqualTo("Movie Name (2018)/Movie Name (2018).mkv");
    }

    @Test
    void theParenthesisedYearWinsOverANumberInTheTitle() throws Exception {
        Path film = media("in/Blade Runner 2049 (2017).mkv", 1);
        Plan plan = process(dir.resolve("in"));
        assertThat(plan.targetOf(library(), film)).isEqualTo("Blade Runner 2049 (2017)/Blade Runner 2049 (2017).mkv");
    }

    @Test
    void podcastsLecturesAudiobooksAndAnimeAreFiledByTemplatesOfTheirOwn() throws Exception {
        Path podcast = media("in/Podcasts/Serial/S01E01 - The Alibi.mp3", 1);
        Path lecture = media("in/Lectures/CS50/Lecture 01 - Scratch.mp3", 2);
        Path book = media("in/Audiobooks/Stephen King/The Shining/Chapter 01.mp3", 3);
        Path spokenByTag = tagged("in/Downloads/Serial - The Breakup.mp3", 4, Map.of("genre", "Podcast", "album", "Serial",
                "title", "The Breakup", "track", "2"));
        Path anime = media("in/Anime/[SubsPlease] One Piece - 1071 (1080p).mkv", 5);
        Path daily = media("in/TV/The.Daily.Show.2024.01.15.720p.WEB.h264-GRP.mkv", 6);

        Plan plan = process(dir.resolve("in"));
        assertThat(plan.targetOf(library(), podcast)).isEqualTo("Serial/Serial - 001 - The Alibi.mp3");
        assertThat(plan.item(podcast).get("what").asText()).isEqualTo("podcast");
        assertThat(plan.targetOf(library(), lecture)).isEqualTo("CS50/CS50 - 01 - Scratch.mp3");
        assertThat(plan.item(lecture).get("what").asText()).isEqualTo("lecture");
        assertThat(plan.targetOf(library(), book)).isEqualTo("Stephen King/The Shining/The Shining - 01.mp3");
        assertThat(plan.item(book).get("what").asText()).isEqualTo("audiobook");
        assertThat(plan.targetOf(library(), spokenByTag)).isEqualTo("Serial/Serial - 002 - The Breakup.mp3");
        assertThat(plan.targetOf(library(), anime)).isEqualTo("One Piece/One Piece - 1071.mkv");
        assertThat(plan.targetOf(library(), daily)).isEqualTo("The Daily Show/Season 2024/The Daily Show - 2024-01-15.mkv");
        JsonNode kinds = plan.report().get("identify");
        assertThat(kinds.get("podcast").asLong()).isEqualTo(2);
        assertThat(kinds.get("lecture").asLong()).isEqualTo(1);
        assertThat(kinds.get("audiobook").asLong()).isEqualTo(1);
        assertThat(kinds.get("music").asLong()).isZero();
    }

    @Test
    void templatesUseTheFieldsIdentifyGivesAndTitleCaseGivesCapitals() throws Exception {
        Path film = media("in/the.lighthouse.2019.1080p.bluray.x264-grp.mkv", 1);
        Path episode = media("in/Doctor.Who.2005.S01E01.720p.HDTV.x264-GRP.mkv", 2);
        Path templates = Files.writeString(dir.resolve("naming.conf"), """
                movie = {title} ({year})/{title} ({year}) [{screenSize} {source} {videoCodec}]-{releaseGroup}
                tv = {show} ({year})/{show} S{season:00}E{episode:00}
                """);
        Plan plan = process(dir.resolve("in"), "--templates", templates.toString(), "--title-case");
        assertThat(plan.targetOf(library(), film))
                .isEqualTo("The Lighthouse (2019)/The Lighthouse (2019) [1080p BluRay H.264]-grp.mkv");
        assertThat(plan.targetOf(library(), episode)).isEqualTo("Doctor Who (2005)/Doctor Who S01E01.mkv");
    }

    @Test
    void aFileTheLibraryHoldsUnderAnotherNameIsADuplicate() throws Exception {
        Path incoming = media("in/Heat.1995.1080p.BluRay.x264-GRP.mkv", 1);
        Path filed = media("library/Films/heat (old rip)/heat.mkv", 1);
        media("library/Films/Ronin (1998)/Ronin (1998).mkv", 2);

        Plan plan = process(dir.resolve("in"));
        JsonNode item = plan.item(incoming);
        assertThat(item.get("action").asText()).isEqualTo("skip");
        assertThat(item.get("reason").asText()).isEqualTo("duplicate of " + filed);
        assertThat(plan.report().get("plan").get("duplicates").asLong()).isEqualTo(1);
        assertThat(plan.items().stream().map(i -> i.get("source").asText()).collect(Collectors.toSet()))
                .as("the library's files are compared with, not planned").containsExactly(incoming.toString());
    }
}
