package dev.medley.core;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * File names as the file system holds them: bytes, which need not be valid UTF-8.
 *
 * <p>Java turns a name's bytes into text with U+FFFD for every byte that is not UTF-8, so two
 * different names can read the same and a path rebuilt from its text is another file. This class
 * keeps the bytes. It has three forms of a name:
 * <ul>
 *   <li><b>bytes</b>: exact; what the kernel sees.
 *   <li><b>escaped text</b> ({@link #text}): UTF-8 where the bytes are UTF-8, and each byte that is
 *       not as the lone surrogate {@code U+DC00 + byte} (Python's "surrogateescape"). Lone
 *       surrogates never come out of valid UTF-8, so the form is lossless: {@link #resolve} turns it
 *       back into the same bytes. String code (templates, case folding, sorting) can work on it.
 *   <li><b>display text</b> ({@link #display}): for people and JSON. Escaped bytes and control
 *       characters show as {@code \xNN}, so two different names never print the same and a name
 *       with a newline stays on one line.
 * </ul>
 * Works on Unix file systems, where {@code file:} URIs percent-encode the raw bytes of a path.
 */
public final class RawPaths {
    private static final char ESCAPE_BASE = '\uDC00';
    private static final HexFormat HEX = HexFormat.of();

    private RawPaths() {}

    /** Returns the bytes of {@code path} as the file system holds them. */
    public static byte[] bytes(Path path) {
        String text = path.toString();
        if (text.indexOf('\uFFFD') < 0) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        Path absolute = path.toAbsolutePath();
        String raw = absolute.toUri().getRawPath();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        byte[] result = bytes.toByteArray();
        // A directory's URI ends with a slash the path does not have.
        if (result.length > 1 && result[result.length - 1] == '/' && !text.endsWith("/")) {
            result = Arrays.copyOf(result, result.length - 1);
        }
        if (!path.isAbsolute()) {
            // The URI was of the absolute path: drop the working folder and its slash.
            byte[] base = bytes(Path.of("").toAbsolutePath());
            int skip = base.length + (base.length > 0 && base[base.length - 1] == '/' ? 0 : 1);
            return Arrays.copyOfRange(result, Math.min(skip, result.length), result.length);
        }
        return result;
    }

    /** Returns whether {@code path}'s name, as text, would lose bytes (it is not valid UTF-8). */
    public static boolean isLossy(Path path) {
        return path.toString().indexOf('\uFFFD') >= 0 && !decodesStrictly(bytes(path));
    }

    /** Returns {@code path} as escaped text: lossless, see the class comment. */
    public static String text(Path path) {
        String plain = path.toString();
        return plain.indexOf('\uFFFD') < 0 ? plain : text(bytes(path));
    }

    /** Returns the last element of {@code path} as escaped text, or "" for a root. */
    public static String name(Path path) {
        Path name = path.getFileName();
        return name == null ? "" : text(name);
    }

    /** Returns {@code bytes} as escaped text: UTF-8 where valid, each other byte as U+DC00 + byte. */
    public static String text(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                decoder.flush(out);
                break;
            }
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.put((char) (ESCAPE_BASE + (in.get() & 0xFF)));
                }
            } else {
                throw new IllegalStateException(result.toString()); // Overflow: cannot happen at this size.
            }
        }
        return out.flip().toString();
    }

    /** Returns the bytes that escaped {@code text} stands for. */
    public static byte[] encode(String text) {
        if (!hasEscapes(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 8);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || isEscape(text, i)) {
                bytes.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
                if (i < text.length()) {
                    bytes.write(text.charAt(i) - ESCAPE_BASE);
                }
                start = i + 1;
            }
        }
        return bytes.toByteArray();
    }

    /** Returns the path whose bytes are {@code bytes} (absolute, or relative to the working folder). */
    public static Path path(byte[] bytes) {
        if (decodesStrictly(bytes)) {
            return Path.of(new String(bytes, StandardCharsets.UTF_8));
        }
        boolean absolute = bytes.length > 0 && bytes[0] == '/';
        byte[] full = absolute ? bytes : concat(concat(bytes(Path.of("").toAbsolutePath()), new byte[] {'/'}), bytes);
        StringBuilder uri = new StringBuilder("file://");
        for (byte b : full) {
            int c = b & 0xFF;
            if (c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_') {
                uri.append((char) c);
            } else {
                uri.append('%').append(HEX.toHexDigits((byte) c));
            }
        }
        Path result = Path.of(URI.create(uri.toString()));
        return absolute ? result : Path.of("").toAbsolutePath().relativize(result);
    }

    /** Returns the path that escaped {@code text} stands for. */
    public static Path path(String text) {
        return hasEscapes(text) ? path(encode(text)) : Path.of(text);
    }

    /** Returns {@code folder} with the child {@code name} (escaped text, one element) appended, bytes intact. */
    public static Path resolve(Path folder, String name) {
        if (!hasEscapes(name) && !isLossy(folder)) {
            return folder.resolve(name);
        }
        byte[] parent = bytes(folder);
        byte[] child = encode(name);
        boolean slash = parent.length > 0 && parent[parent.length - 1] != '/';
        byte[] joined = slash ? concat(parent, new byte[] {'/'}) : parent;
        return path(concat(joined, child));
    }

    /** Returns {@code path} for people: escaped bytes and control characters as {@code \xNN}. */
    public static String display(Path path) {
        String plain = path.toString();
        if (plain.indexOf('\uFFFD') < 0 && !hasControl(plain)) {
            return plain;
        }
        return display(text(path));
    }

    /** Returns escaped {@code text} for people: escaped bytes and control characters as {@code \xNN}. */
    public static String display(String text) {
        if (!hasEscapes(text) && !hasControl(text)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isEscape(text, i)) {
                shown.append("\\x").append(HEX.toHexDigits((byte) (c - ESCAPE_BASE)));
            } else if (c < 0x20 || c == 0x7F) {
                shown.append("\\x").append(HEX.toHexDigits((byte) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    private static boolean hasEscapes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isEscape(text, i)) {
                return true;
            }
        }
        return false;
    }

    // A lone low surrogate in U+DC00..U+DCFF: an escaped byte.
    private static boolean isEscape(String text, int i) {
        char c = text.charAt(i);
        return c >= '\uDC00' && c <= '\uDCFF' && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    private static boolean decodesStrictly(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
