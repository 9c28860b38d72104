package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Folders below the scan root are the user's arrangement; the root and the folders above it hold
 * the files and count only where they form a recognisable layout ("Artist/Album (Year)/").
 */
class ScanRootEvidenceTest {
    private static MediaName identify(String root, String path) {
        return Identify.DEFAULT.identify(path, Map.of(), new Identify.Context(root, null)).name();
    }

    @Test
    void aDownloadFolderInAHomeNamesNoArtistOrAlbum() {
        MediaName n = identify("/home/alice", "/home/alice/DL/Portishead - Roads.mp3");
        assertThat(n.artist()).isEqualTo("Portishead");
        assertThat(n.title()).isEqualTo("Roads");
        assertThat(n.album()).isNull();
        assertThat(n.albumArtist()).isNull();
    }

    @Test
    void foldersBelowTheRootNameArtistAndAlbum() {
        MediaName n = identify("/data/in", "/data/in/Portishead/Dummy/01 - Roads.mp3");
        assertThat(n.albumArtist()).isEqualTo("Portishead");
        assertThat(n.album()).isEqualTo("Dummy");
        assertThat(n.track()).isEqualTo(1);
    }

    @Test
    void theScanRootItselfIsNotAnArtist() {
        MediaName n = identify("/data/alice", "/data/alice/Dummy/01 - Roads.mp3");
        assertThat(n.album()).isEqualTo("Dummy");
        assertThat(n.albumArtist()).isNull();
        assertThat(n.artist()).isNull();
    }

    @Test
    void aRecognisableLayoutCountsAtTheRootAndAboveIt() {
        MediaName n = identify("/data/in/Portishead/Dummy (1994)", "/data/in/Portishead/Dummy (1994)/01 - Roads.mp3");
        assertThat(n.album()).isEqualTo("Dummy");
        assertThat(n.year()).isEqualTo(1994);
        assertThat(n.albumArtist()).isEqualTo("Portishead");
    }

    @Test
    void aFileGivenAloneTakesNothingFromItsFolders() {
        MediaName n = identify("/data/Portishead/Dummy/01 - Roads.mp3", "/data/Portishead/Dummy/01 - Roads.mp3");
        assertThat(n.album()).isNull();
        assertThat(n.albumArtist()).isNull();
        assertThat(n.title()).isEqualTo("Roads");
    }

    @Test
    void withoutARootEveryFolderIsTheFilesOwn() {
        assertThat(identify(null, "/srv/Portishead/Dummy/01 - Roads.mp3").albumArtist()).isEqualTo("Portishead");
    }

    @Test
    void countsTheFoldersBelowARoot() {
        assertThat(PathName.foldersBelow("/a/b/c/f.mp3", "/a")).isEqualTo(2);
        assertThat(PathName.foldersBelow("/a/b/c/f.mp3", "/a/")).isEqualTo(2);
        assertThat(PathName.foldersBelow("/a/f.mp3", "/a/f.mp3")).isZero();
        assertThat(PathName.foldersBelow("/ab/f.mp3", "/a")).as("a name that only starts like the root").isEqualTo(-1);
        assertThat(PathName.foldersBelow("/x/f.mp3", "/a")).isEqualTo(-1);
        assertThat(PathName.foldersBelow("/x/f.mp3", null)).isEqualTo(-1);
    }
}
