package dev.medley.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} body already held in memory (the server caps its size): each
 * part by its name, with its file name when it has one.
 */
final class Multipart {
    /** One part: its bytes, and the file name its header gives, or null. */
    record Part(byte[] content, String fileName, List<String> more) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        /** Returns this part's text and those of later parts of the same name, as arrays in forms are sent. */
        List<String> texts() {
            List<String> all = new ArrayList<>(1 + more.size());
            all.add(text());
            all.addAll(more);
            return all;
        }
    }

    private Multipart() {}

    /**
     * Returns the parts by name, the first of each name; the texts of later ones of that name ride along.
     *
     * @throws IllegalArgumentException when the body is not multipart/form-data with a boundary
     */
    static Map<String, Part> parse(String contentType, byte[] body) {
        String boundary = boundary(contentType);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break; // The closing delimiter.
            }
            start = skipLineEnd(body, start);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(body, delimiter, start);
            if (headersEnd < 0 || next < 0 || headersEnd > next) {
                throw new IllegalArgumentException("a part of the multipart body is cut short");
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int contentEnd = next;
            if (contentEnd >= 2 && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') {
                contentEnd -= 2;
            }
            String name = parameter(headers, "name");
            if (name != null) {
                byte[] content = new byte[Math.max(0, contentEnd - contentStart)];
                System.arraycopy(body, contentStart, content, 0, content.length);
                Part first = parts.get(name);
                if (first == null) {
                    parts.put(name, new Part(content, parameter(headers, "filename"), new ArrayList<>(0)));
                } else if (first.more().size() < 16) {
                    first.more().add(new String(content, StandardCharsets.UTF_8));
                }
            }
            at = next;
        }
        return parts;
    }

    private static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("send the file as multipart/form-data");
        }
        String boundary = parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw new IllegalArgumentException("the multipart body has no boundary");
        }
        return boundary;
    }

    /** Returns {@code name=value} or {@code name="value"} from a header's parameters, or null. */
    private static String parameter(String header, String name) {
        String lower = header.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int at = lower.indexOf(name + "=", from);
            if (at < 0) {
                return null;
            }
            char before = at == 0 ? ';' : lower.charAt(at - 1);
            from = at + name.length() + 1;
            if (before != ';' && before != ' ' && before != '\t') {
                continue; // "filename=" when looking for "name=".
            }
            if (from < header.length() && header.charAt(from) == '"') {
                int end = header.indexOf('"', from + 1);
                return end < 0 ? null : header.substring(from + 1, end);
            }
            int end = from;
            while (end < header.length() && ";\r\n".indexOf(header.charAt(end)) < 0) {
                end++;
            }
            return header.substring(from, end).strip();
        }
    }

    private static int skipLineEnd(byte[] body, int at) {
        if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
            return at + 2;
        }
        return at;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
