package dev.medley.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Tells media files from others: by extension where it is conclusive, else by the first bytes.
 */
public final class MediaSniffer {
    static final Set<String> MEDIA_EXTENSIONS = Set.of(
            // audio
            "mp3", "mp2", "flac", "ogg", "oga", "opus", "spx", "m4a", "m4b", "aac", "wav", "wma", "aiff", "aif",
            "aifc", "ape", "wv", "mka", "ac3", "eac3", "dts", "amr", "caf", "tta", "mpc", "au",
            // video
            "mkv", "mp4", "m4v", "mov", "avi", "wmv", "asf", "webm", "mpg", "mpeg", "m2v", "ts", "m2ts", "mts",
            "flv", "3gp", "3g2", "ogv", "vob", "divx", "rm", "rmvb", "mxf", "f4v", "nut");

    // Files that are never media: skipped without reading a byte.
    static final Set<String> OTHER_EXTENSIONS = Set.of(
            "jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff", "heic", "svg", "ico",
            "txt", "nfo", "srt", "ass", "ssa", "sub", "idx", "vtt", "lrc", "cue", "log", "md", "pdf", "doc",
            "docx", "html", "htm", "xml", "json", "yaml", "yml", "ini", "cfg", "conf", "csv", "tsv",
            "m3u", "m3u8", "pls", "xspf", "db", "sqlite", "zip", "rar", "7z", "gz", "xz", "bz2", "tar",
            "iso", "exe", "dll", "so", "jar", "class", "py", "sh", "sfv", "md5", "sha1", "sha256",
            "torrent", "url", "lnk", "ds_store", "db-wal", "db-shm");

    private static final int SNIFF_BYTES = 200;

    private MediaSniffer() {}

    /** Returns the lower-case extension of {@code fileName}, or "" when it has none. */
    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Returns whether the extension alone says media ({@code TRUE}), not media ({@code FALSE}), or nothing. */
    static Boolean byExtension(String fileName) {
        String extension = extension(fileName);
        if (MEDIA_EXTENSIONS.contains(extension)) {
            return Boolean.TRUE;
        }
        return OTHER_EXTENSIONS.contains(extension) ? Boolean.FALSE : null;
    }

    /** Returns whether {@code fileName}'s extension is one of a media file (audio or video). */
    public static boolean hasMediaExtension(String fileName) {
        return MEDIA_EXTENSIONS.contains(extension(fileName));
    }

    /** Returns whether {@code file} is media: by extension, else by its first bytes. */
    public static boolean isMedia(Path file) throws IOException {
        return isMedia(file, file.getFileName().toString());
    }

    /** Returns whether {@code file} is media, judging its extension by {@code name}. */
    static boolean isMedia(Path file, String name) throws IOException {
        Boolean known = byExtension(name);
        if (known != null) {
            return known;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        return looksLikeMedia(head);
    }

    /** Returns whether {@code head}, a file's first bytes, starts like a media container. */
    static boolean looksLikeMedia(byte[] head) {
        if (head.length < 12) {
            return false;
        }
        String first4 = ascii(head, 0, 4);
        String second4 = ascii(head, 4, 4);
        String third4 = ascii(head, 8, 4);
        if (first4.startsWith("ID3") || first4.equals("fLaC") || first4.equals("OggS") || first4.equals("FLV\u0001")
                || first4.equals("MAC ") || first4.equals("wvpk") || first4.equals(".RMF") || first4.equals("caff")) {
            return true;
        }
        if (first4.equals("RIFF") && (third4.equals("WAVE") || third4.equals("AVI ") || third4.equals("RMP3"))) {
            return true;
        }
        if (first4.equals("FORM") && (third4.equals("AIFF") || third4.equals("AIFC"))) {
            return true;
        }
        if (Set.of("ftyp", "moov", "mdat", "wide", "free", "skip").contains(second4)) {
            return true;
        }
        int b0 = head[0] & 0xFF;
        int b1 = head[1] & 0xFF;
        int b2 = head[2] & 0xFF;
        int b3 = head[3] & 0xFF;
        if (b0 == 0x1A && b1 == 0x45 && b2 == 0xDF && b3 == 0xA3) { // EBML: Matroska, WebM
            return true;
        }
        if (b0 == 0x30 && b1 == 0x26 && b2 == 0xB2 && b3 == 0x75) { // ASF: WMA, WMV
            return true;
        }
        if (b0 == 0x00 && b1 == 0x00 && b2 == 0x01 && (b3 == 0xBA || b3 == 0xB3)) { // MPEG program stream
            return true;
        }
        if (b0 == 0x47 && head.length > 188 && (head[188] & 0xFF) == 0x47) { // MPEG transport stream
            return true;
        }
        // MPEG audio or ADTS AAC frame sync; the second frame header is not checked, so demand a sane layer.
        return b0 == 0xFF && (b1 & 0xE0) == 0xE0 && (b1 & 0x06) != 0;
    }

    /**
     * Returns what {@code head}, a file's first bytes, is when its signature names a kind of file
     * that is never audio or video (an executable, an archive, a document, an image, a database),
     * else null. FFmpeg's MPEG audio reader finds frame syncs in almost any binary, and its
     * decoders then read whatever they find: such files are refused before FFmpeg sees them.
     */
    public static String notMedia(byte[] head) {
        if (startsWith(head, 0x7F, 'E', 'L', 'F')) {
            return "an executable (ELF)";
        }
        if (head.length >= 0x40 && startsWith(head, 'M', 'Z')) {
            int peOffset = (head[0x3C] & 0xFF) | (head[0x3D] & 0xFF) << 8 | (head[0x3E] & 0xFF) << 16 | (head[0x3F] & 0x7F) << 24;
            if (peOffset + 4 <= head.length && head[peOffset] == 'P' && head[peOffset + 1] == 'E'
                    && head[peOffset + 2] == 0 && head[peOffset + 3] == 0) {
                return "an executable (Windows)";
            }
        }
        if (startsWith(head, 0xCA, 0xFE, 0xBA, 0xBE) || startsWith(head, 0xCF, 0xFA, 0xED, 0xFE)) {
            return "an executable or class file";
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            return "a ZIP archive";
        }
        if (startsWith(head, 'R', 'a', 'r', '!', 0x1A, 0x07) || startsWith(head, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)
                || startsWith(head, 0x1F, 0x8B) || startsWith(head, 0xFD, '7', 'z', 'X', 'Z', 0)) {
            return "a compressed archive";
        }
        if (startsWith(head, '%', 'P', 'D', 'F', '-')) {
            return "a PDF document";
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n') || startsWith(head, 'G', 'I', 'F', '8')
                || startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return "an image";
        }
        if (startsWith(head, 'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', 0)) {
            return "an SQLite database";
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
