package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawPathsTest {
    @TempDir Path folder;

    @Property
    void escapedTextGivesBackTheSameBytes(@ForAll("names") byte[] name) {
        String text = RawPaths.text(name);
        assertThat(RawPaths.encode(text)).isEqualTo(name);
    }

    @Property
    void differentNamesNeverDisplayTheSame(@ForAll("names") byte[] a, @ForAll("names") byte[] b) {
        if (!Arrays.equals(a, b)) {
            assertThat(RawPaths.display(RawPaths.text(a))).isNotEqualTo(RawPaths.display(RawPaths.text(b)));
        }
    }

    @Provide
    Arbitrary<byte[]> names() {
        // Any bytes but '/' and NUL, with backslashes left out: a literal "\xff" is the one name shown like an escape.
        return Arbitraries.bytes().filter(b -> b != '/' && b != 0 && b != '\\').array(byte[].class).ofMinSize(1).ofMaxSize(12);
    }

    @Test
    void namesThatAreNotUtf8KeepTheirBytesThroughListingAndRebuilding() throws IOException {
        byte[][] names = {{'a', (byte) 0xFF, '.', 'm', 'p', '3'}, {'a', (byte) 0xFE, '.', 'm', 'p', '3'},
            {(byte) 0xC3, '(', 'x'}, "plain é.mkv".getBytes(java.nio.charset.StandardCharsets.UTF_8)};
        for (byte[] name : names) {
            Path file = RawPaths.resolve(folder, RawPaths.text(name));
            Files.writeString(file, "x");
        }
        List<Path> listed = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(listed::add);
        }
        assertThat(listed).hasSize(names.length);
        Set<String> shown = new HashSet<>();
        for (Path path : listed) {
            Path rebuilt = RawPaths.path(RawPaths.text(path));
            assertThat(Files.isSameFile(rebuilt, path)).isTrue();
            assertThat(RawPaths.bytes(rebuilt)).isEqualTo(RawPaths.bytes(path));
            assertThat(RawPaths.display(path)).doesNotContain("\uFFFD");
            shown.add(RawPaths.display(path));
        }
        assertThat(shown).hasSize(names.length).anyMatch(s -> s.endsWith("a\\xff.mp3")).anyMatch(s -> s.endsWith("\\xc3(x"));
    }

    @Test
    void controlCharactersAreShownEscapedSoAnameStaysOnOneLine() {
        assertThat(RawPaths.display("two\nlines\t.mp3")).isEqualTo("two\\x0alines\\x09.mp3");
        assertThat(RawPaths.display("plain.mp3")).isEqualTo("plain.mp3");
    }

    @Test
    void relativePathsKeepTheirBytes() {
        byte[] name = {'r', (byte) 0xFF};
        Path relative = RawPaths.path(name);
        assertThat(relative.isAbsolute()).isFalse();
        assertThat(RawPaths.bytes(relative)).isEqualTo(name);
    }
}
