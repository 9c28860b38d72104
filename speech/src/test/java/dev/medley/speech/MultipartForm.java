package dev.medley.speech;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code multipart/form-data} bodies strictly (RFC 7578), as the fake server receives them. */
final class MultipartForm {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile(";\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile(";\\s*filename=\"([^\"]*)\"");

    /** Holds one part: a field, or a file when {@code fileName} is set. */
    record Part(String name, String fileName, String contentType, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private MultipartForm() {}

    /** Returns the parts of {@code body} in order; throws {@link IllegalArgumentException} on anything malformed. */
    static List<Part> parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("Content-Type is not multipart/form-data: " + contentType);
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new IllegalArgumentException("Content-Type has no boundary");
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
        byte[] crlf = {'\r', '\n'};
        if (indexOf(body, delimiter, 0) != 0) {
            throw new IllegalArgumentException("body does not start with the boundary");
        }
        List<Part> parts = new ArrayList<>();
        int at = delimiter.length;
        while (true) {
            if (startsWith(body, at, new byte[] {'-', '-'})) {
                if (!Arrays.equals(Arrays.copyOfRange(body, at + 2, body.length), crlf)
                        && at + 2 != body.length) {
                    throw new IllegalArgumentException("bytes after the closing boundary");
                }
                return parts;
            }
            if (!startsWith(body, at, crlf)) {
                throw new IllegalArgumentException("boundary not followed by CRLF");
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), at + 2);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("part without a blank line after its headers");
            }
            Map<String, String> headers = headers(new String(body, at + 2, headersEnd - at - 2, StandardCharsets.UTF_8));
            int next = indexOf(body, concat(crlf, delimiter), headersEnd + 4);
            if (next < 0) {
                throw new IllegalArgumentException("body ends without a closing boundary");
            }
            parts.add(part(headers, Arrays.copyOfRange(body, headersEnd + 4, next)));
            at = next + 2 + delimiter.length;
        }
    }

    private static Part part(Map<String, String> headers, byte[] content) {
        String disposition = headers.get("content-disposition");
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new IllegalArgumentException("part without Content-Disposition: form-data");
        }
        Matcher name = NAME.matcher(disposition);
        if (!name.find()) {
            throw new IllegalArgumentException("part without a name");
        }
        Matcher fileName = FILE_NAME.matcher(disposition);
        return new Part(name.group(1), fileName.find() ? fileName.group(1) : null, headers.get("content-type"), content);
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("bad part header: " + line);
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        return at + prefix.length <= body.length
                && Arrays.equals(body, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] body, byte[] target, int from) {
        for (int i = Math.max(0, from); i + target.length <= body.length; i++) {
            if (startsWith(body, i, target)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
