package dev.medley.metadata;

import dev.medley.metadata.Tag.Kind;
import java.util.HashMap;
import java.util.Map;

/**
 * Knows the words of release names: sources, codecs, resolutions, languages, editions, extras and
 * flags. {@link #classify} marks every token it knows, including a few two-token words
 * ("H 264", "WEB-DL", "Blu-Ray", "DD 5.1"), in one pass.
 */
final class Vocabulary {
    private static final Map<String, Tag> WORDS = new HashMap<>(512);
    private static final Tag DIRECTORS_CUT = new Tag(Kind.EDITION, "Director's Cut");

    private Vocabulary() {}

    private static void put(Kind kind, String value, String... words) {
        Tag tag = new Tag(kind, value);
        for (String w : words) {
            WORDS.put(w, tag);
        }
    }

    static {
        put(Kind.SOURCE, "BluRay", "bluray", "bdrip", "brrip", "bd", "bdmv", "bdremux", "bdiso", "bd25", "bd50");
        put(Kind.SOURCE, "Remux", "remux");
        put(Kind.SOURCE, "WEB", "web", "webhd");
        put(Kind.SOURCE, "WEB-DL", "webdl", "webdlrip");
        put(Kind.SOURCE, "WEBRip", "webrip");
        put(Kind.SOURCE, "HDTV", "hdtv", "hdtvrip", "hdtvx264");
        put(Kind.SOURCE, "PDTV", "pdtv");
        put(Kind.SOURCE, "SDTV", "sdtv", "tvrip", "dvbrip", "satrip");
        put(Kind.SOURCE, "DSR", "dsr", "dsrip");
        put(Kind.SOURCE, "HDRip", "hdrip");
        put(Kind.SOURCE, "DVDRip", "dvdrip");
        put(Kind.SOURCE, "DVD", "dvd", "dvdr", "dvd5", "dvd9", "ntsc", "pal");
        put(Kind.SOURCE, "DVDSCR", "dvdscr", "screener", "scr");
        put(Kind.SOURCE, "HD-DVD", "hddvd");
        put(Kind.SOURCE, "CAM", "cam", "camrip", "hdcam");
        put(Kind.SOURCE, "TELESYNC", "telesync", "hdts", "tsrip");
        put(Kind.SOURCE, "TELECINE", "telecine", "hdtc");
        put(Kind.SOURCE, "VHS", "vhsrip");
        put(Kind.STREAMING, "streaming", "amzn", "nf", "netflix", "netflixhd", "hulu", "dsnp", "dsny", "hmax", "atvp",
                "pcok", "pmtp", "cr", "funi", "baha", "viutv", "bilibili", "all4", "itunes", "hbo", "stan", "crav");
        put(Kind.VIDEO_CODEC, "H.264", "x264", "h264", "avc", "avc1");
        put(Kind.VIDEO_CODEC, "H.265", "x265", "h265", "hevc");
        put(Kind.VIDEO_CODEC, "XviD", "xvid");
        put(Kind.VIDEO_CODEC, "DivX", "divx");
        put(Kind.VIDEO_CODEC, "MPEG-2", "mpeg2");
        put(Kind.VIDEO_CODEC, "VC-1", "vc1");
        put(Kind.VIDEO_CODEC, "AV1", "av1");
        put(Kind.VIDEO_CODEC, "VP9", "vp9");
        put(Kind.VIDEO_CODEC, "", "10bit", "8bit", "10bits", "hi10p", "hi10", "10b", "hdr", "hdr10", "sdr", "dovi");
        put(Kind.AUDIO_CODEC, "AAC", "aac", "aac2", "aac5", "aaclc", "heaac");
        put(Kind.AUDIO_CODEC, "AC3", "ac3", "ac3d", "dd", "dd2", "dd5", "dd51", "dd20");
        put(Kind.AUDIO_CODEC, "E-AC3", "eac3", "ddp", "ddp2", "ddp5", "ddp51", "ddp20", "ddplus");
        put(Kind.AUDIO_CODEC, "DTS", "dts", "dts5");
        put(Kind.AUDIO_CODEC, "DTS-HD", "dtshd", "dtsma", "dtsx");
        put(Kind.AUDIO_CODEC, "TrueHD", "truehd");
        put(Kind.AUDIO_CODEC, "Atmos", "atmos");
        put(Kind.AUDIO_CODEC, "FLAC", "flac", "flacx2", "2xflac");
        put(Kind.AUDIO_CODEC, "MP3", "mp3");
        put(Kind.AUDIO_CODEC, "Opus", "opus");
        put(Kind.AUDIO_CODEC, "PCM", "lpcm", "pcm");
        put(Kind.AUDIO_CODEC, "MP2", "mpa", "mp2");
        put(Kind.CHANNELS, "", "2ch", "6ch", "8ch", "5ch", "1ch");
        put(Kind.LANGUAGE, "de", "german", "deutsch", "ger");
        put(Kind.LANGUAGE, "fr", "french", "truefrench", "vff", "vfq", "vf", "vf2", "vfi", "fre", "fra");
        put(Kind.LANGUAGE, "it", "italian", "ita");
        put(Kind.LANGUAGE, "es", "spanish", "castellano", "latino", "esp", "spa");
        put(Kind.LANGUAGE, "en", "english", "eng");
        put(Kind.LANGUAGE, "ru", "russian", "rus");
        put(Kind.LANGUAGE, "uk", "ukrainian", "ukr");
        put(Kind.LANGUAGE, "pl", "polish", "pl");
        put(Kind.LANGUAGE, "ja", "japanese", "jap", "jpn");
        put(Kind.LANGUAGE, "ko", "korean", "kor");
        put(Kind.LANGUAGE, "zh", "chinese", "chs", "cht", "big5", "gb", "mandarin", "cantonese");
        put(Kind.LANGUAGE, "hi", "hindi");
        put(Kind.LANGUAGE, "ta", "tamil");
        put(Kind.LANGUAGE, "te", "telugu");
        put(Kind.LANGUAGE, "ml", "malayalam");
        put(Kind.LANGUAGE, "tr", "turkish");
        put(Kind.LANGUAGE, "nl", "dutch", "flemish");
        put(Kind.LANGUAGE, "sv", "swedish", "swe");
        put(Kind.LANGUAGE, "da", "danish");
        put(Kind.LANGUAGE, "no", "norwegian");
        put(Kind.LANGUAGE, "fi", "finnish");
        put(Kind.LANGUAGE, "pt", "portuguese", "brazilian", "dublado");
        put(Kind.LANGUAGE, "hu", "hungarian");
        put(Kind.LANGUAGE, "cs", "czech");
        put(Kind.LANGUAGE, "mul", "multi", "nordic");
        put(Kind.SUBTITLES, "fr", "vostfr", "vost", "subfrench");
        put(Kind.SUBTITLES, "nl", "nlsubs", "nlsub");
        put(Kind.SUBTITLES, "en", "engsub", "engsubs");
        put(Kind.SUBTITLES, "", "subs", "sub", "subbed", "hardsub", "hardsubs", "softsub", "softsubs", "subpack",
                "multisub", "multisubs");
        put(Kind.EDITION, "Extended", "extended");
        put(Kind.EDITION, "Unrated", "unrated");
        put(Kind.EDITION, "Uncut", "uncut");
        put(Kind.EDITION, "Theatrical", "theatrical");
        put(Kind.EDITION, "Remastered", "remastered");
        put(Kind.EDITION, "IMAX", "imax");
        put(Kind.EDITION, "Criterion", "criterion");
        put(Kind.EDITION, "Recut", "recut");
        put(Kind.EDITION, "Restored", "restored");
        put(Kind.EXTRA, "trailer", "trailer", "trailers", "teaser");
        put(Kind.EXTRA, "featurette", "featurette", "featurettes");
        put(Kind.EXTRA, "behindthescenes", "behindthescenes");
        put(Kind.EXTRA, "deleted", "deleted");
        put(Kind.EXTRA, "interview", "interview", "interviews");
        put(Kind.EXTRA, "sample", "sample");
        put(Kind.EXTRA, "extras", "extras", "bonus", "bloopers");
        put(Kind.FLAG, "", "proper", "repack", "rerip", "internal", "readnfo", "nfofix", "limited", "festival",
                "retail", "hc", "ws", "fs", "dl", "complete", "batch", "dubbed", "dual", "uncensored", "hq", "lq",
                "3d", "hsbs", "sbs", "hybrid", "miniserie", "miniseries", "hr", "mq", "docu", "doku", "ppv");
        put(Kind.SPECIAL, "ova", "ova", "oad", "ona");
        put(Kind.SPECIAL, "ncop", "ncop", "nced");
        put(Kind.CONTAINER, "", "mkv", "mp4", "avi", "m2ts", "ass", "srt", "wmv");
        put(Kind.RESOLUTION, "2160p", "4k", "uhd");
        put(Kind.RESOLUTION, "4320p", "8k");
        put(Kind.RESOLUTION, "1080p", "fhd");
    }

    /** Marks every known token of {@code t}. */
    static void classify(Tokens t) {
        int n = t.size();
        for (int i = 0; i < n; i++) {
            Token tok = t.get(i);
            if (tok.tag != null) {
                continue;
            }
            String w = tok.lower;
            Token next = t.at(i + 1);
            String nw = next == null ? "" : next.lower;
            boolean nextClose = next != null && next.start - tok.end <= 1;
            Tag pair = nextClose ? pair(w, nw, next) : null;
            if (pair != null) {
                tok.tag = pair;
                next.tag = pair;
                continue;
            }
            Tag tag = lookup(tok);
            if (tag != null && tag.kind() == Kind.CONTAINER && tok.depth == 0 && (w.equals("ass") || w.equals("srt"))) {
                tag = null; // "Kick.Ass.2": subtitle formats count only inside brackets, "[MP4+ASS]"
            }
            tok.tag = tag;
        }
        for (int i = n - 1; i > 0; i--) {
            bareLineCount(t, i);
        }
    }

    /**
     * Marks a bare frame height at the end of a name or before release words as a resolution:
     * "Title_-_11_1080". After a dash it stays a number, which may be an episode ("Show - 720").
     */
    private static void bareLineCount(Tokens t, int i) {
        Token tok = t.get(i);
        if (!tok.digits) {
            return;
        }
        int v = tok.value;
        boolean common = v == 480 || v == 576 || v == 720 || v == 1080 || v == 2160;
        if (tok.tag != null || !tok.digits || !common || t.gapHasDash(i) || t.gapOpensGroup(i)) {
            return;
        }
        Token next = t.at(i + 1);
        if (next == null || next.tag != null || t.gapOpensGroup(i + 1)) {
            tok.tag = new Tag(Kind.RESOLUTION, tok.value + "p");
        }
    }

    /** Returns the tag of a two-token word such as "H 264" or "WEB-DL", or null. */
    private static Tag pair(String w, String nw, Token next) {
        return switch (w) {
            case "h", "x" -> nw.equals("264") ? WORDS.get("x264") : nw.equals("265") ? WORDS.get("x265") : null;
            case "web" -> nw.equals("dl") ? WORDS.get("webdl") : nw.equals("rip") ? WORDS.get("webrip") : null;
            case "blu" -> nw.equals("ray") ? WORDS.get("bluray") : null;
            case "dts" -> nw.equals("hd") || nw.equals("ma") || nw.equals("x") ? WORDS.get("dtshd")
                    : next.digits && next.length() == 1 ? WORDS.get("dts") : null;
            case "e" -> nw.equals("ac3") ? WORDS.get("eac3") : null;
            case "dd", "ddp", "dd5", "ddp5", "dd2", "ddp2", "aac2", "aac", "ac3", "eac3", "truehd", "flac",
                    "opus", "mpa2", "aac5" -> next.digits && next.length() == 1
                            ? WORDS.get(w.startsWith("mpa") ? "mpa" : w) : null;
            case "10", "8" -> nw.equals("bit") || nw.equals("bits") ? WORDS.get("10bit") : null;
            case "multi" -> nw.equals("subs") || nw.equals("sub") ? WORDS.get("subs") : null;
            case "director", "directors" -> nw.equals("cut") || nw.equals("s") ? DIRECTORS_CUT : null;
            case "special", "collectors", "anniversary", "ultimate" -> nw.equals("edition")
                    ? new Tag(Kind.EDITION, Character.toUpperCase(w.charAt(0)) + w.substring(1) + " Edition") : null;
            case "final" -> nw.equals("cut") ? new Tag(Kind.EDITION, "Final Cut") : null;
            case "open" -> nw.equals("matte") ? new Tag(Kind.EDITION, "Open Matte") : null;
            case "behind" -> nw.equals("the") ? WORDS.get("behindthescenes") : null;
            case "making" -> nw.equals("of") ? WORDS.get("behindthescenes") : null;
            case "gag" -> nw.equals("reel") ? WORDS.get("bloopers") : null;
            case "dual" -> nw.equals("audio") ? WORDS.get("dual") : null;
            default -> null;
        };
    }

    /** Returns the tag of one token, by word list or by shape ("720p", "1280x720", "v2"), or null. */
    static Tag lookup(Token tok) {
        String w = tok.lower;
        Tag tag = WORDS.get(w);
        if (tag != null) {
            return tag;
        }
        if (tok.digits) {
            return null;
        }
        if (!tok.hasDigit) {
            return isChecksum(tok) ? new Tag(Kind.CHECKSUM, tok.text()) : null;
        }
        int len = w.length();
        if (len >= 2 && len <= 3 && w.charAt(0) == 'v' && Character.isDigit(w.charAt(1))
                && (len == 2 || Character.isDigit(w.charAt(2)))) {
            return new Tag(Kind.VERSION, w.substring(1));
        }
        String resolution = resolution(w);
        if (resolution != null) {
            return new Tag(Kind.RESOLUTION, resolution);
        }
        if (isChecksum(tok)) {
            return new Tag(Kind.CHECKSUM, tok.text());
        }
        if (w.startsWith("hdtv")) {
            return WORDS.get("hdtv");
        }
        if (w.startsWith("x264") || w.startsWith("h264")) {
            return WORDS.get("x264");
        }
        if (w.startsWith("x265") || w.startsWith("h265")) {
            return WORDS.get("x265");
        }
        if (w.startsWith("aac") || w.startsWith("ddp") || w.startsWith("eac3") || w.startsWith("ac3")
                || w.startsWith("dts") || w.startsWith("mpa2")
                || (w.startsWith("dd") && len > 2 && Character.isDigit(w.charAt(2)))) {
            return WORDS.get(w.startsWith("mpa") ? "mpa" : w.startsWith("ddp") ? "ddp" : w.startsWith("dd") ? "dd"
                    : w.startsWith("eac3") ? "eac3" : w.startsWith("ac3") ? "ac3" : w.startsWith("dts") ? "dts" : "aac");
        }
        return null;
    }

    /** Returns "720p", "1080i", "2160p" for resolution words ("720p", "1080p60", "1920x1080", "4k"), or null. */
    static String resolution(String w) {
        switch (w) {
            case "4k", "uhd":
                return "2160p";
            case "8k":
                return "4320p";
            case "fhd":
                return "1080p";
            default:
                break;
        }
        int i = 0;
        int len = w.length();
        while (i < len && Character.isDigit(w.charAt(i))) {
            i++;
        }
        if (i >= 3 && i <= 4 && i < len) {
            char c = w.charAt(i);
            int lines = Integer.parseInt(w, 0, i, 10);
            if ((c == 'p' || c == 'i') && isLineCount(lines)) {
                for (int k = i + 1; k < len; k++) {
                    if (!Character.isDigit(w.charAt(k))) {
                        return null;
                    }
                }
                return lines + (c == 'p' ? "p" : "i");
            }
            if ((c == 'x' || c == '*') && i + 3 <= len && len - i - 1 <= 4) {
                int width = lines;
                int height = 0;
                for (int k = i + 1; k < len; k++) {
                    int d = Character.digit(w.charAt(k), 10);
                    if (d < 0) {
                        return null;
                    }
                    height = height * 10 + d;
                }
                if (width >= 320 && height >= 200 && width >= height && width <= 3 * height) {
                    return heightName(height, width);
                }
            }
        }
        return null;
    }

    private static boolean isLineCount(int lines) {
        return switch (lines) {
            case 240, 288, 360, 368, 480, 540, 576, 720, 800, 900, 1080, 1440, 2160, 4320 -> true;
            default -> false;
        };
    }

    /** Names a frame size by its usual line count: 1920x804 is still 1080p. */
    private static String heightName(int height, int width) {
        if (width >= 3200) {
            return "2160p";
        }
        if (width >= 1800) {
            return "1080p";
        }
        if (width >= 1200) {
            return "720p";
        }
        return height >= 540 ? "576p" : "480p";
    }

    /** Says whether a token looks like a CRC-32 in brackets: eight hex digits. */
    private static boolean isChecksum(Token tok) {
        if (tok.length() != 8 || tok.depth == 0) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (Character.digit(tok.lower.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns the month (1-12) a word names in English, or 0. */
    static int month(String w) {
        if (w.length() < 3) {
            return 0;
        }
        String p = w.substring(0, 3);
        int m = switch (p) {
            case "jan" -> 1; case "feb" -> 2; case "mar" -> 3; case "apr" -> 4; case "may" -> 5; case "jun" -> 6;
            case "jul" -> 7; case "aug" -> 8; case "sep" -> 9; case "oct" -> 10; case "nov" -> 11; case "dec" -> 12;
            default -> 0;
        };
        if (m == 0 || w.length() == 3) {
            return m;
        }
        String[] full = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december"};
        return full[m - 1].equals(w) || (m == 9 && w.equals("sept")) ? m : 0;
    }

    /** Says whether a language word is also a language code of subtitles or audio lists ("Ukr/Eng"). */
    static boolean isLanguage(String w) {
        Tag t = WORDS.get(w);
        return t != null && t.kind() == Kind.LANGUAGE;
    }
}
