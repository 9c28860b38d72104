package dev.medley.organize;

import java.util.Locale;

/** What the plan does when a target name is taken, by a file on disk or by another file of the plan. */
public enum OnConflict {
    /** Leaves the incoming file where it is and reports the conflict. */
    SKIP,
    /** Gives the incoming file a numbered name ("Title (2).mkv"); identical content is still a duplicate and skipped. */
    RENAME,
    /** Like {@link #RENAME}, but keeps identical content too, reported as a duplicate. */
    KEEP_BOTH;

    /** Returns the name used on the command line and in the catalog. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns the policy named {@code key}. */
    public static OnConflict of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
