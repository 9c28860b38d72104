package dev.medley.metadata;

import java.util.Locale;
import java.util.Map;

/**
 * Reads what a file's tags and length say of whether it is spoken: its genre, the {@code podcast}
 * and {@code media_type} tags FFmpeg reads from MPEG-4 files (iTunes' "pcst" and "stik" atoms), and
 * hours of audio in an author/book layout, which only audiobooks have.
 */
final class SpokenCues {
    /** Holds the length above which a single file read as music is taken for a book: longer than albums and mixes. */
    static final double BOOK_SECONDS = 3 * 3600;

    // iTunes' media kinds ("stik"): 2 audiobook, 21 podcast, 23 iTunes U (lectures).
    private static final int STIK_AUDIOBOOK = 2;
    private static final int STIK_PODCAST = 21;
    private static final int STIK_ITUNES_U = 23;

    private SpokenCues() {}

    /**
     * Returns the spoken kind the tags or the length speak for, or null.
     *
     * @param tags the tags, keys in lower case
     * @param d what the name and folders say
     * @param durationSeconds how long the file plays, or null
     */
    static MediaKind kind(Map<String, String> tags, Draft d, Double durationSeconds) {
        Integer stik = Identify.number(tags.get("media_type"));
        if (stik != null && stik == STIK_AUDIOBOOK) {
            return MediaKind.AUDIOBOOK;
        }
        if (stik != null && stik == STIK_PODCAST) {
            return MediaKind.PODCAST;
        }
        if (stik != null && stik == STIK_ITUNES_U) {
            return MediaKind.LECTURE;
        }
        String podcast = tags.get("podcast");
        if (podcast != null && (podcast.strip().equals("1") || podcast.strip().equalsIgnoreCase("true"))) {
            return MediaKind.PODCAST;
        }
        String genre = tags.getOrDefault("genre", "").toLowerCase(Locale.ROOT);
        if (genre.contains("podcast")) {
            return MediaKind.PODCAST;
        }
        if (genre.contains("audiobook") || genre.contains("audio book") || genre.contains("h\u00f6rbuch")
                || genre.contains("audiolibro")) {
            return MediaKind.AUDIOBOOK;
        }
        if (genre.contains("lecture")) {
            return MediaKind.LECTURE;
        }
        if (genre.contains("speech") || genre.contains("spoken")) {
            // "Spoken Word": mostly books, talks and poetry; a film or an episode stays what its name says.
            boolean audio = d.kind == MediaKind.MUSIC || d.kind == MediaKind.OTHER;
            return d.kind.spoken() ? d.kind : audio ? MediaKind.AUDIOBOOK : null;
        }
        // A title, and someone or something it belongs to: "Author/Book.mp3", "Author - Book.mp3", artist and album tags.
        boolean bookLayout = (d.title != null || tags.containsKey("album"))
                && (d.artist != null || d.albumArtist != null || d.album != null || tags.containsKey("artist"));
        if (durationSeconds != null && durationSeconds >= BOOK_SECONDS && d.kind == MediaKind.MUSIC && bookLayout) {
            return MediaKind.AUDIOBOOK;
        }
        return null;
    }
}
