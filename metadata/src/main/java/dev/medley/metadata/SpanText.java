package dev.medley.metadata;

import java.util.List;

/** Reads text out of a name once {@link TitleSpan} has found its parts: the title, the episode title, the group. */
final class SpanText {
    private SpanText() {}

    /** Returns the title text, with an opening bracket it starts with and closing ones and "!?" it ends with. */
    static String rawTitle(TitleSpan span) {
        Tokens t = span.t;
        int start = span.start;
        int end = span.end;
        int n = span.n;
        if (start >= end) {
            return "";
        }
        String s = t.source;
        int from = t.get(start).start;
        if (t.gapOpensGroup(start) && t.groupStartingAt(start).open() >= t.gapStart(start)) {
            from = t.groupStartingAt(start).open();
        }
        int to = t.get(end - 1).end;
        int opened = 0;
        for (int p = from; p < to; p++) {
            char c = s.charAt(p);
            opened += Tokenizer.isOpener(c) ? 1 : Tokenizer.isCloser(c) ? -1 : 0;
        }
        int limit = end < n ? t.get(end).start : s.length();
        while (to < limit) {
            char c = s.charAt(to);
            if (c == '!' || c == '?' || c == '\'' || (Tokenizer.isCloser(c) && opened > 0)) {
                opened -= Tokenizer.isCloser(c) ? 1 : 0;
                to++;
            } else {
                break;
            }
        }
        return s.substring(from, to);
    }

    /** Returns the words after the numbering that name the episode, or null. */
    static String episodeTitle(TitleSpan span, int from) {
        Tokens t = span.t;
        Marker[] markerAt = span.markerAt;
        int n = span.n;
        int k = from;
        if (k >= n || t.gapOpensGroup(k)) {
            return null;
        }
        int stop = k;
        while (stop < n && (markerAt[stop] == null || partOfTitle(markerAt[stop], stop, k))
                && (t.get(stop).tag == null || !t.get(stop).tag.endsTitle())
                && !(stop > k && t.gapOpensGroup(stop)) && !t.get(stop).isYear() && !span.junk(stop)) {
            stop++;
        }
        if (stop == k) {
            return null;
        }
        String raw = t.slice(k, stop);
        return TitleText.hasLetter(raw) ? TitleText.clean(raw, span.dotted, false, false) : null;
    }

    // "The Well, Part 1": a part after words of an episode title names that episode, not a piece of a file.
    private static boolean partOfTitle(Marker m, int at, int titleStart) {
        return m.type == Marker.Type.PART && !m.weak && at > titleStart;
    }

    /** Returns the release group the name starts with in brackets, or null. */
    static String leadingGroup(TitleSpan span) {
        Tokens t = span.t;
        Tokens.Group g = t.groupStartingAt(0);
        return g == null || g.size() == 0 ? null : t.source.substring(g.open() + 1, g.close()).trim();
    }

    /** Returns the Latin words right before a later marker, for names whose title is in another script first. */
    static String latinBeforeLaterMarker(TitleSpan span, List<Marker> markers) {
        Tokens t = span.t;
        int end = span.end;
        for (Marker m : markers) {
            if (m.first <= end || m.type == Marker.Type.DATE) {
                continue;
            }
            int k = m.first;
            while (k - 1 >= 0 && k - 1 > end && !t.gapClosesGroup(k) && (k == m.first || !t.gapOpensGroup(k))) {
                Token prev = t.get(k - 1);
                if (prev.cjk || prev.tag != null || !(prev.hasLatin() || prev.digits)) {
                    break;
                }
                k--;
            }
            if (k < m.first && t.get(k).hasLatin()) {
                return t.slice(k, m.first);
            }
        }
        return null;
    }
}
