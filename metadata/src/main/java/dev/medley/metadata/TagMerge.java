package dev.medley.metadata;

import java.util.Arrays;
import java.util.Map;

/**
 * Applies tag values to a draft: a tag fills what the name leaves out, agrees with it (which makes
 * the field surer), or when tags win replaces it; a junk text tag ({@link TagText}) only fills.
 */
final class TagMerge {
    private static final double AGREED = 0.99;

    private final Draft d;
    private final Map<Field, Identity.Provenance> provenance;
    private final boolean tagsWin;
    private final String stem;

    /**
     * @param stem the file's name without folders or extension, which a tag that only repeats it is weighed against
     */
    TagMerge(Draft d, Map<Field, Identity.Provenance> provenance, boolean tagsWin, String stem) {
        this.d = d;
        this.provenance = provenance;
        this.tagsWin = tagsWin;
        this.stem = stem;
    }

    /**
     * Puts a text tag, weighed first.
     *
     * @param releaseTitle whether a release name in the tag stands for its title (film and show titles)
     */
    void putText(Field f, String tag, boolean releaseTitle) {
        if (tag == null) {
            return;
        }
        TagText.Weighed weighed = TagText.weigh(tag, stem, releaseTitle);
        put(f, weighed.value(), weighed.junk() ? false : tagsWin);
    }

    /** Puts a tag value, null when the tag is absent. */
    void put(Field f, Object tag) {
        put(f, tag, tagsWin);
    }

    private void put(Field f, Object tag, boolean wins) {
        if (tag == null) {
            return;
        }
        Object name = d.get(f);
        if (name == null) {
            d.set(f, tag);
            d.fromTags.add(f);
            provenance.put(f, new Identity.Provenance(Identity.Source.TAG, Identify.TAG));
        } else if (same(name, tag)) {
            Identity.Provenance p = provenance.get(f);
            d.fromTags.add(f);
            provenance.put(f, new Identity.Provenance(wins ? Identity.Source.TAG : p.source(), AGREED));
        } else if (wins) {
            d.set(f, tag);
            d.fromTags.add(f);
            provenance.put(f, new Identity.Provenance(Identity.Source.TAG, Identify.TAG));
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof int[] x && b instanceof int[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.strip().equalsIgnoreCase(y.strip());
        }
        return a.equals(b);
    }
}
