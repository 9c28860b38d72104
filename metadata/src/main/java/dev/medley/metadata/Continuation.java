package dev.medley.metadata;

/**
 * Extends a marker over the multi-episode forms that follow it: "-E03", "E02", "-03", "_02",
 * "-x03", ".S01E02", " - S01E02", "-2x10", "en 4", and reads a trailing "of N". Episodes become the
 * whole range from the lowest to the highest, so "E01E03" and "E01-03" both give 1, 2, 3.
 */
final class Continuation {
    private Continuation() {}

    static Marker extend(Tokens t, Marker m) {
        int[] eps = new int[8];
        int count = 0;
        for (int e : m.episodes) {
            if (count < eps.length && Episodes.valid(e)) {
                eps[count++] = e;
            }
        }
        int j = m.end;
        int n = t.size();
        while (j < n && count < eps.length) {
            Token tok = t.get(j);
            if (t.gapOpensGroup(j) || t.gapClosesGroup(j)) {
                break;
            }
            String w = tok.lower;
            boolean tight = t.gapIs(j, '-');
            boolean loose = t.gapIsLooseDash(j) || joined(t, j);
            boolean small = t.gapEnd(j) - t.gapStart(j) <= 1;
            int last = count > 0 ? eps[count - 1] : -1;
            int[] e = Shapes.episodes(w);
            if (e != null && (small || loose) && e[0] > last) {
                count = add(eps, count, e, 0);
                j++;
                continue;
            }
            int[] se = Shapes.seasonEpisode(w);
            if (se != null && (small || loose) && (m.season < 0 || se[0] == m.season) && se[1] > last) {
                count = add(eps, count, se, 1);
                j++;
                continue;
            }
            int[] x = Vocabulary.resolution(w) == null ? Shapes.crossed(w, w.charAt(0) == 'x') : null;
            if (x != null && (small || loose) && (x[0] < 0 ? tight : x[0] == m.season) && x[1] > last) {
                count = add(eps, count, x, 1);
                j++;
                continue;
            }
            boolean underscore = t.gapIs(j, '_') && (crossed(t, m) || isCap(t, m));
            if (tok.isNumber(1, 5) && (tight || underscore) && tok.value <= Episodes.MAX_EPISODE
                    && (isCap(t, m) ? tok.value % 100 : tok.value) > last) {
                count = add(eps, count, new int[] {m.season >= 0 && m.type == Marker.Type.SEASON_EPISODE
                        && isCap(t, m) ? tok.value % 100 : tok.value}, 0);
                j++;
                continue;
            }
            if (w.equals("en") && t.at(j + 1) != null && t.get(j + 1).isNumber(1, 3) && t.gapIs(j, ' ')) {
                count = add(eps, count, new int[] {t.get(j + 1).value}, 0);
                j += 2;
                continue;
            }
            if (w.equals("of") && t.at(j + 1) != null && small) {
                Token total = t.get(j + 1);
                if (total.isNumber(1, 4) && t.gapEnd(j + 1) - t.gapStart(j + 1) <= 1) {
                    m.total = total.value;
                }
                j += 2;
            }
            break;
        }
        m.end = Math.max(m.end, Math.min(j, n));
        m.episodes = Episodes.span(eps, count);
        if (count > 1 && m.total > 0 && m.episodes[0] == 1 && m.episodes[m.episodes.length - 1] == m.total) {
            m.episodes = Marker.EMPTY; // "S1E1-8 of 8": the whole season
        }
        return m;
    }

    // "3x07 & 3x08", "S01E01 + S01E02": two episodes joined by a word or sign.
    private static boolean joined(Tokens t, int j) {
        String gap = t.source.substring(t.gapStart(j), t.gapEnd(j)).strip();
        return gap.equals("&") || gap.equals("+");
    }

    private static boolean crossed(Tokens t, Marker m) {
        String w = t.lower(m.first);
        return !w.isEmpty() && Character.isDigit(w.charAt(0));
    }

    private static boolean isCap(Tokens t, Marker m) {
        return t.lower(m.first).equals("cap");
    }

    private static int add(int[] eps, int count, int[] values, int from) {
        for (int k = from; k < values.length && count < eps.length; k++) {
            if (Episodes.valid(values[k])) {
                eps[count++] = values[k];
            }
        }
        return count;
    }
}
