package dev.medley.speech;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches one URL into a {@code .part} file, continuing from the bytes already there with an HTTP range request,
 * and trying again after a dropped connection. Uses {@link HttpURLConnection} for its read timeout: a stalled
 * transfer fails and is resumed instead of hanging.
 */
final class ModelDownload {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final int attempts;
    private final Duration timeout;

    ModelDownload(int attempts, Duration timeout) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.attempts = attempts;
        this.timeout = timeout;
    }

    /**
     * Downloads {@code uri} into {@code part}, keeping what an earlier try left there when the server can resume.
     * The partial file stays on failure, so a later call picks up where this one stopped.
     *
     * @return the size of the complete file
     * @throws IOException when the server has no such file, or every attempt failed
     */
    long fetch(URI uri, Path part, ModelStore.Progress progress) throws IOException, InterruptedException {
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(out);
            if (lock == null) {
                throw new IOException("another pull is already writing " + part);
            }
            IOException last = null;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    return once(uri, out, progress);
                } catch (Refused e) {
                    throw e;
                } catch (IOException e) {
                    last = e;
                    if (attempt < attempts) {
                        Thread.sleep(250L * attempt);
                    }
                }
            }
            throw new IOException("could not download " + uri + " in " + attempts + " attempts (" + last.getMessage()
                    + "); " + out.size() + " bytes are kept in " + part + ", pull again to resume", last);
        } catch (Refused e) {
            if (Files.size(part) == 0) {
                Files.delete(part);
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private long once(URI uri, FileChannel out, ModelStore.Progress progress) throws IOException {
        long have = out.size();
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        try {
            http.setConnectTimeout((int) timeout.toMillis());
            http.setReadTimeout((int) timeout.toMillis());
            http.setInstanceFollowRedirects(true);
            if (have > 0) {
                http.setRequestProperty("Range", "bytes=" + have + "-");
            }
            int status = http.getResponseCode();
            long start;
            long total;
            switch (status) {
                case HttpURLConnection.HTTP_OK -> {
                    start = 0;
                    total = http.getContentLengthLong();
                }
                case HttpURLConnection.HTTP_PARTIAL -> {
                    Matcher range = CONTENT_RANGE.matcher(String.valueOf(http.getHeaderField("Content-Range")));
                    if (!range.matches() || Long.parseLong(range.group(1)) != have) {
                        out.truncate(0);
                        throw new IOException("the server answered bytes=" + have + "- with "
                                + http.getHeaderField("Content-Range") + "; starting over");
                    }
                    start = have;
                    total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
                }
                case 416 -> {
                    // Nothing after our last byte: either the part is already whole, or it is longer than the file.
                    String whole = http.getHeaderField("Content-Range");
                    if (whole != null && whole.equals("bytes */" + have)) {
                        return have;
                    }
                    out.truncate(0);
                    throw new IOException("the partial download is longer than the file (" + whole + ");"
                            + " starting over");
                }
                default -> {
                    // Client errors other than a timeout or a rate limit will be the same next time.
                    if (status >= 400 && status < 500 && status != 408 && status != 429) {
                        throw new Refused(uri + " answered HTTP " + status
                                + (status == 404 ? ": no such model file there" : ""));
                    }
                    throw new IOException(uri + " answered HTTP " + status);
                }
            }
            out.truncate(start);
            progress.started(start, total);
            long done = copy(http, out, start, total, progress);
            if (total >= 0 && done != total) {
                throw new IOException("the connection closed after " + done + " of " + total + " bytes");
            }
            return done;
        } finally {
            http.disconnect();
        }
    }

    private static long copy(HttpURLConnection http, FileChannel out, long start, long total,
            ModelStore.Progress progress) throws IOException {
        long done = start;
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = http.getInputStream()) {
            int read;
            while ((read = in.read(chunk)) >= 0) {
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, read);
                while (buffer.hasRemaining()) {
                    done += out.write(buffer, done);
                }
                progress.transferred(done, total);
            }
        }
        return done;
    }

    /** A refusal that trying again will not change, such as HTTP 404. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }
}
