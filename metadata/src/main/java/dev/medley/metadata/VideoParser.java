package dev.medley.metadata;

import java.util.List;

/*
 * How a release name is read
 *
 * The name is cut into tokens once; the vocabulary marks release words (720p, BluRay, x264, German)
 * and EpisodeMarkers finds explicit numbering (S01E02, 1x02, Episode 2, dates). The title starts
 * after leading bracket groups and site names and runs to the first "hard stop": a marker, a
 * release word, or a bracket group holding either. Inside that span two softer things may end it
 * earlier: a year (when no title word follows it) and a bare number that reads as an anime
 * episode ("[Group] Title - 07 [720p]", "Title 07 [720p]") or, without anime signs, as a compact
 * season and episode ("Title.103.HDTV" is 1x03). The rules for bare numbers look only at the
 * separator before the number and the kind of token after it, which is what tells "Title 2 - 05"
 * (title "Title 2") from "Title - 05".
 *
 * Names made of bracket groups only ("[Group][Title][05][1080p]") go to BracketTitles.
 */

/** Reads an episode or film release name (no folders, no extension) into a {@link Draft}. */
final class VideoParser {
    private final Tokens t;
    private final List<Marker> markers;
    private final Marker[] markerAt;
    private final int n;
    private final Draft d = new Draft();
    private final TitleSpan span;

    private VideoParser(Tokens t) {
        this.t = t;
        this.n = t.size();
        Vocabulary.classify(t);
        this.markers = EpisodeMarkers.scan(t);
        this.markerAt = new Marker[n + 1];
        for (Marker m : markers) {
            markerAt[m.first] = m;
        }
        this.span = new TitleSpan(t, markerAt);
    }

    /** Returns what {@code name} says, as a film or an episode. */
    static Draft parse(String name) {
        return new VideoParser(Tokenizer.tokenize(name)).run();
    }

    private Draft run() {
        span.find();
        ReleaseTags.fill(t, span.end, d);
        d.releaseGroup = d.releaseGroup == null && span.anime ? SpanText.leadingGroup(span) : d.releaseGroup;
        d.releaseGroup = d.releaseGroup == null ? span.prefixGroup : d.releaseGroup;
        numbering();
        title();
        d.year = span.year >= 0 ? Integer.valueOf(span.year) : lateYear();
        if (d.year != null && span.year < 0) {
            d.guessed.add(Field.YEAR);
        }
        d.kind = d.episodic ? MediaKind.EPISODE : MediaKind.MOVIE;
        return d;
    }

    /** Picks the numbering: explicit markers first, then a bare number, an air date, a season, a special. */
    private void numbering() {
        Marker se = first(Marker.Type.SEASON_EPISODE);
        Marker ep = first(Marker.Type.EPISODE);
        Marker seasons = earlier(first(Marker.Type.SEASON), first(Marker.Type.SEASONS)); // "S01.S02.S03" starts at 1
        Marker date = firstDate();
        Marker special = first(Marker.Type.SPECIAL);
        Marker part = first(Marker.Type.PART);
        Marker primary = null;
        if (se != null) {
            d.season = se.season;
            d.episodes = se.episodes;
            primary = se;
        } else if (ep != null) {
            d.episodes = ep.episodes;
            if (seasons != null) {
                d.season = seasons.season;
            } else if ((ep.impliedSeason && ep.episodes.length > 1) || span.datePrefix) {
                d.season = 1; // "E07-E08" and "221208 Show ep05" count within a first season
                d.guessed.add(Field.SEASON);
            }
            primary = ep;
        }
        if (primary != null) {
            d.strong = true;
            d.episodic = true;
        }
        if (span.number != null) {
            BareNumber number = span.number;
            d.episodic = true;
            if (primary == null) {
                d.episodes = number.episodes();
                d.season = number.season() >= 0 ? Integer.valueOf(number.season())
                        : seasons != null ? Integer.valueOf(seasons.season) : null;
                d.guessed.add(Field.EPISODES);
            }
            if (number.absolute() && number.episodes().length > 0) {
                d.absoluteEpisode = number.episodes()[0];
            }
        }
        if (date != null) {
            d.date = date.date;
            d.episodic = true;
            d.strong |= !date.weak;
        }
        if (seasons != null && d.season == null && primary == null && span.number == null) {
            d.season = seasons.season;
            d.episodic = true;
            d.strong = true;
            int after = numberAfter(seasons);
            if (after >= 0) {
                d.episodes = new int[] {after};
                d.guessed.add(Field.EPISODES);
            }
        }
        if (special != null || span.completeSeries) {
            d.episodic = true;
        }
        if (part != null) {
            if (!d.episodic && span.tvSource && !part.weak) {
                d.season = 1;
                d.episodes = part.episodes;
                d.episodic = true;
                d.guessed.add(Field.SEASON);
                primary = part;
            } else if (part.episodes.length > 0) {
                d.part = part.episodes[0];
            }
        }
        int from = primary != null ? primary.end : span.number != null ? span.number.end() : -1;
        if (from > 0) {
            d.episodeTitle = SpanText.episodeTitle(span, from);
        }
    }

    /** Returns the number after a dash behind a season ("(Season 2) - 05"), or -1. */
    private int numberAfter(Marker m) {
        Token tok = t.at(m.end);
        if (m.type != Marker.Type.SEASON || tok == null || !tok.isNumber(1, 4) || !t.gapHasDash(m.end)) {
            return -1;
        }
        Token next = t.at(m.end + 1);
        boolean ends = next == null || t.gapOpensGroup(m.end + 1) || next.tag != null || t.gapIsLooseDash(m.end + 1);
        return ends ? tok.value : -1;
    }

    private static Marker earlier(Marker a, Marker b) {
        return a == null ? b : b == null ? a : a.first <= b.first ? a : b;
    }

    private Marker first(Marker.Type type) {
        for (Marker m : markers) {
            if (m.type == type && m.first >= span.start) {
                return m;
            }
        }
        return null;
    }

    /** Returns the first air date; a six-digit one only where a title comes before it. */
    private Marker firstDate() {
        for (Marker m : markers) {
            if (m.type == Marker.Type.DATE && m.first >= span.start && (!m.weak || m.first > span.start)) {
                return m;
            }
        }
        return null;
    }

    private void title() {
        String raw = SpanText.rawTitle(span);
        boolean episode = d.episodic;
        String title = raw.isEmpty() ? null : TitleText.clean(raw, span.dotted, episode, span.groupPrefix);
        if (episode && title != null && !TitleText.hasLatin(title)) {
            String latin = SpanText.latinBeforeLaterMarker(span, markers);
            if (latin != null) {
                title = TitleText.clean(latin, span.dotted, true, span.groupPrefix);
            }
        }
        if (title == null && t.groupStartingAt(0) != null) {
            if (BracketTitles.apply(t, markerAt, d, span.groupPrefix)) {
                return;
            }
        }
        d.title = title;
    }

    /** Returns a year found after the title, outside dates: films often carry it late. */
    private Integer lateYear() {
        for (int k = span.end; k < n; k++) {
            Marker m = markerAt[k];
            if (m != null) {
                k = m.end - 1;
                continue;
            }
            Token tok = t.get(k);
            if (tok.isYear() && (t.at(k + 1) == null || !t.get(k + 1).isYear())) {
                return tok.value;
            }
        }
        return span.leadingYear >= 0 ? Integer.valueOf(span.leadingYear) : null;
    }
}
