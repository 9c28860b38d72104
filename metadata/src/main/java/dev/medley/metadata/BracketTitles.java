package dev.medley.metadata;

/**
 * Reads names made of bracket groups only, as Chinese fansub groups write them:
 * "[Group][中文名][English Title][05][1080p]". The first group is the release group; the groups
 * before the episode number are title candidates, of which the first in Latin letters wins, then
 * the first mixed one, then the last.
 */
final class BracketTitles {
    private BracketTitles() {}

    /** Fills title and episodes from the groups of {@code t}; returns false when the name has no such shape. */
    static boolean apply(Tokens t, Marker[] markerAt, Draft d, boolean anime) {
        String latin = null;
        String mixed = null;
        String other = null;
        int[] episodes = null;
        boolean first = true;
        for (Tokens.Group g : t.groups) {
            if (g.size() == 0 || t.get(g.first()).depth != 1) {
                continue;
            }
            if (first) {
                first = false;
                continue;
            }
            int[] numbers = numbers(t, markerAt, g);
            if (numbers != null) {
                if (latin != null || mixed != null || other != null) {
                    episodes = numbers;
                    break;
                }
                continue;
            }
            if (isJunk(t, g)) {
                continue;
            }
            String text = t.source.substring(g.open() + 1, g.close());
            if (TitleText.hasLatin(text) && !TitleText.hasForeign(text)) {
                latin = latin == null ? text : latin;
            } else if (TitleText.hasLatin(text)) {
                mixed = mixed == null ? text : mixed;
            } else {
                other = text;
            }
        }
        if (episodes == null) {
            return false;
        }
        String raw = latin != null ? latin : mixed != null ? mixed : other;
        d.title = TitleText.clean(raw, false, true, anime);
        d.episodes = episodes;
        d.absoluteEpisode = episodes.length > 0 ? episodes[0] : null;
        d.episodic = true;
        d.kind = MediaKind.EPISODE;
        return true;
    }

    /** Reads "[05]", "[12END]", "[01-24完]", "[215 Fin]", "[第05话]", "[857集]": the episodes, or null. */
    private static int[] numbers(Tokens t, Marker[] markerAt, Tokens.Group g) {
        Marker m = markerAt[g.first()];
        if (m != null && m.type == Marker.Type.EPISODE) {
            return m.episodes;
        }
        Token tok = t.get(g.first());
        int v = tok.digits ? tok.value : endNumber(tok.lower);
        if (v < 0 || tok.isYear() || (tok.digits && tok.length() > 4)) {
            return null;
        }
        int last = v;
        for (int k = g.first() + 1; k < g.end(); k++) {
            Token next = t.get(k);
            String w = next.lower;
            if (next.isNumber(1, 4) && next.value > v && t.gapIs(k, '-')) {
                last = next.value;
            } else if (!(w.equals("end") || w.equals("fin") || w.startsWith("\u5b8c") || w.startsWith("\u96c6")
                    || (next.tag != null && next.tag.kind() == Tag.Kind.VERSION))) {
                return null;
            }
        }
        return Episodes.span(new int[] {v, last}, 2);
    }

    /** Reads "12end" and "12fin": the number, or -1. */
    private static int endNumber(String w) {
        int i = 0;
        int v = 0;
        while (i < w.length() && i < 4 && Character.isDigit(w.charAt(i))) {
            v = v * 10 + (w.charAt(i) - '0');
            i++;
        }
        String rest = w.substring(i);
        return i > 0 && (rest.equals("end") || rest.equals("fin")) ? v : -1;
    }

    /** Says whether a group is technical or a note of the subtitle group ("10月新番", "国漫"). */
    private static boolean isJunk(Tokens t, Tokens.Group g) {
        for (int k = g.first(); k < g.end(); k++) {
            Token tok = t.get(k);
            if (tok.tag != null || tok.lower.contains("\u65b0\u756a") || tok.lower.contains("\u5b57\u5e55")
                    || tok.lower.equals("\u56fd\u6f2b") || tok.isYear()) {
                return true;
            }
        }
        return false;
    }
}
