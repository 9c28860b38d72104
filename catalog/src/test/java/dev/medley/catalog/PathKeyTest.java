package dev.medley.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathKeyTest {
    @TempDir Path dir;

    @Test
    void pathKeysRoundTripNamesThatAreNotUtf8() throws Exception {
        Path unicode = Files.createFile(dir.resolve("Café – 東京 🎵.mp3"));
        assertThat(PathKey.of(unicode)).startsWith("/").endsWith("🎵.mp3");
        assertThat(PathKey.toPath(PathKey.of(unicode))).isEqualTo(unicode);

        // A Latin-1 byte (0xE9) on its own is not UTF-8. Create it through a URI, which carries raw bytes.
        Path latin1 = Path.of(java.net.URI.create(dir.toUri() + "caf%E9.mp3"));
        Files.writeString(latin1, "x");
        String key = PathKey.of(latin1);
        assertThat(key).startsWith("file:").contains("caf%E9.mp3");
        assertThat(Files.readString(PathKey.toPath(key), StandardCharsets.UTF_8)).isEqualTo("x");
        assertThat(PathKey.display(key)).endsWith("caf\\xe9.mp3"); // Escaped: never U+FFFD, which would make two names one.
    }
}
