package dev.medley.metadata;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Knows the file extensions of video, audio, subtitles and the other files found beside them. */
final class Extensions {
    /** Lists what an extension says about a file. */
    enum Type { VIDEO, AUDIO, SUBTITLE, OTHER, NONE }

    private static final Set<String> VIDEO = Set.of("mkv", "mp4", "avi", "m4v", "mov", "wmv", "flv", "webm", "mpg",
            "mpeg", "m2ts", "mts", "ts", "vob", "iso", "divx", "ogm", "ogv", "3gp", "rmvb", "rm", "asf", "f4v", "m2v");
    private static final Set<String> AUDIO = Set.of("mp3", "flac", "m4a", "ogg", "oga", "opus", "wav", "aac", "wma",
            "alac", "aiff", "aif", "ape", "wv", "dsf", "dff", "mka", "m4b", "mpc", "tta", "mp2", "weba");
    private static final Set<String> SUBTITLE = Set.of("srt", "ass", "ssa", "sub", "idx", "vtt", "sup", "smi");
    private static final Set<String> OTHER = Set.of("nfo", "txt", "jpg", "jpeg", "png", "gif", "webp", "pdf",
            "cue", "log", "m3u", "m3u8", "sfv", "nzb", "torrent", "par2", "rar", "zip", "7z", "exe", "db", "xml",
            "json", "html", "md5", "lrc", "url", "bmp", "tif", "tiff", "ifo", "bup");

    /** Files that describe or come with a release and are named like it: typed by that name. */
    private static final Set<String> SIDE_FILES = Set.of("nfo", "torrent", "nzb", "sfv", "par2", "md5", "txt", "url",
            "ifo", "bup");
    /** Audio extensions that are also codec words a video release name may end with ("...BluRay.AAC"). */
    private static final Set<String> CODEC_WORDS = Set.of("mp3", "aac", "flac", "opus", "alac", "wma", "mp2");

    private static final Map<String, Type> TYPES = new HashMap<>(128);

    static {
        VIDEO.forEach(e -> TYPES.put(e, Type.VIDEO));
        AUDIO.forEach(e -> TYPES.put(e, Type.AUDIO));
        SUBTITLE.forEach(e -> TYPES.put(e, Type.SUBTITLE));
        OTHER.forEach(e -> TYPES.put(e, Type.OTHER));
    }

    private Extensions() {}

    /** Returns the known extension of a file name in lower case, or "". */
    static String of(String fileName) {
        int n = fileName.length();
        int dot = -1;
        for (int i = n - 1; i >= Math.max(1, n - 9); i--) {
            if (fileName.charAt(i) == '.') {
                dot = i;
                break;
            }
        }
        if (dot <= 0 || dot == n - 1) {
            return "";
        }
        char[] ext = new char[n - dot - 1];
        for (int i = 0; i < ext.length; i++) {
            char c = fileName.charAt(dot + 1 + i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return ""; // "x264-GRP": a release name's end, not an extension (every known one is letters and digits)
            }
            ext[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        String e = new String(ext);
        return TYPES.containsKey(e) ? e : "";
    }

    static Type type(String ext) {
        return TYPES.getOrDefault(ext, Type.NONE);
    }

    /** Says whether files of this extension come with media and are named after it (NFO, torrent, subtitles). */
    static boolean sideFile(String ext) {
        return SIDE_FILES.contains(ext) || type(ext) == Type.SUBTITLE;
    }

    /** Says whether this audio extension is also a codec word that can end a release name. */
    static boolean codecWord(String ext) {
        return CODEC_WORDS.contains(ext);
    }
}
