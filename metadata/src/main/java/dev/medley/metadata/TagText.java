package dev.medley.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Weighs a text tag. Tags written by people or taggers outweigh names, but many files carry tags
 * that are not that: a site's address ("www.site.com - Title", "Title [site.net]"), the file's own
 * name copied in, or a release name ("Movie.2018.1080p.WEB-DL-GRP"). Such a tag is junk: what is
 * left of it after the junk is taken out may fill a field the name leaves empty, but never
 * replaces what the name says; a tag that is only the file's name again adds nothing at all.
 */
final class TagText {
    /**
     * A tag as weighed.
     *
     * @param value what is left of the tag, or null when nothing is
     * @param junk whether the tag was junk, and so only fills gaps
     */
    record Weighed(String value, boolean junk) {}

    private TagText() {}

    /**
     * Weighs a tag of a file whose name (without folders or extension) is {@code stem}.
     *
     * @param releaseTitle whether a release name in the tag stands for its title (film and show titles)
     */
    static Weighed weigh(String tag, String stem, boolean releaseTitle) {
        String kept = withoutSites(tag);
        boolean junk = !kept.equals(tag);
        if (kept.isEmpty()) {
            return new Weighed(null, true);
        }
        if (sameText(kept, stem)) {
            return new Weighed(null, true); // the file's name again, which the name's reading has read better
        }
        if (releaseTitle) {
            Draft parsed = VideoParser.parse(kept);
            boolean release = parsed.screenSize != null || parsed.source != null || parsed.videoCodec != null
                    || parsed.audioCodec != null || parsed.strong;
            if (release && parsed.title != null) {
                return new Weighed(parsed.title, true);
            }
        }
        return new Weighed(kept, junk);
    }

    /** Takes out the dashed parts and bracket groups of a tag that name a site: "www.x.com - Title" gives "Title". */
    static String withoutSites(String tag) {
        String lower = tag.toLowerCase(Locale.ROOT);
        if (!MusicText.isSite(lower)) {
            return tag.strip();
        }
        StringBuilder out = new StringBuilder(tag.length());
        int i = 0;
        while (i < tag.length()) {
            char close = Tokenizer.closerOf(tag.charAt(i));
            int end = close == 0 || tag.charAt(i) == '<' ? -1 : tag.indexOf(close, i + 1);
            if (end > i && MusicText.isSite(lower.substring(i + 1, end))) {
                i = end + 1;
                continue;
            }
            out.append(tag.charAt(i));
            i++;
        }
        List<String> parts = new ArrayList<>();
        for (String part : splitParts(out.toString())) {
            if (!MusicText.isSite(part.toLowerCase(Locale.ROOT)) && TitleText.hasLetter(part)) {
                parts.add(part);
            }
        }
        return TitleText.trim(TitleText.collapse(String.join(" - ", parts)));
    }

    /** Cuts a tag at its spaced dashes and bars: "www.x.com - Title | Site". */
    private static List<String> splitParts(String s) {
        List<String> parts = new ArrayList<>();
        for (String piece : MusicShapes.split(s)) {
            for (String bar : piece.split("\\|")) {
                if (!bar.isBlank()) {
                    parts.add(bar.strip());
                }
            }
        }
        return parts;
    }

    /** Says whether two texts are the same name but for case and the separators of names: "a.b_c" and "A B C". */
    static boolean sameText(String a, String b) {
        return TitleText.sameWords(a, b);
    }
}
