package dev.medley.metadata;

import java.util.Locale;
import java.util.Set;

/**
 * Cleans one part of a music name ("say a prayer [nigeria] soul (1979)"): bracket groups of junk
 * (bitrates, formats, countries, genres, site names, "Official Video") go, and so does loose text
 * after the first of them; a year in brackets becomes the year; "feat. X" becomes the featured
 * artists; a version ("(Live)", "(Radio Edit)", "[Skrillex Remix]") stays in the title and is noted.
 * A part written all in lower case is given capitals ("Say A Prayer").
 */
final class MusicText {
    private static final Set<String> VERSION_WORDS = Set.of("remix", "mix", "edit", "live", "acoustic", "demo",
            "instrumental", "remaster", "remastered", "version", "unplugged", "extended", "vip", "bootleg", "cover",
            "karaoke", "acapella", "cappella", "rework", "dub", "session", "sessions", "orchestral", "reprise",
            "radio", "club", "original", "stripped", "piano", "rmx", "flip");
    private static final Set<String> JUNK_WORDS = Set.of("kbps", "kbit", "vbr", "cbr", "mp3", "flac", "aac", "m4a",
            "ogg", "opus", "wav", "alac", "lossless", "hires", "24bit", "16bit", "khz", "320", "256", "192", "128",
            "v0", "v2", "official", "video", "audio", "lyrics", "lyric", "visualizer", "visualiser", "hq", "hd", "4k",
            "explicit", "clean", "download", "premiere", "copyright", "ncs", "www", "com", "net", "org", "youtube",
            "soundcloud", "bandcamp", "spotify", "mp3juices", "free", "out", "now", "full", "album", "web", "vinyl",
            "cd", "cdrip", "webrip", "promo", "single", "ep", "lp", "retail", "scene", "bonus", "track",
            // countries
            "nigeria", "ghana", "kenya", "senegal", "mali", "congo", "cameroon", "ethiopia", "benin", "togo",
            "usa", "us", "uk", "france", "germany", "brazil", "brasil", "japan", "jamaica", "cuba", "mexico",
            "colombia", "argentina", "italy", "spain", "portugal", "india", "korea", "canada", "australia",
            "africa", "south", "zimbabwe", "zambia", "angola", "ivory", "coast", "sweden", "netherlands", "turkey",
            "greece", "russia", "poland", "peru", "chile", "venezuela", "haiti", "trinidad", "tanzania", "uganda",
            // genres
            "soul", "funk", "jazz", "afrobeat", "afrobeats", "highlife", "reggae", "dancehall", "hiphop", "hip", "hop",
            "rap", "rock", "pop", "house", "techno", "trance", "edm", "dubstep", "dnb", "disco", "rnb", "blues",
            "country", "folk", "metal", "punk", "classical", "ambient", "gospel", "latin", "salsa", "kpop", "lofi",
            "trap", "grime", "garage", "electro", "electronic", "indie", "psychedelic", "boogie", "zouk", "kizomba",
            "amapiano", "juju", "fuji", "makossa", "rumba", "soukous", "bossa", "samba", "cumbia", "merengue",
            "bachata", "reggaeton", "drill", "synthwave", "chillout", "downtempo", "breakbeat", "idm", "krautrock",
            "shoegaze", "grunge", "ska", "rocksteady", "calypso", "soca", "mbalax", "ethio", "afro", "afrofunk",
            "music", "genre", "rare", "groove", "spiritual", "fusion");

    /** Holds a cleaned part and what was taken out of it. */
    static final class Part {
        String text = "";
        Integer year;
        String featuring;
        String version;
        boolean junk;
    }

    private MusicText() {}

    /** Cleans one part of a name. */
    static Part clean(String raw) {
        Part p = new Part();
        StringBuilder text = new StringBuilder(raw.length());
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            char close = Tokenizer.closerOf(c);
            int end = close == 0 || c == '<' ? -1 : raw.indexOf(close, i + 1);
            if (end < 0) {
                if (!p.junk) {
                    text.append(c);
                }
                i++;
                continue;
            }
            String inner = raw.substring(i + 1, end).strip();
            i = end + 1;
            String lower = inner.toLowerCase(Locale.ROOT);
            int year = year(lower);
            if (year > 0) {
                p.year = p.year == null ? year : p.year;
            } else if (featStart(lower) == 0) {
                p.featuring = p.featuring == null ? afterFeat(inner) : p.featuring;
            } else if (isVersion(lower)) {
                p.version = p.version == null ? inner : p.version;
                if (!p.junk) {
                    text.append(c).append(inner).append(close);
                }
            } else if (isJunk(lower)) {
                p.junk = true;
            } else if (!p.junk && !inner.isEmpty()) {
                text.append(c).append(inner).append(close);
            }
        }
        String s = text.toString();
        int feat = featStart(s.toLowerCase(Locale.ROOT));
        if (feat > 0) {
            p.featuring = p.featuring == null ? afterFeat(s.substring(feat)) : p.featuring;
            s = s.substring(0, feat);
        }
        p.text = capitalise(TitleText.trim(TitleText.collapse(s), true));
        if (p.version != null) {
            p.version = capitalise(p.version);
        }
        if (p.featuring != null) {
            p.featuring = capitalise(TitleText.trim(p.featuring));
        }
        return p;
    }

    /** Returns where "feat.", "ft.", "featuring" starts as a word, or -1. */
    static int featStart(String lower) {
        for (String w : new String[] {"featuring ", "feat. ", "feat ", "ft. ", "ft "}) {
            int k = lower.indexOf(w);
            while (k >= 0) {
                if (k == 0 || !Character.isLetterOrDigit(lower.charAt(k - 1))) {
                    return k;
                }
                k = lower.indexOf(w, k + 1);
            }
        }
        return -1;
    }

    private static String afterFeat(String s) {
        int space = s.indexOf(' ');
        return space < 0 ? "" : s.substring(space + 1).strip();
    }

    private static int year(String lower) {
        if (lower.length() == 4) {
            int y = 0;
            for (int k = 0; k < 4; k++) {
                int d = Character.digit(lower.charAt(k), 10);
                if (d < 0) {
                    return -1;
                }
                y = y * 10 + d;
            }
            return y >= 1900 && y <= 2099 ? y : -1;
        }
        return -1;
    }

    /** Says whether bracket content names a version of the track: "Live", "Radio Edit", "Skrillex Remix". */
    static boolean isVersion(String lower) {
        for (String w : words(lower)) {
            if (VERSION_WORDS.contains(w)) {
                return !isJunk(lower) || w.equals("live") || w.equals("remix") || w.equals("acoustic");
            }
        }
        return false;
    }

    /** Says whether bracket content is junk: every word is a junk word or a number with a unit. */
    static boolean isJunk(String lower) {
        if (isSite(lower)) {
            return true;
        }
        java.util.List<String> ws = words(lower);
        if (ws.isEmpty()) {
            return true;
        }
        for (String w : ws) {
            if (!JUNK_WORDS.contains(w) && !unit(w)) {
                return false;
            }
        }
        return true;
    }

    /** Says whether the text names a web site: "www.x.com", "naijaloaded.com.ng", "x.net". */
    static boolean isSite(String lower) {
        if (lower.contains("www.") || lower.contains("http")) {
            return true;
        }
        for (String tld : new String[] {".com", ".net", ".org", ".info", ".biz", ".co", ".io", ".ng", ".ru", ".me",
            ".tv", ".cc", ".to", ".fm", ".xyz", ".site", ".club"}) {
            int k = lower.indexOf(tld);
            if (k > 0 && Character.isLetterOrDigit(lower.charAt(k - 1))
                    && (k + tld.length() == lower.length() || !Character.isLetter(lower.charAt(k + tld.length())))) {
                return true;
            }
        }
        return false;
    }

    /** Says whether a word is a number with an audio unit: "320kbps", "24bit", "44khz", "96k". */
    private static boolean unit(String w) {
        int i = 0;
        while (i < w.length() && Character.isDigit(w.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        String rest = w.substring(i);
        return rest.isEmpty() || rest.equals("k") || rest.equals("kbps") || rest.equals("bit") || rest.equals("khz")
                || rest.equals("kbit") || rest.equals("mb");
    }

    /** Returns the runs of letters and digits of a text. */
    static java.util.List<String> words(String lower) {
        java.util.List<String> out = new java.util.ArrayList<>(4);
        int i = 0;
        while (i < lower.length()) {
            while (i < lower.length() && !Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < lower.length() && Character.isLetterOrDigit(lower.charAt(j))) {
                j++;
            }
            if (j > i) {
                out.add(lower.substring(i, j));
            }
            i = j;
        }
        return out;
    }

    /** Gives capitals to a text written all in lower case; leaves any other text as it is. */
    static String capitalise(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isUpperCase(s.charAt(i))) {
                return s;
            }
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ' || c == '-' || c == '(' || c == '[' || c == '/' || c == '"' || c == '.';
        }
        return b.toString();
    }

}
