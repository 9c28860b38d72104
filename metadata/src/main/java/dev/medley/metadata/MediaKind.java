package dev.medley.metadata;

/** Names what a file holds, as far as its name and tags tell. */
public enum MediaKind {
    /** An episode of a series, a season of one, or a daily show. */
    EPISODE,
    /** A film, or an extra that belongs to one. */
    MOVIE,
    /** A music track. */
    MUSIC,
    /** Anything else: documents, images, names that say nothing. */
    OTHER;

    /** Returns the lower-case name used in JSON: "episode", "movie", "music", "other". */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
