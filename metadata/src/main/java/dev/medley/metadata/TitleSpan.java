package dev.medley.metadata;

/**
 * Finds where the title of a release name starts and ends, and reads the year and the bare episode
 * number that may end it. See the notes at the top of {@link VideoParser}.
 */
final class TitleSpan {
    final Tokens t;
    final Marker[] markerAt;
    final int n;

    int start;
    int end;
    int hard;
    int year = -1;
    int leadingYear = -1;
    BareNumber number;
    boolean anime;
    /** Says whether the name starts with a bracketed release group: "[Group] Title - 01". */
    boolean groupPrefix;
    boolean tvSource;
    boolean dotted;
    boolean datePrefix;
    /** The lower-case scene group the name starts with ("grp-title.of.film.2016"), or null. */
    String prefixGroup;
    /** Says whether the name calls itself a whole series: "Title Complete Series", "Title - The Complete Series". */
    boolean completeSeries;

    TitleSpan(Tokens t, Marker[] markerAt) {
        this.t = t;
        this.markerAt = markerAt;
        this.n = t.size();
    }

    void find() {
        scanName();
        start = skipPrefix();
        hard = hardStop();
        end = hard;
        scanSpan();
    }

    /** Notes what the whole name says about itself: TV source, dots for spaces, anime signs. */
    private void scanName() {
        int dots = 0;
        int spaces = 0;
        for (int k = 0; k < n; k++) {
            Token tok = t.get(k);
            if (tok.tag != null) {
                String v = tok.tag.value();
                if (tok.tag.kind() == Tag.Kind.SOURCE
                        && (v.equals("HDTV") || v.equals("PDTV") || v.equals("SDTV") || v.equals("DSR"))) {
                    tvSource = true;
                }
                if (tok.tag.kind() == Tag.Kind.CHECKSUM) {
                    anime = true;
                }
            }
            if (tok.lower.equals("vostfr") || tok.lower.equals("fansub")) {
                anime = true;
            }
            if (k > 0) {
                if (t.gapIs(k, '.')) {
                    dots++;
                } else if (t.gapHas(k, ' ') || t.gapIs(k, '_')) {
                    spaces++;
                }
            }
        }
        dotted = dots > spaces;
        Tokens.Group g = t.groupStartingAt(0);
        if (g != null && t.gapStart(0) == 0 && (g.opener() == '[' || g.opener() == '\u3010') && groupName(g)
                && !(g.size() == 1 && t.get(g.first()).isYear())) {
            anime = true;
            groupPrefix = true;
        }
    }

    /** Skips leading release groups, site names, a leading "(1995)" and a broadcast date. */
    private int skipPrefix() {
        int i = 0;
        while (i < n) {
            Tokens.Group g = t.groupStartingAt(i);
            if (g != null) {
                char o = g.opener();
                if (o == '(' || o == '\uFF08') {
                    if (g.size() == 1 && t.get(i).isYear() && g.end() < n) {
                        leadingYear = t.get(i).value;
                        i = g.end();
                        continue;
                    }
                    break;
                }
                if (o == '<') {
                    break;
                }
                if (g.end() >= n) {
                    i = i > 0 ? n : i; // nothing but groups: BracketTitles reads them
                    break;
                }
                i = g.end();
                continue;
            }
            if (junk(i)) {
                i++;
                continue;
            }
            break;
        }
        if (t.lower(i).equals("www")) {
            for (int k = i + 1; k < Math.min(n, i + 6); k++) {
                if (t.gapIsLooseDash(k)) {
                    i = k;
                    break;
                }
                if (TOP_LEVEL_DOMAINS.contains(t.lower(k)) && t.gapIs(k, '.') && k + 1 < n && !t.gapIs(k + 1, '.')) {
                    i = k + 1; // "www.site.net_Title": the address ends at its domain
                    break;
                }
            }
        }
        if (i == 0 && lowerCaseScenePrefix()) {
            prefixGroup = t.get(0).text();
            i = 1;
        }
        Token tok = t.at(i);
        if (tok != null && tok.isNumber(6, 6) && i + 1 < n && t.gapIs(i + 1, ' ')
                && DateMarkers.date(2000 + tok.value / 10000, tok.value / 100 % 100, tok.value % 100) != null) {
            datePrefix = true;
            i++;
        }
        return i;
    }

    /**
     * Says whether a lower-case dotted name starts with its group and a hyphen, as some groups name
     * their files ("grp-title.of.film.2016.720p"): a short word, a hyphen, then two title words or
     * more in dots. A hyphen inside a title joins fewer: "ant-man.2015", "x-men.2000".
     */
    private boolean lowerCaseScenePrefix() {
        Token first = t.at(0);
        if (first == null || n < 4 || !t.gapIs(1, '-') || first.tag != null || first.digits || first.length() < 2
                || first.length() > 6 || !t.source.equals(t.source.toLowerCase(java.util.Locale.ROOT))
                || t.gapStart(0) != 0 || t.groupStartingAt(0) != null) {
            return false;
        }
        int words = 0;
        for (int k = 1; k < n && t.get(k).tag == null && markerAt[k] == null && !t.get(k).isYear(); k++) {
            if (k > 1 && !t.gapIs(k, '.')) {
                return false;
            }
            words++;
        }
        return words >= 2;
    }

    /** Returns the first token that surely ends the title: a marker, a release word, a technical bracket group. */
    private int hardStop() {
        for (int k = start; k < n; k++) {
            Marker m = markerAt[k];
            if (m != null && stops(m, k)) {
                return k;
            }
            Token tok = t.get(k);
            if (k > start && tok.tag != null && t.get(k - 1).tag == tok.tag && !t.gapOpensGroup(k)) {
                continue; // the second word of a two-word release word the title kept: "Behind the Curtain"
            }
            if (tok.tag != null && tok.tag.endsTitle() && !namedAfterEdition(k)
                    && (k > start ? !wordInTitle(k) : (technicalWord(tok.tag) || start > 0) && !wordInTitle(k))) {
                return k;
            }
            Tokens.Group g = t.groupStartingAt(k);
            if (g != null && technical(g)) {
                return k;
            }
            if (k > start && (junk(k) || articleOfEdition(k))) {
                return k;
            }
            if (k > start && completeSeriesAt(k)) {
                completeSeries = true;
                return k;
            }
        }
        return n;
    }

    /** Says whether an edition's name is the title's: "The.Final.Cut.2004" is a film, not a cut. */
    private boolean namedAfterEdition(int k) {
        Token tok = t.get(k);
        if (k - 1 > start && t.get(k - 1).tag == tok.tag && tok.tag.kind() == Tag.Kind.EDITION) {
            return namedAfterEdition(k - 1); // the second word of "Final Cut"
        }
        return tok.tag.kind() == Tag.Kind.EDITION && k - 1 >= start && t.lower(k - 1).equals("the")
                && t.at(k + 1) != null && t.get(k + 1).tag == tok.tag && (k - 2 < start || !t.get(k - 2).isYear());
    }

    /** Says whether a pack's name starts at {@code k}: "Complete Series", "The Complete Series", "Complete Collection". */
    private boolean completeSeriesAt(int k) {
        char first = t.lower(k).isEmpty() ? ' ' : t.lower(k).charAt(0);
        if (first != 't' && first != 'c') {
            return false;
        }
        int c = t.lower(k).equals("the") ? k + 1 : k;
        String next = t.lower(c + 1);
        return t.lower(c).equals("complete") && (next.equals("series") || next.equals("collection")
                || next.equals("box") || next.equals("boxset"));
    }

    /** Says whether "The" starts an edition's name: "Blade.Runner.1982.The.Final.Cut". */
    private boolean articleOfEdition(int k) {
        Token next = t.at(k + 1);
        return t.lower(k).equals("the") && next != null && next.tag != null && next.tag.kind() == Tag.Kind.EDITION
                && k > start && t.get(k - 1).isYear();
    }

    private boolean stops(Marker m, int k) {
        return switch (m.type) {
            case PART -> m.weak || tvSource;
            case DATE -> !m.weak || k > start;
            default -> true;
        };
    }

    /** Says whether a release word can never start a title ("720p", "x264"), unlike "Limited" or "German". */
    private static boolean technicalWord(Tag tag) {
        return switch (tag.kind()) {
            case RESOLUTION, SOURCE, VIDEO_CODEC, AUDIO_CODEC, CHECKSUM, CONTAINER, CHANNELS -> true;
            default -> false;
        };
    }

    /**
     * Says whether a release word that is also an ordinary word belongs to the title: release words
     * stand after the year or the numbering, among other release words, so one followed by the year,
     * by a title word or by the numbering is the title's ("Charlotte's Web 2006", "The Good German
     * 2006", "The Internal Affairs", "Free Sample - 03"). Written in capitals it is a release word.
     * Editions are the exception release names make: they often come before the year
     * ("Title.Extended.2009", "Title.IMAX.2018"), so only a title word after one makes it the title's.
     */
    private boolean wordInTitle(int k) {
        Token tok = t.get(k);
        if (!ordinaryWord(tok) || (tok.text().equals(tok.text().toUpperCase()) && !allCapitals())) {
            return false;
        }
        int after = k + 1;
        while (after < n && t.get(after).tag == tok.tag && !t.gapOpensGroup(after)) {
            after++; // the rest of a two-word release word: "Making Of"
        }
        Token next = t.at(after);
        if (next == null) {
            return false;
        }
        Tokens.Group group = t.groupStartingAt(after);
        if (group != null) {
            return group.size() == 1 && next.isYear(); // "Dark Web (2019)"
        }
        if (markerAt[after] != null) {
            // "Caught.in.the.Web.S01E03"; a flag before a season is the pack's: "Title Complete Seasons 1-5"
            return tok.tag.kind() == Tag.Kind.SOURCE || tok.tag.kind() == Tag.Kind.EXTRA;
        }
        k = after - 1;
        boolean plainWord = next.tag == null && !next.digits && !EDITION_NOUNS.contains(next.lower);
        if (tok.tag.kind() == Tag.Kind.EDITION) {
            return plainWord; // "Title.Extended.2009" is an edition; "Extended Family 2020" a title
        }
        boolean numbering = next.digits && !next.isYear() && t.gapIsLooseDash(k + 1)
                && tok.tag.kind() != Tag.Kind.LANGUAGE;
        return next.isYear() || numbering || plainWord;
    }

    private static final java.util.Set<String> TOP_LEVEL_DOMAINS = java.util.Set.of("com", "net", "org", "info", "io",
            "me", "tv", "to", "cc", "ws", "ru", "de", "fr", "es", "it", "nl", "pl", "uk", "co", "in", "xyz", "biz", "club",
            "site", "top", "se", "cz", "eu");
    private static final java.util.Set<String> EDITION_NOUNS = java.util.Set.of("cut", "edition", "version");
    private static final java.util.Set<String> ORDINARY_SOURCES = java.util.Set.of("web", "cam", "screener", "pal");

    // A release word that is also a word of the language: a language name, an edition, an extra, a flag
    // of four letters or more ("Limited", "Internal", "Sample"), or "web".
    private static boolean ordinaryWord(Token tok) {
        String w = tok.lower;
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isLetter(w.charAt(i))) {
                return false;
            }
        }
        return switch (tok.tag.kind()) {
            case LANGUAGE -> w.length() >= 5;
            case EDITION, EXTRA, FLAG -> w.length() >= 4;
            case SOURCE -> ORDINARY_SOURCES.contains(w);
            default -> false;
        };
    }

    private boolean allCapitals() {
        return t.source.equals(t.source.toUpperCase());
    }

    /** Says whether a bracket group holds release words, numbering or junk, rather than title words or one number. */
    boolean technical(Tokens.Group g) {
        if (g.size() == 0 || numberGroup(g)) {
            return false;
        }
        for (int k = g.first(); k < g.end(); k++) {
            Token tok = t.get(k);
            if ((tok.tag != null && tok.tag.kind() != Tag.Kind.SPECIAL) || markerAt[k] != null || junk(k)
                    || tok.lower.equals("www")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Says whether a leading bracket group names a release group: not release words, though a group's
     * name may hold one after its own word ("[Yume-Subs]", "[Neo Raws]").
     */
    private boolean groupName(Tokens.Group g) {
        if (!technical(g)) {
            return true;
        }
        Token first = t.get(g.first());
        for (int k = g.first(); k < g.end(); k++) {
            if (markerAt[k] != null || junk(k) || t.lower(k).equals("www")) {
                return false;
            }
        }
        return first.tag == null && !first.digits && first.hasLatin() && g.size() <= 3;
    }

    /** Says whether a group holds only a number, a range or a year: "[05]", "(892-916)", "[12 END]", "(2014)". */
    boolean numberGroup(Tokens.Group g) {
        if (g.size() == 0 || g.size() > 3 || !t.get(g.first()).digits) {
            return false;
        }
        for (int k = g.first(); k < g.end(); k++) {
            Token tok = t.get(k);
            String w = tok.lower;
            if (!(tok.isNumber(1, 4) || w.equals("end") || w.equals("fin") || w.equals("\u5b8c")
                    || (tok.tag != null && tok.tag.kind() == Tag.Kind.VERSION))) {
                return false;
            }
        }
        return true;
    }

    /** Says whether a token is Chinese release junk ("10月新番", "字幕组") or its number. */
    boolean junk(int k) {
        Token tok = t.at(k);
        if (tok == null) {
            return false;
        }
        if (tok.digits && t.glued(k + 1)) {
            tok = t.get(k + 1);
        }
        return tok.cjk && (tok.lower.contains("\u65b0\u756a") || tok.lower.contains("\u5b57\u5e55"));
    }

    /** Reads a year or a bare number inside the span, either of which ends the title. */
    private void scanSpan() {
        int chosenYear = chooseYear();
        for (int k = start + 1; k < hard; k++) {
            if (k == chosenYear) {
                year = t.get(k).value;
                end = enclosingGroupStart(k);
                Tokens.Group g = t.groupStartingAt(k);
                for (int j = g != null ? g.end() : k + 1; j < hard; j++) {
                    Token tok = t.get(j);
                    if (tok.tag == null && !tok.digits && !t.gapOpensGroup(j) && !versioned(tok)) {
                        break;
                    }
                    number = BareNumbers.read(this, t, markerAt, j, true);
                    if (number != null) {
                        break;
                    }
                }
                return;
            }
            BareNumber b = BareNumbers.read(this, t, markerAt, k, false);
            if (b != null) {
                number = b;
                end = k;
                return;
            }
        }
        BareNumber b = BareNumbers.fallback(this, t, markerAt);
        if (b != null) {
            number = b;
            end = b.first();
        }
    }

    private static boolean versioned(Token tok) {
        return BareNumbers.leadingNumber(tok) >= 0;
    }

    /**
     * Returns the token of the year that ends the title, or -1. Release names put the year right
     * after the title, whatever follows it ("Title 2012 DOCU", "Title (Comedy 1972) Actor"), and a
     * title may hold a year of its own ("Blade Runner 2049 (2017)", "2001 A Space Odyssey 1968",
     * "Class of 1999 (1990)"), so the last year of the span is the one: a year alone in brackets
     * first, as the conventional "Title (Year)".
     */
    private int chooseYear() {
        int last = -1;
        int lastBracketed = -1;
        for (int k = start + 1; k < hard; k++) {
            Token tok = t.get(k);
            if (!tok.isYear()) {
                continue;
            }
            Tokens.Group g = t.groupStartingAt(k);
            if (g != null && g.size() > 1 && t.get(g.first()).digits && g.first() == k) {
                continue; // "(1999-2003)": a run of years, not a year
            }
            if (glued(k) || (g == null && wordsThenTags(k))) {
                continue;
            }
            last = k;
            if (g != null && g.size() == 1) {
                lastBracketed = k;
            }
        }
        return lastBracketed >= 0 ? lastBracketed : last;
    }

    /**
     * Says whether plain words follow a bare year and release words follow them: the scene's order is
     * title, year, release words, so words between the year and the release words make the year part
     * of the title ("The.Year.2000.Problem.720p"), unlike words that run to the end ("Title 2012 Docu").
     */
    private boolean wordsThenTags(int k) {
        int words = 0;
        int j = k + 1;
        while (j < hard && t.get(j).tag == null && !t.get(j).digits && !t.gapOpensGroup(j)) {
            words += unknownReleaseWord(t.get(j)) ? 0 : 1;
            j++;
        }
        return words > 0 && j == hard && hard < n;
    }

    // A short word in capitals among release words is one the vocabulary does not know ("STV", "TC"),
    // not a word of the title.
    private boolean unknownReleaseWord(Token tok) {
        String text = tok.text();
        return text.length() <= 5 && text.equals(text.toUpperCase()) && tok.hasLatin() && !allCapitals();
    }

    // A year run into letters or into other digits by a hyphen is a word or a number, not a year: "1999-2003".
    private boolean glued(int k) {
        Token next = t.at(k + 1);
        return next != null && next.digits && t.gapIs(k + 1, '-') && t.get(k).depth == next.depth;
    }

    /** Returns where the title ends for a year at {@code k}: at the bracket holding it, if the year is not first in it. */
    private int enclosingGroupStart(int k) {
        int group = t.get(k).group;
        if (group < 0) {
            return k;
        }
        Tokens.Group g = t.groups.get(group);
        return g.first() < k && g.first() > start ? g.first() : k;
    }
}
