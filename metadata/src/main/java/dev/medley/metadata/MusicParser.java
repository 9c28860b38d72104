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
        if (split(name).size() < 2 && LeadingNumber.read(name) == null) {
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
        int trackOnly = trackWord(s);
        if (trackOnly > 0) {
            d.track = trackOnly; // "Track 01", "Track01": a ripper's name that says nothing else
            return;
        }
        int[] lead = leadingTrack(s, inAlbum);
        if (lead != null) {
            d.track = lead[0];
            d.disc = lead[1] > 0 ? lead[1] : null;
            s = s.substring(lead[2]);
        }
        List<String> parts = split(s);
        int number = -1;
        for (int i = 0; i < parts.size() && d.track == null; i++) {
            int[] n = leadingTrack(parts.get(i), false);
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
            int disc = discFolder(folders.get(i));
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
        List<String> parts = split(albumFolder);
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
        if (folderArtist == null && i >= 1 && !isRoot(folders.get(i - 1)) && discFolder(folders.get(i - 1)) < 0) {
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

    /** Reads "01 ", "01. ", "01 - ", "1-01 ", "A1 " at the start: {track, disc or 0, where the rest starts}, or null. */
    static int[] leadingTrack(String s, boolean inAlbum) {
        int i = 0;
        int disc = 0;
        boolean side = s.length() >= 3 && (s.charAt(0) >= 'A' && s.charAt(0) <= 'D') && Character.isDigit(s.charAt(1))
                && s.charAt(2) == ' ';
        if (side) {
            i = 1; // vinyl side: "A1 Title"
        }
        int v = 0;
        int start = i;
        while (i < s.length() && i - start < 3 && Character.isDigit(s.charAt(i))) {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == start || (i < s.length() && Character.isDigit(s.charAt(i)))) {
            return null;
        }
        int digits = i - start;
        if (i + 2 < s.length() && s.charAt(i) == '-' && Character.isDigit(s.charAt(i + 1))
                && Character.isDigit(s.charAt(i + 2)) && (i + 3 == s.length() || !Character.isDigit(s.charAt(i + 3)))) {
            disc = v; // "1-01 Title": disc 1, track 1
            v = (s.charAt(i + 1) - '0') * 10 + (s.charAt(i + 2) - '0');
            i += 3;
        }
        int j = i;
        while (j < s.length() && " .-_)\u2013".indexOf(s.charAt(j)) >= 0) {
            j++;
        }
        if (j == i && j < s.length()) {
            return null;
        }
        boolean plainSpace = j == i + 1 && s.charAt(i) == ' ';
        boolean padded = digits >= 2 && (s.charAt(start) == '0' || inAlbum);
        if (j < s.length() && disc == 0 && plainSpace && !padded && !side) {
            return null; // "7 Years", "99 Problems": a title; "07 Years" is a track
        }
        if (digits == 3 && disc == 0) {
            if (plainSpace || v % 100 == 0) {
                return null;
            }
            disc = v / 100; // "101 - Title": disc 1, track 1
            v = v % 100;
        }
        return new int[] {v, disc, j};
    }

    /** Returns N of a name that is only "Track N" or "TrackN", or -1. */
    private static int trackWord(String s) {
        String w = s.strip().toLowerCase(Locale.ROOT);
        if (!w.startsWith("track")) {
            return -1;
        }
        int[] pos = {5};
        while (pos[0] < w.length() && w.charAt(pos[0]) == ' ') {
            pos[0]++;
        }
        int n = Shapes.digits(w, pos, 3);
        return n > 0 && pos[0] == w.length() ? n : -1;
    }

    /** Cuts a name at its spaced dashes (" - ", " – ", "_-_"), outside brackets. */
    static List<String> split(String s) {
        List<String> parts = new ArrayList<>(3);
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Tokenizer.isOpener(c)) {
                depth++;
            } else if (Tokenizer.isCloser(c) && depth > 0) {
                depth--;
            } else if (depth == 0 && (c == '-' || c == '\u2013' || c == '\u2014') && i > 0 && i + 1 < s.length()
                    && isSpace(s.charAt(i - 1)) && isSpace(s.charAt(i + 1))) {
                String part = s.substring(from, i).strip();
                if (!part.isEmpty()) {
                    parts.add(part);
                }
                from = i + 1;
            }
        }
        String last = s.substring(from).strip();
        if (!last.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '_';
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

    /** Returns the disc a folder stands for ("CD1", "Disc 2", "Disk 03"), or -1. */
    static int discFolder(String f) {
        String w = f.toLowerCase(Locale.ROOT).replace(" ", "");
        for (String p : new String[] {"cd", "disc", "disk"}) {
            if (w.startsWith(p) && w.length() > p.length() && w.length() <= p.length() + 3) {
                int[] pos = {p.length()};
                int n = Shapes.digits(w, pos, 3);
                if (n > 0 && pos[0] == w.length()) {
                    return n;
                }
            }
        }
        return -1;
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
