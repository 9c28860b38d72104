package dev.medley.metadata;

import java.util.List;

/**
 * Holds a name cut into tokens, with the bracket groups around them. The text between two tokens
 * (spaces, dots, dashes, brackets) is read back from the source when a rule needs it.
 */
final class Tokens {
    /** Holds one matched pair of brackets and the tokens inside it, {@code first} to {@code end - 1}. */
    record Group(int open, int close, char opener, int first, int end) {
        /** Returns the number of tokens inside. */
        int size() {
            return end - first;
        }
    }

    final String source;
    final Token[] tokens;
    final List<Group> groups;
    /** Indexes, per token, the outermost group that opens right before it, or -1. */
    private final int[] opening;

    Tokens(String source, Token[] tokens, List<Group> groups) {
        this.source = source;
        this.tokens = tokens;
        this.groups = groups;
        this.opening = groups.isEmpty() ? null : new int[tokens.length];
        if (opening != null) {
            java.util.Arrays.fill(opening, -1);
            for (int g = groups.size() - 1; g >= 0; g--) {
                Group group = groups.get(g);
                if (group.first() < group.end() && group.open() >= gapStart(group.first())) {
                    opening[group.first()] = g;
                }
            }
        }
    }

    int size() {
        return tokens.length;
    }

    Token get(int i) {
        return tokens[i];
    }

    /** Returns the token at {@code i}, or null outside the name. */
    Token at(int i) {
        return i >= 0 && i < tokens.length ? tokens[i] : null;
    }

    /** Returns the lower-case text at {@code i}, or "" outside the name. */
    String lower(int i) {
        return i >= 0 && i < tokens.length ? tokens[i].lower : "";
    }

    /** Returns the offsets of the text before token {@code i}. */
    int gapStart(int i) {
        return i <= 0 ? 0 : tokens[Math.min(i, tokens.length) - 1].end;
    }

    int gapEnd(int i) {
        return i >= tokens.length ? source.length() : tokens[i].start;
    }

    /** Returns the length of the text before token {@code i}. */
    int gapLength(int i) {
        return gapEnd(i) - gapStart(i);
    }

    /** Says whether nothing separates token {@code i} from the one before it. */
    boolean glued(int i) {
        return i > 0 && i < tokens.length && tokens[i - 1].end == tokens[i].start;
    }

    /** Says whether the gap before {@code i} is exactly {@code c}. */
    boolean gapIs(int i, char c) {
        int from = gapStart(i);
        return i > 0 && i < tokens.length && gapEnd(i) - from == 1 && source.charAt(from) == c;
    }

    /** Says whether the gap before {@code i} holds {@code c}. */
    boolean gapHas(int i, char c) {
        int to = gapEnd(i);
        for (int p = gapStart(i); p < to; p++) {
            if (source.charAt(p) == c) {
                return true;
            }
        }
        return false;
    }

    /** Says whether the gap before {@code i} holds a dash (hyphen, en or em dash). */
    boolean gapHasDash(int i) {
        int to = gapEnd(i);
        for (int p = gapStart(i); p < to; p++) {
            char c = source.charAt(p);
            if (c == '-' || c == '\u2013' || c == '\u2014') {
                return true;
            }
        }
        return false;
    }

    /** Says whether the gap before {@code i} is a dash with space around it: " - ", "_-_", ".-.". */
    boolean gapIsLooseDash(int i) {
        return i > 0 && gapHasDash(i) && gapEnd(i) - gapStart(i) > 1 && !gapOpensGroup(i) && !gapClosesGroup(i);
    }

    /** Says whether the gap before {@code i} holds an opening bracket of a matched group. */
    boolean gapOpensGroup(int i) {
        return groupStartingAt(i) != null;
    }

    /** Says whether the gap before {@code i} closes the group the previous token sits in. */
    boolean gapClosesGroup(int i) {
        if (i <= 0 || i > tokens.length) {
            return false;
        }
        int to = gapEnd(i);
        for (int p = gapStart(i); p < to; p++) {
            if (Tokenizer.isCloser(source.charAt(p))) {
                return true;
            }
        }
        return false;
    }

    /** Returns the outermost group that opens right before token {@code i}, or null. */
    Group groupStartingAt(int i) {
        return opening != null && i >= 0 && i < opening.length && opening[i] >= 0 ? groups.get(opening[i]) : null;
    }

    /** Returns the source text of tokens {@code from} to {@code to - 1}, with what lies between them. */
    String slice(int from, int to) {
        if (from >= to) {
            return "";
        }
        return source.substring(tokens[from].start, tokens[to - 1].end);
    }
}
