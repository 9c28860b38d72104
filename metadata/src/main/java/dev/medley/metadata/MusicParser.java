package dev.medley.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads music file names and their folders. A name is cut at its spaced dashes into parts; a part
 * that is only a number is the track, parts before it are artist and album, parts after it the
 * title: "Artist - Title", "01 - Title", "01. Artist - Title", "Artist - Album - 01 - Title",
 * "Title by Artist". Folders fill what the name leaves out: "Artist/Album (Year)/01 - Title",
 * "Artist - Album (Year)/CD2/03 Title".
 */
final class MusicParser {
    /** Names folders that hold libraries, downloads or a user's files rather than name artists or albums. */
    private static final Set<String> CONTAINERS = Set.of("music", "musik", "musique", "musica", "mp3", "mp3s", "flac",
            "audio", "downloads", "download", "downloaded", "dl", "dls", "media", "library", "itunes", "itunes media",
            "albums", "singles", "collection", "my music", "songs", "tracks", "home", "users", "mnt", "data", "storage",
            "volumes", "compilations", "unsorted", "incoming", "inbox", "new", "misc", "lossless", "various", "tmp",
            "temp", "desktop", "documents", "my documents", "torrents", "torrent", "complete", "completed",
            "finished", "to sort", "tosort", "new folder", "untitled folder", "shared", "share", "public",
            "stuff", "files", "backup", "backups", "var", "srv", "opt", "root", "import",
            "imports", "upload", "uploads", "in", "input", "telegram", "whatsapp", "airdrop");
    /** Names the folders whose subfolders are users' homes. */
    private static final Set<String> HOMES = Set.of("home", "users", "documents and settings");
    private static final Set<String> PRONOUNS = Set.of("me", "you", "us", "them", "him", "her", "it", "my", "your",
            "the", "a", "an", "this", "that", "night", "day", "myself", "yourself", "now", "love");

    private MusicParser() {}

    static Draft parse(PathName path, String name) {
        Draft spoken = SpokenParser.parse(path, name);
        if (spoken != null) {
            return spoken; // "Lecture 01 - Title" names no artist "Lecture 01"
        }
        Draft d = new Draft();
        d.kind = MediaKind.MUSIC;
        int parent = path.folders().size() - 1;
        file(d, name, parent >= 0 && !isContainer(path.folders(), parent));
        folders(d, path);
        return d;
    }

    /** Says whether an extension-less name without release words reads as music: feat., versions, bitrates, genres. */
    static boolean looksLikeMusic(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (MusicText.featStart(lower) >= 0 || lower.contains("kbps") || lower.contains("official video")
                || lower.contains("official audio") || lower.contains("lyric")) {
            return true;
        }
        if (MusicShapes.split(name).size() < 2 && LeadingNumber.read(name) == null) {
            return false;
        }
        int open = lower.indexOf('[') >= 0 ? lower.indexOf('[') : lower.indexOf('(');
        while (open >= 0) {
            char close = Tokenizer.closerOf(lower.charAt(open));
            int end = lower.indexOf(close, open + 1);
            if (end < 0) {
                break;
            }
            String inner = lower.substring(open + 1, end);
            if (MusicText.isVersion(inner) || (MusicText.isJunk(inner) && !inner.isBlank())) {
                return true;
            }
            int next = end + 1;
            int sq = lower.indexOf('[', next);
            int rd = lower.indexOf('(', next);
            open = sq < 0 ? rd : rd < 0 ? sq : Math.min(sq, rd);
        }
        return false;
    }

    /** Says whether a video's name reads as a music video: "Artist - Title (Official Video)", "feat.". */
    static boolean looksLikeMusicVideo(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("official video") || lower.contains("music video") || lower.contains("lyric video")
                || lower.contains("official audio") || MusicText.featStart(lower) >= 0;
    }

    private static void file(Draft d, String name, boolean inAlbum) {
        String s = name.replace('_', ' ');
        int trackOnly = MusicShapes.trackWord(s);
        if (trackOnly > 0) {
            d.track = trackOnly; // "Track 01", "Track01": a ripper's name that says nothing else
            return;
        }
        int[] lead = MusicShapes.leadingTrack(s, inAlbum);
        if (lead != null) {
            d.track = lead[0];
            d.disc = lead[1] > 0 ? lead[1] : null;
            s = s.substring(lead[2]);
        }
        List<String> parts = MusicShapes.split(s);
        int number = -1;
        for (int i = 0; i < parts.size() && d.track == null; i++) {
            int[] n = MusicShapes.leadingTrack(parts.get(i), false);
            if (n != null && n[2] >= parts.get(i).length() && i < parts.size() - 1) {
                d.track = n[0];
                number = i;
            }
        }
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i == number) {
                continue;
            }
            boolean title = number >= 0 ? i > number : i == parts.size() - 1;
            (title ? after : before).add(parts.get(i));
        }
        if (number < 0 && before.size() >= 2 && MusicText.isVersion(after.get(0).toLowerCase(Locale.ROOT))) {
            after.set(0, before.remove(before.size() - 1) + " (" + after.get(0) + ")"); // "Artist - Title - Remix"
        }
        String title = String.join(" - ", after);
        if (before.isEmpty()) {
            int by = byArtist(title);
            if (by > 0) {
                before.add(title.substring(by + 4));
                title = title.substring(0, by);
            }
        }
        MusicText.Part t = MusicText.clean(title);
        d.title = blank(t.text);
        d.year = t.year;
        d.version = t.version;
        d.featuring = t.featuring;
        if (!before.isEmpty()) {
            MusicText.Part a = MusicText.clean(before.get(0));
            d.artist = blank(a.text);
            d.featuring = d.featuring == null ? a.featuring : d.featuring;
            d.year = d.year == null ? a.year : d.year;
        }
        if (before.size() > 1) {
            MusicText.Part b = MusicText.clean(String.join(" - ", before.subList(1, before.size())));
            d.album = blank(b.text);
            d.year = d.year == null ? b.year : d.year;
        }
    }

    /*
     * Folders are evidence only where they look like what they would be: an album folder holding
     * tracks, "Artist/Album (Year)/", "Artist - Album/", disc folders under an album. A folder that
     * holds downloads or a user's files (Downloads, DL, tmp, a home) never is, and a clear
     * "Artist - Title" name outweighs a folder that only might be an album. Folders at or above
     * the scan root are where the user keeps things, not how they arranged them: there only a
     * recognisable layout counts.
     */

    /** Fills album, album artist, artist, year and disc from the folders, nearest first. */
    private static void folders(Draft d, PathName path) {
        List<String> folders = path.folders();
        int i = folders.size() - 1;
        boolean underDisc = false;
        if (i >= 0 && !isContainer(folders, i)) {
            int disc = MusicShapes.discFolder(folders.get(i));
            if (disc > 0) {
                if (d.disc == null) {
                    d.disc = disc;
                    d.fromFolder.add(Field.DISC);
                }
                underDisc = true;
                i--;
            }
        }
        if (i < 0 || isContainer(folders, i)) {
            return;
        }
        AlbumFolder a = AlbumFolder.read(folders.get(i));
        boolean hasParent = i >= 1 && !isContainer(folders, i - 1) && MusicShapes.discFolder(folders.get(i - 1)) < 0;
        String parent = hasParent ? MusicText.clean(folders.get(i - 1)).text : null;
        if (a.artist == null && d.artist != null && same(a.album, d.artist)) {
            setAlbumArtist(d, a.album); // "Artist/Artist - Title.mp3": the folder names the artist, not an album
            return;
        }
        boolean parentIsArtist = parent != null && d.artist != null && same(parent, d.artist);
        boolean layout = a.year != null || a.artist != null || underDisc || parentIsArtist;
        boolean holdsTracks = d.track != null || d.artist == null; // a numbered track, or a name that names no artist
        if (!layout && !(path.belowRoot(i) && holdsTracks)) {
            return;
        }
        if (d.album == null && !a.album.isEmpty()) {
            d.album = a.album;
            d.fromFolder.add(Field.ALBUM);
        }
        if (d.year == null && a.year != null) {
            d.year = a.year;
            d.fromFolder.add(Field.YEAR);
        }
        String artist = a.artist;
        if (artist == null && parent != null && (path.belowRoot(i - 1) || layout)) {
            artist = parent;
        }
        setAlbumArtist(d, artist);
    }

    private static void setAlbumArtist(Draft d, String artist) {
        if (artist == null || artist.isEmpty()) {
            return;
        }
        d.albumArtist = artist;
        d.fromFolder.add(Field.ALBUM_ARTIST);
        if (d.artist == null && !artist.equalsIgnoreCase("various artists")) {
            d.artist = artist;
            d.fromFolder.add(Field.ARTIST);
        }
    }

    /**
     * Holds what an album folder's name says: "Album", "Album (1999)", "1999 - Album", "Artist - Album [1999]".
     *
     * @param artist the artist before a spaced dash, or null
     * @param album the album, cleaned
     * @param year the year in or before the name, or null
     */
    private record AlbumFolder(String artist, String album, Integer year) {
        static AlbumFolder read(String folder) {
            int[] leadingYear = {0};
            String rest = stripLeadingYear(folder, leadingYear);
            List<String> parts = MusicShapes.split(rest);
            String artist = null;
            String album = rest;
            if (parts.size() >= 2) {
                artist = MusicText.clean(parts.get(0)).text;
                album = String.join(" - ", parts.subList(1, parts.size()));
            }
            MusicText.Part cleaned = MusicText.clean(album);
            Integer year = leadingYear[0] > 0 ? Integer.valueOf(leadingYear[0]) : cleaned.year;
            return new AlbumFolder(artist == null || artist.isEmpty() ? null : artist, cleaned.text, year);
        }
    }

    /**
     * Strips a leading year from an album folder ("1999 - Album", "(1999) Album", "[1999] Album"),
     * putting it in {@code year[0]}.
     */
    private static String stripLeadingYear(String album, int[] year) {
        String s = album.strip();
        int k = Tokenizer.isOpener(s.isEmpty() ? ' ' : s.charAt(0)) ? 1 : 0;
        if (s.length() >= k + 6) {
            int y = 0;
            for (int j = k; j < k + 4; j++) {
                int digit = Character.digit(s.charAt(j), 10);
                y = digit < 0 ? -1 : y * 10 + digit;
                if (y < 0) {
                    return s;
                }
            }
            char after = s.charAt(k + 4);
            if (y >= 1900 && y <= 2099 && (after == ' ' || after == '-' || after == '.' || Tokenizer.isCloser(after))) {
                year[0] = y;
                return TitleText.trim(s.substring(k + 5));
            }
        }
        return s;
    }

    /** Returns where " by " splits "Title by Artist", or -1 when the words after it read as part of a title. */
    private static int byArtist(String title) {
        int k = title.toLowerCase(Locale.ROOT).lastIndexOf(" by ");
        if (k <= 0 || k + 4 >= title.length()) {
            return -1;
        }
        List<String> after = MusicText.words(title.substring(k + 4).toLowerCase(Locale.ROOT));
        return after.isEmpty() || PRONOUNS.contains(after.get(0)) || after.size() > 5 ? -1 : k;
    }

    /**
     * Says whether the folder at {@code index} holds files rather than names an artist or album: a
     * library or download folder, a temporary one, or a user's home ("~", "/home/ana", "C:\\Users\\ana").
     */
    static boolean isContainer(List<String> folders, int index) {
        String f = folders.get(index);
        String lower = f.toLowerCase(Locale.ROOT).strip();
        if (CONTAINERS.contains(lower) || f.startsWith("~")) {
            return true;
        }
        return index >= 1 && HOMES.contains(folders.get(index - 1).toLowerCase(Locale.ROOT).strip());
    }

    private static boolean same(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
