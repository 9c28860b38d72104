package dev.medley.organize;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Turns arbitrary text (titles, tag values, template output) into file and folder names that every
 * common file system accepts: ext4 and other Linux file systems, APFS and HFS+, NTFS and exFAT as
 * Windows sees them, and SMB shares of any of these.
 *
 * <p>The rules are the strictest of those systems taken together: no path separators, none of the
 * characters Windows forbids, no control characters, no trailing dot or space, no reserved device
 * names, and at most {@value #MAX_BYTES} bytes of UTF-8. Names are also kept visible: a leading dot
 * becomes an underscore, since a hidden file in a library is a file the user cannot find.
 *
 * <p>Text may hold escaped bytes ({@code dev.medley.core.RawPaths}): the bytes of a file name that
 * are not UTF-8, each as the lone surrogate U+DC80..U+DCFF. They are kept as they are and count as
 * the one byte each stands for, so that a name taken from the file system keeps its bytes and two
 * names that differ only there stay two names. Any other lone surrogate is dropped.
 */
public final class SafeNames {
    /** The longest name, in UTF-8 bytes, that ext4 and most other Linux file systems take. */
    public static final int MAX_BYTES = 255;

    // ".mkv", ".en.srt", ".forced.en.srt" minus the language: long enough for real extensions, short
    // enough that a sentence with a full stop in it is not mistaken for one.
    private static final int MAX_EXTENSION = 12;

    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³");

    private SafeNames() {}

    /**
     * Returns {@code raw} as one safe file or folder name: never empty, never "." or "..", free of
     * '/', '\', ':', '?', '*', '<', '>', '|', '"' and control characters, not starting with a dot, not
     * ending with a dot or space, not a Windows device name, and at most {@value #MAX_BYTES} bytes
     * of UTF-8. Applying it twice gives the same name as applying it once.
     *
     * <pre>{@code
     * SafeNames.segment("Star Wars: Episode IV")   // "Star Wars - Episode IV"
     * SafeNames.segment("AC/DC")                   // "AC-DC"
     * SafeNames.segment("..")                      // "_"
     * SafeNames.segment("con.txt")                 // "con_.txt"
     * }</pre>
     *
     * @throws NullPointerException if {@code raw} is null
     */
    public static String segment(String raw) {
        Objects.requireNonNull(raw, "raw");
        String s = replaceCharacters(Normalizer.normalize(raw, Normalizer.Form.NFC));
        // Removing a character can bring a letter and a combining mark together.
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        s = stripEnd(s.stripLeading());
        if (s.isEmpty()) {
            return "_";
        }
        if (s.charAt(0) == '.') {
            s = '_' + s.substring(1);
        }
        return capBytes(unreserve(s), MAX_BYTES);
    }

    /**
     * Returns {@code name} cut to at most {@code maxBytes} bytes of UTF-8, or {@code name} itself
     * when it fits. The cut never splits a code point, keeps an extension of up to 12 characters
     * (".mkv", ".en.srt") by shortening the part before it, and strips the dots and spaces the cut
     * leaves at the end.
     *
     * @throws IllegalArgumentException if {@code maxBytes} is less than 1
     * @throws NullPointerException if {@code name} is null
     */
    public static String capBytes(String name, int maxBytes) {
        Objects.requireNonNull(name, "name");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        if (utf8Length(name) <= maxBytes) {
            return name;
        }
        int dot = extensionStart(name);
        if (dot > 0) {
            String extension = name.substring(dot);
            String base = stripEnd(cut(name.substring(0, dot), maxBytes - utf8Length(extension)));
            if (!base.isEmpty()) {
                return base + extension;
            }
        }
        String whole = stripEnd(cut(name, maxBytes));
        return whole.isEmpty() ? "_" : whole;
    }

    /**
     * Returns a key under which two relative paths are equal when a case-insensitive file system
     * (APFS, NTFS, exFAT) would take them for the same file: "Show/Season 1" and "show/SEASON 1",
     * "Straße" and "STRASSE". Upper- then lower-casing approximates Unicode full case folding.
     *
     * @throws NullPointerException if {@code relativePath} is null
     */
    public static String foldKey(String relativePath) {
        Objects.requireNonNull(relativePath, "relativePath");
        return Normalizer.normalize(relativePath, Normalizer.Form.NFC)
                .toUpperCase(Locale.ROOT)
                .toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the number of bytes {@code s} takes in a file name: UTF-8, an escaped byte as the one
     * byte it stands for, any other lone surrogate as 3.
     */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            bytes += utf8Length(cp);
            i += Character.charCount(cp);
        }
        return bytes;
    }

    // codePointAt gives a lone surrogate as itself, so an escaped byte is one code point here.
    private static int utf8Length(int codePoint) {
        if (codePoint >= 0xDC80 && codePoint <= 0xDCFF) {
            return 1;
        }
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    /** Replaces or drops the characters no file system takes, and collapses whitespace to one space. */
    private static String replaceCharacters(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '/', '\\' -> out.append('-');
                case ':' -> {
                    if (i + 1 < s.length() && isSpace(s.charAt(i + 1))) {
                        appendSpace(out);
                    }
                    out.append('-');
                }
                case '?', '*', '<', '>', '|' -> { }
                case '"' -> out.append('\'');
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (isEscapedByte(c)) {
                        out.append(c); // Not a pair's second half: a byte of a name that is not UTF-8.
                    } else if (isSpace(c)) {
                        appendSpace(out);
                    } else if (!Character.isISOControl(c) && !Character.isSurrogate(c)) {
                        // A lone surrogate is no character at all; Linux and macOS cannot store it.
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Returns whether {@code c}, found alone, is an escaped byte (see the class comment). Bytes below
     * 0x80 are never escaped: they are always UTF-8, and an escaped '/' or NUL must not get through.
     */
    private static boolean isEscapedByte(char c) {
        return c >= '\uDC80' && c <= '\uDCFF';
    }

    // Tabs and line breaks are control characters, but they separate words: they become spaces.
    private static boolean isSpace(char c) {
        return c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f'
                || (!Character.isISOControl(c) && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
    }

    private static void appendSpace(StringBuilder out) {
        if (out.isEmpty() || out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }

    /** Strips trailing spaces and dots, which Windows drops silently and so makes two names one. */
    private static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '.')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Appends '_' to a Windows device name, which Windows takes for the device even with an extension. */
    private static String unreserve(String s) {
        int dot = s.indexOf('.');
        int end = dot < 0 ? s.length() : dot;
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        String base = s.substring(0, end).toUpperCase(Locale.ROOT);
        return RESERVED.contains(base) ? s.substring(0, end) + '_' + s.substring(end) : s;
    }

    /**
     * Returns the index of the dot that starts the extension to keep when cutting, or -1: the
     * longest run of dot-separated parts at the end that has no whitespace and at most
     * {@value #MAX_EXTENSION} characters after its first dot.
     */
    private static int extensionStart(String name) {
        int start = -1;
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            int length = name.length() - dot - 1;
            String part = name.substring(dot + 1, start < 0 ? name.length() : start);
            if (length > MAX_EXTENSION || part.isEmpty() || part.chars().anyMatch(Character::isWhitespace)) {
                break;
            }
            start = dot;
        }
        return start;
    }

    /** Returns the longest prefix of {@code s} that fits {@code maxBytes}, ending on a code point. */
    private static String cut(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            bytes += utf8Length(cp);
            if (bytes > maxBytes) {
                break;
            }
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }
}
