package dev.medley.metadata;

import java.util.Locale;
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
            "json", "html", "md5", "lrc", "url", "bmp", "tif", "tiff");

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
        if (dot <= 0) {
            return "";
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return type(ext) == Type.NONE ? "" : ext;
    }

    static Type type(String ext) {
        if (ext.isEmpty()) {
            return Type.NONE;
        }
        if (VIDEO.contains(ext)) {
            return Type.VIDEO;
        }
        if (AUDIO.contains(ext)) {
            return Type.AUDIO;
        }
        if (SUBTITLE.contains(ext)) {
            return Type.SUBTITLE;
        }
        return OTHER.contains(ext) ? Type.OTHER : Type.NONE;
    }
}
