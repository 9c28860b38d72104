package dev.medley.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a name into tokens in one pass: a token is a run of letters or digits, and a run of Han,
 * kana or Hangul is cut from Latin letters and digits next to it ("第05话" gives three tokens).
 * Brackets are matched first; an unmatched one is plain punctuation.
 */
final class Tokenizer {
    /** Caps nesting so that a name of ten thousand brackets costs no more than a short one. */
    private static final int MAX_DEPTH = 32;
    /** Caps the tokens read; what lies beyond is ignored, as no real name is that long. */
    static final int MAX_TOKENS = 400;

    private Tokenizer() {}

    /** Marks ASCII brackets: 1 opens, 2 closes. */
    private static final byte[] ASCII_BRACKET = new byte[128];

    static {
        for (char c : "([{<".toCharArray()) {
            ASCII_BRACKET[c] = 1;
        }
        for (char c : ")]}>".toCharArray()) {
            ASCII_BRACKET[c] = 2;
        }
    }

    static boolean isOpener(char c) {
        return c < 0x80 ? ASCII_BRACKET[c] == 1 : c >= 0x3000 && closerOf(c) != 0;
    }

    static boolean isCloser(char c) {
        if (c < 0x80) {
            return ASCII_BRACKET[c] == 2;
        }
        return switch (c) {
            case ')', ']', '}', '\u3011', '\uFF09', '\u300D', '\u300F', '\u300B', '>' -> true;
            default -> false;
        };
    }

    static char closerOf(char c) {
        return switch (c) {
            case '(' -> ')';
            case '[' -> ']';
            case '{' -> '}';
            case '\u3010' -> '\u3011'; // 【】
            case '\uFF08' -> '\uFF09'; // （）
            case '\u300C' -> '\u300D'; // 「」
            case '\u300E' -> '\u300F'; // 『』
            case '\u300A' -> '\u300B'; // 《》
            case '<' -> '>';
            default -> 0;
        };
    }

    /** Classes ASCII chars: 1 for letters and digits, 0 for the rest; other chars are asked of {@link Character}. */
    private static final byte[] ASCII_WORD = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ASCII_WORD[c] = 1;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII_WORD[c] = 1;
            ASCII_WORD[c - 32] = 1;
        }
    }

    /** Returns the tokens of {@code name}. */
    static Tokens tokenize(String name) {
        int[][] brackets = matchBrackets(name);
        int[] at = brackets == null ? null : brackets[0];
        int[] mates = brackets == null ? null : brackets[1];
        int next = 0; // the next bracket in at[]
        int n = name.length();
        char[] lowered = new char[n];
        List<Token> out = new ArrayList<>(Math.min(64, n / 3 + 4));
        List<Tokens.Group> groups = brackets == null ? List.of() : new ArrayList<>(4);
        int[] openGroups = brackets == null ? null : new int[MAX_DEPTH];
        int[] groupFirst = brackets == null ? null : new int[MAX_DEPTH];
        int depth = 0;
        int i = 0;
        while (i < n && out.size() < MAX_TOKENS) {
            int kind = kindAt(name, i);
            if (kind != 0) {
                int j = i;
                do {
                    char c = name.charAt(j);
                    lowered[j] = c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
                    j++;
                } while (j < n && (Character.isLowSurrogate(name.charAt(j)) || kindAt(name, j) == kind));
                int group = depth == 0 ? -1 : openGroups[depth - 1];
                out.add(new Token(name, lowered, i, j, depth, group, kind == 2));
                i = j;
                continue;
            }
            if (at != null && next < at.length && at[next] == i) {
                int mate = mates[next++];
                if (mate > i && depth < MAX_DEPTH) {
                    openGroups[depth] = groups.size();
                    groupFirst[depth] = out.size();
                    groups.add(new Tokens.Group(i, mate, name.charAt(i), out.size(), out.size()));
                    depth++;
                } else if (mate < i && depth > 0) {
                    depth--;
                    int g = openGroups[depth];
                    Tokens.Group open = groups.get(g);
                    groups.set(g, new Tokens.Group(open.open(), open.close(), open.opener(), groupFirst[depth],
                            out.size()));
                }
            }
            i++;
        }
        while (depth > 0) { // cut off by MAX_TOKENS
            depth--;
            int g = openGroups[depth];
            Tokens.Group open = groups.get(g);
            groups.set(g, new Tokens.Group(open.open(), open.close(), open.opener(), groupFirst[depth], out.size()));
        }
        return new Tokens(name, out.toArray(new Token[0]), groups);
    }

    /** Returns 0 for a separator at {@code i}, 1 for a letter or digit, 2 for a Han, kana or Hangul letter. */
    private static int kindAt(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x80) {
            return ASCII_WORD[c];
        }
        int cp = s.codePointAt(i);
        if (!Character.isLetterOrDigit(cp) && !combiningMark(cp)) {
            return 0;
        }
        return isCjk(cp) ? 2 : 1;
    }

    // Vowel signs and other marks are part of the letters they follow: "वापसी" is one word, not "वापस".
    private static boolean combiningMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * Returns the matched brackets of a name: their positions in order, and for each its partner's
     * position; null when the name has none. Unmatched brackets are left out: they are punctuation.
     */
    private static int[][] matchBrackets(String name) {
        int count = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x80 ? ASCII_BRACKET[c] != 0 : c >= 0x3000 && (isOpener(c) || isCloser(c))) {
                count++;
            }
        }
        if (count < 2) {
            return null;
        }
        int[] pos = new int[count];
        int[] mate = new int[count];
        int[] stack = new int[Math.min(MAX_DEPTH, count)];
        int top = 0;
        int k = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x80 ? ASCII_BRACKET[c] == 0 : c < 0x3000) {
                continue; // the common case: no bracket
            }
            if (isOpener(c)) {
                pos[k] = i;
                mate[k] = -1;
                if (top < stack.length) {
                    stack[top++] = k;
                }
                k++;
            } else if (isCloser(c)) {
                pos[k] = i;
                mate[k] = -1;
                // Pop back to the nearest opener of this kind; openers left unmatched stay punctuation.
                for (int s = top - 1; s >= 0; s--) {
                    if (closerOf(name.charAt(pos[stack[s]])) == c) {
                        mate[stack[s]] = i;
                        mate[k] = pos[stack[s]];
                        top = s;
                        break;
                    }
                }
                k++;
            }
        }
        int matched = 0;
        for (int j = 0; j < k; j++) {
            matched += mate[j] >= 0 ? 1 : 0;
        }
        if (matched == 0) {
            return null;
        }
        int[] at = new int[matched];
        int[] partner = new int[matched];
        for (int j = 0, m = 0; j < k; j++) {
            if (mate[j] >= 0) {
                at[m] = pos[j];
                partner[m++] = mate[j];
            }
        }
        return new int[][] {at, partner};
    }

    /** Says whether a code point is Han, Hiragana, Katakana or Hangul. */
    static boolean isCjk(int cp) {
        if (cp < 0x1100) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
