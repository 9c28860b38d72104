package dev.medley.metadata;

/**
 * Decides whether a bare number after a title is episode numbering. The separator before the
 * number and the token after it decide:
 *
 * <ul>
 *   <li>after a dash ("Title - 07", "Title-07"): numbering when the name ends, a bracket, a release
 *       word, a range, another dash or a marker follows; "Title - 100 Years" keeps the number;
 *   <li>after a space or dot ("Title 07 [720p]", "Title.103.HDTV"): the same, but two digits at
 *       least and no dash after ("Title 21 - 101" is title "Title 21");
 *   <li>alone in brackets ("[05]", "(892-916)", "{01}"): always numbering.
 * </ul>
 *
 * Without anime signs (a leading [Group], a CRC, VOSTFR, a dash before the number) a number of three
 * or four digits is a compact season and episode ("103" is 1x03, "1013" is 10x13), and one of five
 * or six a compact pair ("10708" is 1x07-08).
 */
final class BareNumbers {
    private BareNumbers() {}

    static BareNumber read(TitleSpan span, Tokens t, Marker[] markerAt, int k, boolean afterYear) {
        Token tok = t.get(k);
        int v = leadingNumber(tok);
        if (v < 0 || tok.isYear() || (k <= span.start && !afterYear)) {
            return null;
        }
        Tokens.Group own = t.groupStartingAt(k);
        if (own != null) {
            return span.numberGroup(own) && own.close() >= t.get(k).end ? inGroup(t, own) : null;
        }
        int len = tok.digits ? tok.length() : digitCount(tok.lower);
        if (len > 6) {
            return null;
        }
        boolean dashBefore = t.gapHasDash(k);
        int nx = k + 1;
        Token next = t.at(nx);
        boolean finale = next != null && (next.lower.equals("end") || next.lower.equals("fin")) && !t.gapOpensGroup(nx)
                && (t.at(nx + 1) == null || t.gapOpensGroup(nx + 1) || t.get(nx + 1).tag != null);
        if (finale) {
            nx++; // "Title - 12 END": the last episode
            next = t.at(nx);
        }
        boolean atEnd = next == null || nx >= span.hard || (nx == t.size() - 1 && t.gapIs(nx, '-') && !next.digits);
        boolean bracketNext = next != null && t.gapOpensGroup(nx);
        boolean tagNext = next != null && next.tag != null && next.tag.endsTitle();
        boolean rangeNext = next != null && next.isNumber(1, 4) && next.value > v && (t.gapIs(nx, '-') || tilde(t, nx));
        boolean looseNext = next != null && t.gapIsLooseDash(nx);
        boolean markerNext = next != null && markerAt[nx] != null;
        if (len >= 5) {
            return span.anime || dashBefore || !(atEnd || tagNext || bracketNext) ? null : compactPair(k, tok.value, len);
        }
        boolean paddedRange = false;
        boolean pair = false;
        if (dashBefore) {
            if (t.gapIs(k, '-') && len < 2) {
                return null;
            }
            if (next != null && next.isNumber(1, 2) && t.gapIs(nx, '.') && len <= 3) {
                return new BareNumber(k, nx + 1, -1, Marker.EMPTY, true); // "- 12.5": a special between episodes
            }
            if (!(atEnd || bracketNext || tagNext || rangeNext || looseNext || markerNext)) {
                return null;
            }
        } else {
            if (len < 2 && !rangeNext) {
                return null;
            }
            boolean afterTitleSeason = k > 0 && Shapes.season(t.lower(k - 1)) >= 0 && t.lower(k - 1).charAt(0) == 's';
            // "Show.07.HDTV", "Show.03.720p.WEB": a padded number, or one before a TV source, right before
            // release words is an episode; "Apollo 13 (1995)", "District 9 720p" keep theirs.
            boolean episodeCue = tagNext && (tok.zeroPadded() || span.tvSource) && !yearAfter(t, nx);
            if (len <= 2 && !rangeNext && !span.anime && !afterYear && !afterTitleSeason && !episodeCue && !finale) {
                return null; // "Apollo 13 (1995)": without anime signs two digits after a title are part of it
            }
            if (markerNext) {
                if (len < 3 || !span.anime) {
                    return null;
                }
            } else if (!(atEnd || bracketNext || tagNext || rangeNext)) {
                paddedRange = looseNext && tok.zeroPadded() && next.isNumber(1, 4) && next.value > v;
                pair = len == 3 && tok.digits && next != null && next.isNumber(3, 3) && next.value == v + 1
                        && (t.gapIs(nx, '.') || t.gapIs(nx, ' ')) && !span.anime;
                if (!paddedRange && !pair) {
                    return null;
                }
            }
        }
        if (rangeNext || paddedRange) {
            return range(t, k, v);
        }
        if (pair) {
            return new BareNumber(k, nx + 1, v / 100, new int[] {v % 100, v % 100 + 1}, false);
        }
        boolean afterSeasonWord = k > 0 && Shapes.season(t.lower(k - 1)) >= 0 && t.lower(k - 1).charAt(0) == 's';
        if (!span.anime && !dashBefore && !afterSeasonWord && (len == 3 || len == 4) && tok.digits) {
            // Without anime signs such a number is a compact season and episode only where the name says TV
            // ("Show.103.HDTV"); else it is the title's ("Room 412 (2012)", "Agent.117.720p", "Fight.Night.212.PPV").
            boolean compact = span.tvSource && !yearAfter(t, nx) && v % 100 >= 1 && v / 100 >= 1;
            return compact ? new BareNumber(k, nx, v / 100, new int[] {v % 100}, false) : null;
        }
        return new BareNumber(k, nx, -1, new int[] {v}, true);
    }

    /** Reads a number the strict rules left: "[Group] Title 01 Episode Name", or "Title_209_Name" without anime signs. */
    static BareNumber fallback(TitleSpan span, Tokens t, Marker[] markerAt) {
        for (Marker m : markerAt) {
            if (m != null && m.type != Marker.Type.PART) {
                return null;
            }
        }
        boolean anyYear = false;
        for (int k = 0; k < t.size(); k++) {
            anyYear |= t.get(k).isYear();
        }
        for (int k = span.start + 1; k < span.hard; k++) {
            Token tok = t.get(k);
            if (!tok.digits || t.gapHasDash(k) || t.gapOpensGroup(k) || tok.depth > 0) {
                continue;
            }
            if (span.anime && tok.zeroPadded() && tok.length() <= 3) {
                return new BareNumber(k, k + 1, -1, new int[] {tok.value}, true);
            }
            if (!span.anime && !anyYear && span.tvSource && tok.length() == 3 && tok.value % 100 >= 1) {
                return new BareNumber(k, k + 1, tok.value / 100, new int[] {tok.value % 100}, false);
            }
        }
        return null;
    }

    // A year right after a number makes the number the title's: "Room 412 (2012)", "Carter's 12 2004".
    private static boolean yearAfter(Tokens t, int k) {
        Token next = t.at(k);
        return next != null && next.isYear();
    }

    /** Reads "01-12", "01~10", "01 ~ 10", "01 - 119", "01-02-03" from the number at {@code k}. */
    private static BareNumber range(Tokens t, int k, int first) {
        int last = first;
        int j = k + 1;
        while (j < t.size() && t.get(j).isNumber(1, 4) && t.get(j).value > last
                && (t.gapIs(j, '-') || tilde(t, j) || t.gapIsLooseDash(j))) {
            last = t.get(j).value;
            j++;
            if (!t.gapIs(j, '-')) {
                break;
            }
        }
        return new BareNumber(k, j, -1, Episodes.span(new int[] {first, last}, 2), true);
    }

    /** Reads the number or range in a group of its own: "[05]", "(892-916)", "[01-24完]". */
    private static BareNumber inGroup(Tokens t, Tokens.Group g) {
        int first = t.get(g.first()).value;
        int last = first;
        for (int k = g.first() + 1; k < g.end(); k++) {
            if (t.get(k).isNumber(1, 4) && t.get(k).value > first) {
                last = t.get(k).value;
            }
        }
        if (first < 0) {
            return null;
        }
        return new BareNumber(g.first(), g.end(), -1, Episodes.span(new int[] {first, last}, 2), true);
    }

    /** Reads "10708" as season 1, episodes 7 and 8, and "010910" as season 1, episodes 9 and 10. */
    private static BareNumber compactPair(int k, int v, int len) {
        if (v < 0) {
            return null;
        }
        int season = v / 10000;
        int a = v / 100 % 100;
        int b = v % 100;
        return a >= 1 && b == a + 1 && (len == 5 || season < 100) ? new BareNumber(k, k + 1, season, new int[] {a, b}, false)
                : null;
    }

    /** Returns the number a token starts with when only a version follows ("09v2"), the number of a digit token, or -1. */
    static int leadingNumber(Token tok) {
        if (tok.digits) {
            return tok.value;
        }
        String w = tok.lower;
        int i = 0;
        int v = 0;
        while (i < w.length() && i < 5 && Character.isDigit(w.charAt(i))) {
            v = v * 10 + (w.charAt(i) - '0');
            i++;
        }
        if (i == 0 || i + 2 > w.length() || w.charAt(i) != 'v') {
            return -1;
        }
        for (int k = i + 1; k < w.length(); k++) {
            if (!Character.isDigit(w.charAt(k))) {
                return -1;
            }
        }
        return w.length() - i <= 3 ? v : -1;
    }

    private static int digitCount(String w) {
        int i = 0;
        while (i < w.length() && Character.isDigit(w.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean tilde(Tokens t, int j) {
        int from = t.gapStart(j);
        int to = t.gapEnd(j);
        boolean tilde = false;
        for (int p = from; p < to; p++) {
            char c = t.source.charAt(p);
            if (c == '~' || c == '\uFF5E') {
                if (tilde) {
                    return false;
                }
                tilde = true;
            } else if (c != ' ') {
                return false;
            }
        }
        return tilde;
    }
}
