package dev.medley.organize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.core.RawPaths;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Checks what must hold for every name SafeNames gives, whatever it was given. */
class SafeNamesPropertiesTest {
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
            "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    /** Pieces that have broken file-name sanitisers before. */
    static final List<String> HOSTILE = List.of("..", ".", "/", "\\", "\u0000", ":", ": ", " ", "\t", "\n", "\r",
            "\u00a0", "\u2000", "\u2028", "\u200b", "\ufeff", "?", "*", "<", ">", "|", "\"", "CON", "nul", "com1",
            "Lpt9", ".txt", ".mkv", ".en.srt", "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
            "e\u0301", "\u0301", "\ud800", "\udc00", "\u00df", "\u00e9", "\u65e5\u672c\u8a9e", "x", "Title", "~",
            "$", "%2e%2e", "\u202e", "\u037e", "\u1fef", "\u212b", "\u0085", "\u009f", "\u007f",
            "\udcff", "\udcc3(", "\udc2f", "\udc80");

    @Provide
    static Arbitrary<String> anyNames() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> hostile = Arbitraries.of(HOSTILE).list().ofMaxSize(30).map(parts -> String.join("", parts));
        Arbitrary<String> repeated = Combinators.combine(
                        Arbitraries.of("a", "\u00e9", "\u65e5", "\ud83d\ude00", ".", " ", "...", "a.", "a ", ". "),
                        Arbitraries.integers().between(40, 400),
                        Arbitraries.of("", ".mkv", ".en.srt", ".verylongextension", ". .", "  .", ".a b"))
                .as((unit, count, extension) -> unit.repeat(count) + extension);
        Arbitrary<String> longAny = Arbitraries.strings().all().ofMinLength(200).ofMaxLength(1000);
        Arbitrary<String> longMixed = Arbitraries.of(HOSTILE).list().ofMinSize(100).ofMaxSize(300)
                .map(parts -> String.join("", parts));
        return Arbitraries.frequencyOf(
                Tuple.of(3, any), Tuple.of(3, hostile), Tuple.of(2, repeated),
                Tuple.of(1, longAny), Tuple.of(1, longMixed));
    }

    @Property(tries = 1000)
    void segmentIsAlwaysOneSafeName(@ForAll("anyNames") String raw) {
        String name = SafeNames.segment(raw);
        assertSafe(name);
        assertThat(SafeNames.segment(name)).as("idempotent").isEqualTo(name);
    }

    @Property(tries = 1000)
    void capBytesFitsAndNeverSplitsACodePoint(@ForAll("anyNames") String raw,
            @ForAll @IntRange(min = 1, max = 300) int maxBytes) {
        String safe = SafeNames.segment(raw);
        String capped = SafeNames.capBytes(safe + " (2).en.srt", maxBytes);
        assertThat(capped).isNotEmpty();
        assertThat(RawPaths.encode(capped).length).isLessThanOrEqualTo(maxBytes);
        assertThat(hasLoneSurrogateButEscapedBytes(capped)).isFalse();
        if (maxBytes >= 255) {
            assertThat(capped).doesNotEndWith(" ").doesNotEndWith(".").endsWith(".srt");
        }
    }

    @Property(tries = 300)
    void foldKeyIgnoresAsciiCase(@ForAll("anyNames") String raw) {
        String ascii = raw.replaceAll("[^ -~]", "");
        assertThat(SafeNames.foldKey(ascii.toUpperCase(Locale.ROOT))).isEqualTo(SafeNames.foldKey(ascii.toLowerCase(Locale.ROOT)));
    }

    /** Asserts everything {@link SafeNames#segment} promises of a name. */
    static void assertSafe(String name) {
        assertThat(name).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
        assertThat(RawPaths.encode(name).length).as("bytes of %s", name).isLessThanOrEqualTo(255);
        assertThat(name).doesNotContain("/", "\\", "\u0000", ":", "?", "*", "<", ">", "|", "\"");
        assertThat(name.chars().noneMatch(Character::isISOControl)).as("no control character in %s", name).isTrue();
        assertThat(hasLoneSurrogateButEscapedBytes(name)).as("lone surrogate in %s", name).isFalse();
        assertThat(name).doesNotStartWith(".").doesNotEndWith(".").doesNotEndWith(" ").doesNotStartWith(" ");
        assertThat(name).doesNotContain("  ");
        assertThat(Normalizer.isNormalized(name, Normalizer.Form.NFC)).as("NFC: %s", name).isTrue();
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
        assertThat(RESERVED).as("device name").doesNotContain(base);
    }

    /** Returns whether {@code s} has a lone surrogate other than an escaped byte 0x80..0xFF (see RawPaths). */
    private static boolean hasLoneSurrogateButEscapedBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) && !(c >= '\udc80' && c <= '\udcff')) {
                return true;
            }
        }
        return false;
    }
}
