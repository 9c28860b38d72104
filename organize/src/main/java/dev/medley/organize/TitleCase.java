package dev.medley.organize;

import java.util.Set;

/**
 * Gives capitals to names written all in lower case, as titles are written in English: "the lord of
 * the rings" becomes "The Lord of the Rings". A name with any capital in it is left as it is, since
 * its writer chose its case ("iPhone", "MGMT", "k.d. lang" aside).
 */
final class TitleCase {
    // Short words that stay small inside a title, as most English style guides have them.
    private static final Set<String> SMALL = Set.of("a", "an", "the", "and", "but", "or", "nor", "for", "of", "in",
            "on", "at", "to", "by", "as", "vs", "via", "with", "from", "into", "per");

    private TitleCase() {}

    /** Returns {@code name} with capitals when it has none, else {@code name} itself. */
    static String of(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (Character.isUpperCase(name.charAt(i))) {
                return name;
            }
        }
        StringBuilder out = new StringBuilder(name.length());
        int i = 0;
        boolean first = true;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                out.append(c);
                // A new clause starts after a colon or a dash: its first word is capitalised too.
                first |= c == ':' || c == '-' || c == '\u2013' || c == '(' || c == '[' || c == '/';
                i++;
                continue;
            }
            int end = i;
            while (end < name.length() && (Character.isLetterOrDigit(name.charAt(end)) || name.charAt(end) == '\'')) {
                end++;
            }
            String word = name.substring(i, end);
            boolean last = end >= name.length();
            if (!first && !last && SMALL.contains(word)) {
                out.append(word);
            } else {
                out.appendCodePoint(Character.toTitleCase(word.codePointAt(0)));
                out.append(word, Character.charCount(word.codePointAt(0)), word.length());
            }
            first = false;
            i = end;
        }
        return out.toString();
    }
}
