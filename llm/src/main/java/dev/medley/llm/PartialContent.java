package dev.medley.llm;

/**
 * Reads the assistant's message out of a Chat Completions body that ended early, where a JSON
 * parser gives up: the message string is unterminated. What arrived of it is returned, unescaped.
 */
final class PartialContent {
    private PartialContent() {}

    /** Returns what arrived of {@code choices[0].message.content}, or null when none did. */
    static String of(String body) {
        int message = body.indexOf("\"message\"");
        int at = body.indexOf("\"content\"", message < 0 ? 0 : message);
        if (at < 0) {
            return null;
        }
        int i = at + "\"content\"".length();
        while (i < body.length() && (Character.isWhitespace(body.charAt(i)) || body.charAt(i) == ':')) {
            i++;
        }
        if (i >= body.length() || body.charAt(i) != '"') {
            return null; // null content, or cut off before it began.
        }
        StringBuilder text = new StringBuilder();
        for (i++; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            if (i + 1 >= body.length()) {
                break;
            }
            char escaped = body.charAt(++i);
            switch (escaped) {
                case 'n' -> text.append('\n');
                case 't' -> text.append('\t');
                case 'r' -> text.append('\r');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'u' -> {
                    if (i + 4 >= body.length()) {
                        return text.toString(); // The escape itself was cut.
                    }
                    try {
                        text.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException e) {
                        return text.toString();
                    }
                    i += 4;
                }
                default -> text.append(escaped); // \" \\ \/
            }
        }
        return text.toString();
    }
}
