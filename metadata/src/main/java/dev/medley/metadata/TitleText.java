package dev.medley.metadata;

/**
 * Turns the raw text of a title into a title: dots and underscores become spaces (acronyms such as
 * "U.N.C.L.E" keep theirs), "a.k.a." becomes "AKA", separators at the ends go, and for series a
 * title given in two scripts keeps its Latin one ("剃须。/ Series Title" gives "Series Title").
 */
final class TitleText {
    private TitleText() {}

    static String clean(String raw, boolean dotted, boolean episode, boolean anime) {
        String s = raw;
        if (episode && hasForeign(s) && hasLatin(s)) {
            s = pickLatin(s);
        }
        s = s.replace('_', ' ');
        if (dotted) {
            s = undot(s);
        }
        s = aka(s);
        s = trim(collapse(s));
        if (anime) {
            s = seasonSuffix(s);
        }
        return s.isEmpty() ? null : s;
    }

    /** Replaces dots between words by spaces, keeping those between single letters. */
    static String undot(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' && !(singleLetterBefore(s, i) && singleLetterAfter(s, i))) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean singleLetterBefore(String s, int dot) {
        return dot >= 1 && Character.isLetter(s.charAt(dot - 1))
                && (dot == 1 || !Character.isLetterOrDigit(s.charAt(dot - 2)));
    }

    private static boolean singleLetterAfter(String s, int dot) {
        return dot + 1 < s.length() && Character.isLetter(s.charAt(dot + 1))
                && (dot + 2 == s.length() || !Character.isLetterOrDigit(s.charAt(dot + 2)));
    }

    /** Writes "a.k.a." and "A.K.A" as "AKA", as film databases do. */
    private static String aka(String s) {
        int i = s.indexOf('k') < 0 && s.indexOf('K') < 0 ? -1 : indexOfIgnoreCase(s, "a.k.a");
        if (i < 0) {
            return s;
        }
        int end = i + 5;
        if (end < s.length() && s.charAt(end) == '.') {
            end++;
        }
        return s.substring(0, i) + "AKA" + aka(s.substring(end));
    }

    private static int indexOfIgnoreCase(String s, String what) {
        int n = s.length() - what.length();
        for (int i = 0; i <= n; i++) {
            if (s.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }

    /** Keeps the first alternative written in Latin letters only, or drops the Han and kana words. */
    static String pickLatin(String s) {
        int from = 0;
        String mixed = null;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || isAlternativeSeparator(s.charAt(i))) {
                String part = s.substring(from, i).trim();
                if (hasLatin(part)) {
                    if (!hasForeign(part)) {
                        return part;
                    }
                    if (mixed == null) {
                        mixed = part;
                    }
                }
                from = i + 1;
            }
        }
        if (mixed == null) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (String word : mixed.split("[ .]")) {
            if (!pureHan(word)) {
                b.append(b.length() == 0 ? "" : " ").append(word);
            }
        }
        return b.toString();
    }

    private static boolean isAlternativeSeparator(char c) {
        return c == '/' || c == '|' || c == '\u00B7' || c == '\u30FB' || c == '_' || c == '\uFF5C';
    }

    /** Says whether a word has Han or kana letters and no Latin letter or digit. */
    private static boolean pureHan(String word) {
        boolean han = false;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                        || script == Character.UnicodeScript.KATAKANA) {
                    han = true;
                } else {
                    return false;
                }
            }
            i += Character.charCount(cp);
        }
        return han;
    }

    /** Says whether the text has a letter of the Latin script. */
    static boolean hasLatin(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                return true;
            }
            if (c >= 0x80 && Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                return true;
            }
        }
        return false;
    }

    /** Says whether the text has a letter of another script than Latin. */
    static boolean hasForeign(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp >= 0x80 && Character.isLetter(cp) && Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Says whether two titles hold the same words, whatever their case and punctuation. */
    static boolean sameWords(String a, String b) {
        return words(a).equals(words(b));
    }

    private static String words(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    static String collapse(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
            } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-' && space) {
                continue; // " -- " stands for " - " where a name cannot hold a colon or a dash of its own
            } else {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Strips separators and unmatched brackets from both ends. */
    static String trim(String s) {
        return trim(s, false);
    }

    /** Strips separators and unmatched brackets from both ends, keeping a closing dot when asked ("HUMBLE."). */
    static String trim(String s, boolean keepDot) {
        int a = 0;
        int z = s.length();
        while (a < z && strip(s.charAt(a), true)) {
            a++;
        }
        while (z > a && strip(s.charAt(z - 1), false) && !(keepDot && s.charAt(z - 1) == '.')) {
            z--;
        }
        return s.substring(a, z);
    }

    private static boolean strip(char c, boolean leading) {
        return switch (c) {
            case ' ', '-', '\u2013', '\u2014', ':', ',', '~', '/', '|', '+', '*', '\uFF0D', '\uFF5E', ';' -> true;
            case '.' -> !leading;
            default -> leading ? Tokenizer.isCloser(c) : Tokenizer.isOpener(c);
        };
    }

    /** Writes a closing "S02" of an anime title as "S2", as release groups name that season. */
    private static String seasonSuffix(String s) {
        int sp = s.lastIndexOf(' ');
        String last = s.substring(sp + 1);
        if (last.length() >= 3 && (last.charAt(0) == 'S' || last.charAt(0) == 's') && last.charAt(1) == '0') {
            for (int i = 2; i < last.length(); i++) {
                if (!Character.isDigit(last.charAt(i))) {
                    return s;
                }
            }
            return s.substring(0, sp + 1) + last.charAt(0) + Integer.parseInt(last.substring(1));
        }
        return s;
    }
}
