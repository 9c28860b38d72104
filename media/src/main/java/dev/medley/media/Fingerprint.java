package dev.medley.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Computes a quick content fingerprint: a hash of a file's size, first 4 KiB and last 4 KiB.
 *
 * <p>Two reads per file whatever its size, so that fingerprinting a library costs about as much as
 * listing it. It tells files apart and recognises a moved file; it is not proof of equal content.
 */
public final class Fingerprint {
    private static final int SAMPLE = 4096;
    // Cloned for each file: getInstance looks the algorithm up among the security providers every time.
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private Fingerprint() {}

    /** Returns the fingerprint of {@code file}, which has {@code size} bytes, as 32 hex digits. */
    public static String of(Path file, long size) throws IOException {
        MessageDigest digest = sha256();
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(size).flip());
        ByteBuffer buffer = ByteBuffer.allocate(SAMPLE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            readAt(channel, 0, buffer);
            digest.update(buffer.flip());
            if (size > SAMPLE) {
                readAt(channel, Math.max(SAMPLE, size - SAMPLE), buffer.clear());
                digest.update(buffer.flip());
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256"); // a provider whose digests do not clone
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every Java runtime has SHA-256", impossible);
            }
        }
    }

    private static void readAt(FileChannel channel, long position, ByteBuffer buffer) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                return;
            }
            at += read;
        }
    }
}
