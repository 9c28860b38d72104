package dev.medley.speech;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Builds a {@code multipart/form-data} body (RFC 7578) in memory, which suits windows of at most
 * 30 seconds (about 1 MB as WAV).
 */
final class MultipartBody {

    private static final String CRLF = "\r\n";

    private final String boundary;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    MultipartBody(String boundary) {
        if (boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("a boundary has 1 to 70 characters, got " + boundary.length());
        }
        this.boundary = boundary;
    }

    /** Starts a body whose boundary is random, so no audio can contain it by chance. */
    static MultipartBody withRandomBoundary() {
        return new MultipartBody("medley-" + UUID.randomUUID());
    }

    /** Appends a text field. */
    MultipartBody field(String name, String value) {
        startPart("form-data; name=\"" + quoted(name) + "\"", null);
        write(value.getBytes(StandardCharsets.UTF_8));
        write(CRLF);
        return this;
    }

    /** Appends a file field. */
    MultipartBody file(String name, String fileName, String contentType, byte[] content) {
        startPart("form-data; name=\"" + quoted(name) + "\"; filename=\"" + quoted(fileName) + "\"", contentType);
        write(content);
        write(CRLF);
        return this;
    }

    /** Returns the value of the request's {@code Content-Type} header. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Returns the parts so far followed by the closing delimiter. */
    byte[] toByteArray() {
        byte[] close = ("--" + boundary + "--" + CRLF).getBytes(StandardCharsets.US_ASCII);
        byte[] parts = body.toByteArray();
        byte[] all = new byte[parts.length + close.length];
        System.arraycopy(parts, 0, all, 0, parts.length);
        System.arraycopy(close, 0, all, parts.length, close.length);
        return all;
    }

    private void startPart(String disposition, String contentType) {
        write("--" + boundary + CRLF);
        write("Content-Disposition: " + disposition + CRLF);
        if (contentType != null) {
            write("Content-Type: " + contentType + CRLF);
        }
        write(CRLF);
    }

    // RFC 7578 section 2 percent-encodes the characters that would end the quoted string or the header.
    private static String quoted(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        body.write(bytes, 0, bytes.length);
    }
}
