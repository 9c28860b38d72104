package dev.medley.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the numbering of episodes in a name, left to right: S01E02 and its multi-episode forms
 * (S01E01E02, S01E01-E03, S01E01-02-03, S01E01.S01E02), 1x02 (1x01-1x02, 2x04x05, 8x01_02),
 * seasons (S01, Season 1, Saison 3, S01-S04), episode words (E12, Ep 12, Episode 12, #12, 第12话,
 * 12. Bölüm, Cap.102, afl.2-3), dates, parts and anime specials.
 *
 * <p>A season token right before an anime-style number ("Title S2 - 07", "Title S21 999",
 * "Title S2 [05]") is left alone: it belongs to the title, as release groups name such seasons.
 */
final class EpisodeMarkers {
    private EpisodeMarkers() {}

    /** Returns every marker of {@code t}, in order, none overlapping. */
    static List<Marker> scan(Tokens t) {
        List<Marker> out = new ArrayList<>(2);
        int n = t.size();
        int i = 0;
        while (i < n) {
            Marker m = at(t, i);
            if (m != null) {
                out.add(m);
                i = Math.max(m.end, i + 1);
            } else {
                i++;
            }
        }
        return out;
    }

    private static Marker at(Tokens t, int i) {
        Token tok = t.get(i);
        if (tok.tag != null) {
            return tok.tag.kind() == Tag.Kind.SPECIAL ? new Marker(Marker.Type.SPECIAL, i, i + 1) : null;
        }
        if (tok.digits) {
            return numberFirst(t, i);
        }
        return tok.hasDigit ? shaped(t, i, tok.lower) : word(t, i, tok);
    }

    /** Reads tokens that mix letters and digits: "S01E02", "S01", "E07", "1x02", "5of9", "CD1", "5th". */
    private static Marker shaped(Tokens t, int i, String w) {
        int[] se = Shapes.seasonEpisode(w);
        if (se != null) {
            Marker m = new Marker(Marker.Type.SEASON_EPISODE, i, i + 1);
            m.season = se[0];
            m.episodes = java.util.Arrays.copyOfRange(se, 1, se.length);
            return Continuation.extend(t, m);
        }
        int season = Shapes.season(w);
        if (season >= 0) {
            return afterSeason(t, i, i + 1, season, w.charAt(0) == 's' && Character.isDigit(w.charAt(1)));
        }
        int ordinal = Shapes.ordinal(w);
        if (ordinal > 0 && Shapes.isSeasonWord(t.lower(i + 1)) && t.gapLength(i + 1) <= 2) {
            return afterSeason(t, i, i + 2, ordinal, false); // "Title 2nd Season - 05"
        }
        Marker seasonThenList = seasonThenEpisodeList(t, i, w);
        if (seasonThenList != null) {
            return seasonThenList;
        }
        int[] e = Shapes.episodes(w);
        if (e != null) {
            Marker m = new Marker(Marker.Type.EPISODE, i, i + 1);
            m.episodes = e;
            m.impliedSeason = true;
            return Continuation.extend(t, m);
        }
        int[] x = Character.isDigit(w.charAt(0)) && Vocabulary.resolution(w) == null ? Shapes.crossed(w, false) : null;
        if (x != null) {
            Marker m = new Marker(Marker.Type.SEASON_EPISODE, i, i + 1);
            m.season = x[0];
            m.episodes = java.util.Arrays.copyOfRange(x, 1, x.length);
            return Continuation.extend(t, m);
        }
        int[] of = Shapes.partOf(w);
        if (of != null) {
            Marker m = new Marker(Marker.Type.SEASON_EPISODE, i, i + 1);
            m.season = 1;
            m.impliedSeason = true;
            m.episodes = new int[] {of[0]};
            return m;
        }
        int part = Shapes.partNumber(w);
        if (part >= 0) {
            Marker m = new Marker(Marker.Type.PART, i, i + 1);
            m.episodes = new int[] {part};
            m.weak = !w.startsWith("p");
            return m;
        }
        return DateMarkers.at(t, i);
    }

    /** Reads marker words: "Season 2", "S 01", "Se.1", "Episode 4", "Cap.102", "Part Two", "第3话". */
    private static Marker word(Tokens t, int i, Token tok) {
        String w = tok.lower;
        if (tok.cjk) {
            return cjk(t, i);
        }
        if (w.length() >= 3 && "jfmasond".indexOf(w.charAt(0)) >= 0 && Vocabulary.month(w) > 0) {
            Marker date = DateMarkers.monthFirst(t, i);
            if (date != null) {
                return date;
            }
        }
        char c0 = w.charAt(0);
        if (c0 >= 'a' && c0 <= 'z' && "secptdafo".indexOf(c0) < 0) {
            return null; // no marker word starts with another letter
        }
        int ordinal = "fstne".indexOf(c0) >= 0 ? Shapes.ordinal(w) : -1;
        if (ordinal > 0 && Shapes.isSeasonWord(t.lower(i + 1)) && t.gapLength(i + 1) <= 2) {
            return afterSeason(t, i, i + 2, ordinal, false); // "Title Second Season - 05"
        }
        if (Shapes.isSeasonsWord(w)) {
            Token next = t.at(i + 1);
            if (next != null && next.isNumber(1, 2) && !t.gapOpensGroup(i + 1) && t.gapLength(i + 1) <= 2) {
                Marker m = new Marker(Marker.Type.SEASONS, i, rangeEnd(t, i + 2));
                m.season = next.value; // "Seasons 1-4", "Seasons 1 to 5": the pack starts there
                return m;
            }
            return null;
        }
        if ((w.equals("s") && t.gapIs(i + 1, ' ') && !possessive(t, i)) || Shapes.isSeasonWord(w)) {
            Token next = t.at(i + 1);
            if (next != null && next.isNumber(1, 4) && !t.gapOpensGroup(i + 1) && t.gapLength(i + 1) <= 2) {
                return afterSeason(t, i, i + 2, next.value, w.equals("s"));
            }
            return null;
        }
        if ((w.equals("se") && t.gapIs(i + 1, '.')) || (w.equals("series") && t.gapIsLooseDash(i))) {
            Token next = t.at(i + 1);
            if (next != null && next.isNumber(1, 2) && !t.gapOpensGroup(i + 1)) {
                return afterSeason(t, i, i + 2, next.value, false);
            }
            return null;
        }
        if (Shapes.isEpisodeWord(w) || w.equals("cap")) {
            return episodeWord(t, i, w);
        }
        if ((w.equals("part") || w.equals("pt")) && i + 1 < t.size() && t.gapLength(i + 1) <= 2) {
            Token next = t.get(i + 1);
            int n = next.isNumber(1, 2) ? next.value : Shapes.wordNumber(next.lower);
            if (n > 0) {
                boolean ofTotal = t.lower(i + 2).equals("of") && t.at(i + 3) != null && t.get(i + 3).isNumber(1, 2);
                Marker m = new Marker(Marker.Type.PART, i, ofTotal ? i + 4 : i + 2); // "Part 1 of 3"
                m.episodes = new int[] {n};
                if (ofTotal) {
                    m.total = t.get(i + 3).value;
                }
                return m;
            }
        }
        return null;
    }

    /** Reads "S01EP(01-09)", "S01E(01-03)": a season, then its episodes in brackets. */
    private static Marker seasonThenEpisodeList(Tokens t, int i, String w) {
        int e = w.endsWith("ep") ? w.length() - 2 : w.endsWith("e") ? w.length() - 1 : -1;
        if (e < 2 || w.charAt(0) != 's') {
            return null;
        }
        for (int c = 1; c < e; c++) {
            if (!Character.isDigit(w.charAt(c))) {
                return null;
            }
        }
        Token first = t.at(i + 1);
        if (first == null || !first.isNumber(1, 3) || t.gapLength(i + 1) > 2) {
            return null;
        }
        int last = first.value;
        int end = i + 2;
        Token second = t.at(i + 2);
        if (second != null && second.isNumber(1, 3) && second.value > last && t.gapHasDash(i + 2)) {
            last = second.value;
            end = i + 3;
        }
        Marker m = new Marker(Marker.Type.SEASON_EPISODE, i, end);
        m.season = Integer.parseInt(w, 1, e, 10);
        m.episodes = Episodes.span(new int[] {first.value, last}, 2);
        return m;
    }

    /** Returns the token after a season range that starts at {@code k}: "1-4", "1 to 5", or {@code k} itself. */
    private static int rangeEnd(Tokens t, int k) {
        Token tok = t.at(k);
        if (tok != null && tok.isNumber(1, 2) && t.gapIs(k, '-')) {
            return k + 1;
        }
        if (tok != null && (tok.lower.equals("to") || tok.lower.equals("a") || tok.lower.equals("bis"))
                && t.at(k + 1) != null && t.get(k + 1).isNumber(1, 2)) {
            return k + 2;
        }
        return k;
    }

    /** Says whether the numbering ends at {@code k}: the name ends, or a bracket, a release word or a dash comes. */
    private static boolean endsNumbering(Tokens t, int k) {
        Token tok = t.at(k);
        return tok == null || t.gapOpensGroup(k) || tok.tag != null || t.gapIsLooseDash(k)
                || tok.lower.equals("end") || tok.lower.equals("fin");
    }

    /** Says whether the "s" at {@code i} ends a word with an apostrophe: "Carter's 12" holds no season. */
    private static boolean possessive(Tokens t, int i) {
        return i > 0 && t.glued(i) || (i > 0 && t.gapLength(i) == 1
                && "'\u2019`\u00b4".indexOf(t.source.charAt(t.gapStart(i))) >= 0);
    }

    /** Reads what follows a season: episodes, more seasons, or nothing (a whole season). */
    private static Marker afterSeason(Tokens t, int first, int next, int season, boolean shortForm) {
        Token tok = t.at(next);
        boolean bracketBetween = t.gapOpensGroup(next) || t.gapClosesGroup(next);
        boolean loose = t.gapIsLooseDash(next);
        if (tok != null && !bracketBetween) {
            int[] e = Shapes.episodes(tok.lower);
            if (e != null && tok.tag == null) {
                if (loose && shortForm && tok.lower.startsWith("ep")) {
                    return null;
                }
                return seasonEpisode(t, first, next + 1, season, e);
            }
            Token after = t.at(next + 1);
            if (loose && shortForm && Shapes.isEpisodeWord(tok.lower)) {
                return null; // "Title S2 - Episode 4"
            }
            if ((tok.lower.equals("e") || Shapes.isEpisodeWord(tok.lower)) && after != null && after.isNumber(1, 5)
                    && t.gapLength(next + 1) <= 3 && !t.gapOpensGroup(next + 1)) {
                return seasonEpisode(t, first, next + 2, season, new int[] {after.value});
            }
            if (tok.digits && shortForm) {
                if (tok.length() == 2 && t.gapIs(next, '.')) {
                    return seasonEpisode(t, first, next + 1, season, new int[] {tok.value});
                }
                if (loose || (tok.length() >= 3 && !tok.isYear())) {
                    return null; // "Title S2 - 07", "Title S21 999": the season names the title
                }
            }
            if (loose && !shortForm && tok.digits && tok.length() <= 4 && !tok.isYear() && endsNumbering(t, next + 1)) {
                return seasonEpisode(t, first, next + 1, season, new int[] {tok.value}); // "Title Season 2 - 05"
            }
            if ((tok.digits && tok.length() <= 2 && (t.gapIs(next, '-') || t.gapIs(next, ' ') || loose))
                    || Shapes.season(tok.lower) >= 0
                    || (Shapes.isSeasonWord(tok.lower) && after != null && after.digits)) {
                Marker m = new Marker(Marker.Type.SEASONS, first, next + (Shapes.isSeasonWord(tok.lower) ? 2 : 1));
                m.season = season;
                return m;
            }
        }
        if (tok != null && shortForm && t.gapOpensGroup(next) && tok.isNumber(1, 4)) {
            return null; // "Title S2 [05]"
        }
        Marker m = new Marker(Marker.Type.SEASON, first, next);
        m.season = season;
        return m;
    }

    private static Marker seasonEpisode(Tokens t, int first, int end, int season, int[] episodes) {
        Marker m = new Marker(Marker.Type.SEASON_EPISODE, first, end);
        m.season = season;
        m.episodes = episodes;
        return Continuation.extend(t, m);
    }

    /** Reads "Episode 12", "Ep 5", "Cap.102", "afl.2-3-4" from the word at {@code i}. */
    private static Marker episodeWord(Tokens t, int i, String w) {
        Token next = t.at(i + 1);
        if (next == null || !next.digits || t.gapLength(i + 1) > 2 || t.gapOpensGroup(i + 1)) {
            return null;
        }
        if (w.equals("cap")) {
            if (!next.isNumber(3, 4)) {
                return null;
            }
            Marker m = new Marker(Marker.Type.SEASON_EPISODE, i, i + 2);
            m.season = next.value / 100;
            m.episodes = new int[] {next.value % 100};
            return Continuation.extend(t, m);
        }
        if (!next.isNumber(1, 5)) {
            return null;
        }
        Marker m = new Marker(Marker.Type.EPISODE, i, i + 2);
        m.episodes = new int[] {next.value};
        return Continuation.extend(t, m);
    }

    /** Reads markers that start with a number: "12. Bölüm", "05话", "#957". */
    /** Words that follow the number they count: "1 сезон", "3 серия". */
    private static final java.util.Set<String> SEASON_AFTER = java.util.Set.of("\u0441\u0435\u0437\u043e\u043d");
    private static final java.util.Set<String> EPISODE_AFTER = java.util.Set.of("\u0441\u0435\u0440\u0438\u044f",
            "\u0441\u0435\u0440\u0438\u0438", "\u0441\u0435\u0440\u0438\u0439", "\u044d\u043f\u0438\u0437\u043e\u0434");

    private static Marker numberFirst(Tokens t, int i) {
        Token tok = t.get(i);
        Token next = t.at(i + 1);
        if (tok.isNumber(1, 5)) {
            if (next != null && t.gapLength(i + 1) <= 2) {
                String nw = next.lower;
                boolean cyrillic = !nw.isEmpty() && nw.charAt(0) >= 0x400 && nw.charAt(0) < 0x500;
                if (nw.equals("blm") || nw.equals("bolum") || nw.equals("b\u00f6l\u00fcm") || cyrillic && EPISODE_AFTER.contains(nw)) {
                    Marker m = new Marker(Marker.Type.EPISODE, i, i + 2);
                    m.episodes = new int[] {tok.value};
                    return m;
                }
                if (cyrillic && SEASON_AFTER.contains(nw) && tok.isNumber(1, 2)) {
                    // "1 сезон 3 серия": the number comes first in Russian and Ukrainian names
                    Token ep = t.at(i + 2);
                    if (ep != null && ep.isNumber(1, 4) && EPISODE_AFTER.contains(t.lower(i + 3))) {
                        return seasonEpisode(t, i, i + 4, tok.value, new int[] {ep.value});
                    }
                    Marker m = new Marker(Marker.Type.SEASON, i, i + 2);
                    m.season = tok.value;
                    return m;
                }
                if (t.glued(i + 1) && isEpisodeSuffix(nw)) {
                    Marker m = new Marker(Marker.Type.EPISODE, i, i + 2);
                    m.episodes = new int[] {tok.value};
                    return m;
                }
            }
            if (i > 0 && t.gapHas(i, '#') && t.source.charAt(tok.start - 1) == '#') {
                Marker m = new Marker(Marker.Type.EPISODE, i, i + 1);
                m.episodes = new int[] {tok.value};
                return m;
            }
        }
        return DateMarkers.at(t, i);
    }

    /** Reads "第12话", "12集", "全24集" starting at a Han token. */
    private static Marker cjk(Tokens t, int i) {
        String w = t.lower(i);
        Token num = t.at(i + 1);
        if (num == null || !num.digits || !t.glued(i + 1) || num.value < 0) {
            return null;
        }
        boolean whole = w.endsWith("\u5168"); // 全: all of them
        if (!w.endsWith("\u7b2c") && !whole) { // 第
            return null;
        }
        int k = i + 2;
        int last = num.value;
        if (t.gapIs(k, '-') && t.at(k) != null && t.get(k).isNumber(1, 5)) {
            last = t.get(k).value;
            k++;
        }
        if (t.at(k) == null || !isEpisodeSuffix(t.lower(k)) || !t.glued(k)) {
            return null;
        }
        if (whole) {
            return new Marker(Marker.Type.SPECIAL, i, k + 1);
        }
        Marker m = new Marker(Marker.Type.EPISODE, i, k + 1);
        m.episodes = Episodes.span(new int[] {num.value, last}, 2);
        return m;
    }

    /** Says whether a Han word after a number means "episode": 话, 話, 集, starting the word. */
    private static boolean isEpisodeSuffix(String w) {
        if (w.isEmpty()) {
            return false;
        }
        char c = w.charAt(0);
        return c == '\u8bdd' || c == '\u8a71' || c == '\u96c6';
    }
}
