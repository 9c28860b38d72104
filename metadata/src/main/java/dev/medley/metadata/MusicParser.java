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
    /** Names folders that hold libraries rather than name artists or albums. */
    private static final Set<String> ROOTS = Set.of("music", "musik", "musique", "musica", "mp3", "mp3s", "flac",
            "audio", "downloads", "download", "media", "library", "itunes", "itunes media", "albums", "singles",
            "collection", "my music", "songs", "tracks", "home", "users", "mnt", "data", "storage", "volumes",
            "compilations", "unsorted", "incoming", "new", "misc", "lossless", "various");
    private static final Set<String> PRONOUNS = Set.of("me", "you", "us", "them", "him", "her", "it", "my", "your",
            "the", "a", "an", "this", "that", "night", "day", "myself", "yourself", "now", "love");

    private MusicParser() {}

    static Draft parse(PathName path, String name) {
        Draft d = new Draft();
        d.kind = MediaKind.MUSIC;
        String parent = path.parent();
        file(d, name, parent != null && !isRoot(parent));
        folders(d, path.folders());
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

    /** Fills album, album artist, artist, year and disc from the folders, nearest first. */
    private static void folders(Draft d, List<String> folders) {
        int i = folders.size() - 1;
        if (i >= 0) {
            int disc = MusicShapes.discFolder(folders.get(i));
            if (disc > 0) {
                if (d.disc == null) {
                    d.disc = disc;
                    d.fromFolder.add(Field.DISC);
                }
                i--;
            }
        }
        if (i < 0 || isRoot(folders.get(i))) {
            return;
        }
        String albumFolder = stripLeadingYear(folders.get(i), d);
        List<String> parts = MusicShapes.split(albumFolder);
        String folderArtist = null;
        String album;
        if (parts.size() >= 2) {
            folderArtist = MusicText.clean(parts.get(0)).text;
            album = String.join(" - ", parts.subList(1, parts.size()));
        } else {
            album = albumFolder;
        }
        MusicText.Part a = MusicText.clean(album);
        if (folderArtist == null && d.artist != null && same(a.text, d.artist)) {
            folderArtist = a.text; // "Artist/Artist - Title.mp3": the folder names the artist, not an album
        } else if (d.album == null && !a.text.isEmpty()) {
            d.album = a.text;
            d.fromFolder.add(Field.ALBUM);
        }
        if (d.year == null && a.year != null) {
            d.year = a.year;
            d.fromFolder.add(Field.YEAR);
        }
        if (folderArtist == null && i >= 1 && !isRoot(folders.get(i - 1))
                && MusicShapes.discFolder(folders.get(i - 1)) < 0) {
            folderArtist = MusicText.clean(folders.get(i - 1)).text;
        }
        if (folderArtist != null && !folderArtist.isEmpty()) {
            d.albumArtist = folderArtist;
            d.fromFolder.add(Field.ALBUM_ARTIST);
            if (d.artist == null && !folderArtist.equalsIgnoreCase("various artists")) {
                d.artist = folderArtist;
                d.fromFolder.add(Field.ARTIST);
            }
        }
    }

    /** Strips a leading year from an album folder ("1999 - Album", "(1999) Album", "[1999] Album"), noting it. */
    private static String stripLeadingYear(String album, Draft d) {
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
                if (d.year == null) {
                    d.year = y;
                    d.fromFolder.add(Field.YEAR);
                }
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

    private static boolean isRoot(String f) {
        return ROOTS.contains(f.toLowerCase(Locale.ROOT).strip()) || f.startsWith("~");
    }

    private static boolean same(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
