package dev.medley.metadata;

/** Names what a file holds, as far as its name, folders and tags tell. */
public enum MediaKind {
    /** An episode of a series, a season of one, or a daily show. */
    EPISODE,
    /** A film, or an extra that belongs to one. */
    MOVIE,
    /** A music track. */
    MUSIC,
    /** An episode of a podcast: a show that is spoken, numbered or dated. */
    PODCAST,
    /** A lecture, class or session of a course. */
    LECTURE,
    /** An audiobook, or a part or chapter of one. */
    AUDIOBOOK,
    /** Anything else: documents, images, names that say nothing. */
    OTHER;

    /**
     * Returns the lower-case name used in JSON: "episode", "movie", "music", "podcast", "lecture",
     * "audiobook", "other".
     */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Says whether files of this kind are speech, filed like a show or a book rather than music. */
    public boolean spoken() {
        return this == PODCAST || this == LECTURE || this == AUDIOBOOK;
    }
}
