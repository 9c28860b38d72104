package dev.medley.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the numbered and dashed shapes of music names: track prefixes, "Track 01", disc folders, dash-cut parts. */
final class MusicShapes {
    private MusicShapes() {}

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
    static int trackWord(String s) {
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
}
