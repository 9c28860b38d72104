package dev.medley.organize;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Content hashes of files: XXH3-128, which runs at memory speed, so hashing costs little more
 * than reading the file. Written as 32 hex digits.
 */
public final class ContentHash {
    static final int BUFFER = 1 << 20;

    private final HashStream128 stream = Hashing.xxh3_128().hashStream();

    /** Returns the hash of the file's content. */
    public static String of(Path file) throws IOException {
        ContentHash hash = new ContentHash();
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            // No bigger than the file: a plan may hash thousands of small files.
            ByteBuffer buffer = ByteBuffer.allocate(Math.clamp(in.size(), 1, BUFFER));
            while (in.read(buffer) >= 0) {
                hash.update(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        }
        return hash.hex();
    }

    /** Adds bytes to the content hashed so far. */
    void update(byte[] bytes, int offset, int length) {
        stream.putBytes(bytes, offset, length);
    }

    /** Returns the hash of the bytes added so far. */
    String hex() {
        HashValue128 value = stream.get();
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(value.getMostSignificantBits()) + hex.toHexDigits(value.getLeastSignificantBits());
    }
}
