package dev.medley.organize;

/** Names what a media file is to the title it belongs to: the main content, a sample, or an extra. */
enum ExtraKind {
    /** The main content: a film, an episode, a track. */
    NONE(null),
    /** A short cut of the main content that release groups add; never worth keeping in a library. */
    SAMPLE(null),
    TRAILER("Trailers"),
    FEATURETTE("Featurettes"),
    BEHIND_THE_SCENES("Behind The Scenes"),
    DELETED_SCENE("Deleted Scenes"),
    INTERVIEW("Interviews"),
    SCENE("Scenes"),
    SHORT("Shorts"),
    /** An extra of no more specific kind. */
    OTHER("Extras");

    private final String folder;

    ExtraKind(String folder) {
        this.folder = folder;
    }

    /**
     * Returns the folder that Plex, Jellyfin and Kodi look in for extras of this kind, next to the
     * main content; null for NONE and SAMPLE.
     */
    String folder() {
        return folder;
    }
}
