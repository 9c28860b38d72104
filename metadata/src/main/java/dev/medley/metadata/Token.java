package dev.medley.metadata;

/** Holds one run of letters or digits of a name, where it sits, and what the vocabulary calls it. */
final class Token {
    /** Caps the digits read as a number, so that long digit runs never overflow. */
    static final int MAX_NUMBER_DIGITS = 9;

    final int start;
    final int end;
    private final String source;
    private String text;
    final String lower;
    /** Counts the matched brackets around the token. */
    final int depth;
    /** Indexes the innermost bracket group around the token in {@link Tokens#groups}, or -1. */
    final int group;
    /** Says whether every character is a decimal digit (any script: full-width digits count). */
    final boolean digits;
    /** Says whether some character is a decimal digit. */
    final boolean hasDigit;
    /** Holds the number when {@link #digits} and short enough, else -1. */
    final int value;
    /** Says whether the token is Han, kana or Hangul: such runs are split from Latin letters and digits. */
    final boolean cjk;
    /** Holds the vocabulary's reading, filled by {@link Vocabulary#classify}. */
    Tag tag;

    /** Creates a token of {@code source}; {@code lowered} is the source in lower case, char for char. */
    Token(String source, char[] lowered, int start, int end, int depth, int group, boolean cjk) {
        this.start = start;
        this.end = end;
        this.source = source;
        this.lower = new String(lowered, start, end - start);
        this.depth = depth;
        this.group = group;
        this.cjk = cjk;
        boolean allDigits = true;
        boolean anyDigit = false;
        long number = 0;
        int count = 0;
        for (int i = start; i < end; i++) {
            char c = source.charAt(i);
            int d = c <= '9' ? (c >= '0' ? c - '0' : -1) : c < 0x660 || (c >= 0x3000 && c < 0xFF10) ? -1
                    : Character.digit(c, 10);
            if (d < 0) {
                allDigits = false;
                continue;
            }
            anyDigit = true;
            if (allDigits && ++count <= MAX_NUMBER_DIGITS) {
                number = number * 10 + d;
            }
        }
        this.hasDigit = anyDigit;
        this.digits = allDigits && count > 0;
        this.value = digits && count <= MAX_NUMBER_DIGITS ? (int) number : -1;
    }

    /** Returns the token as written. */
    String text() {
        if (text == null) {
            text = source.substring(start, end);
        }
        return text;
    }

    /** Returns the number of characters. */
    int length() {
        return end - start;
    }

    /** Says whether the token is a number of {@code min} to {@code max} digits. */
    boolean isNumber(int min, int max) {
        return digits && length() >= min && length() <= max;
    }

    /** Says whether the token reads as a year a release could carry. */
    boolean isYear() {
        return digits && length() == 4 && value >= 1880 && value <= 2099;
    }

    /** Says whether the token starts with a zero and has more digits: "01", "007". */
    boolean zeroPadded() {
        return digits && length() >= 2 && source.charAt(start) == '0';
    }

    /** Says whether the token has at least one letter of the Latin script. */
    boolean hasLatin() {
        for (int i = start; i < end; i++) {
            char c = source.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && Character.isLetter(c))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text() + (tag == null ? "" : "/" + tag.kind());
    }
}
