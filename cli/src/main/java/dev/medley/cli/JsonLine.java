package dev.medley.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes a flat JSON object (text, whole numbers, booleans, nulls) as Jackson does, byte for byte,
 * without its per-call machinery: a run prints one such line per file, a hundred thousand of them.
 * Anything else goes through Jackson.
 */
final class JsonLine {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonLine() {}

    static String of(Map<String, ?> values) {
        StringBuilder line = new StringBuilder(256);
        line.append('{');
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            if (line.length() > 1) {
                line.append(',');
            }
            quote(line, entry.getKey());
            line.append(':');
            Object value = entry.getValue();
            switch (value) {
                case null -> line.append("null");
                case String text -> quote(line, text);
                case Long number -> line.append(number.longValue());
                case Integer number -> line.append(number.intValue());
                case Boolean flag -> line.append(flag.booleanValue());
                default -> {
                    return jackson(values);
                }
            }
        }
        return line.append('}').toString();
    }

    private static String jackson(Map<String, ?> values) {
        try {
            return Jobs.JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void quote(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c >= 0x20) {
                line.append(c);
            } else {
                switch (c) {
                    case '\b' -> line.append("\\b");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\f' -> line.append("\\f");
                    case '\r' -> line.append("\\r");
                    default -> line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
            }
        }
        line.append('"');
    }
}
