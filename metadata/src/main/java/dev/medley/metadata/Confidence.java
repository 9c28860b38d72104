package dev.medley.metadata;

/**
 * Rates how sure a reading of a name is, from 0 to 1. The figures are a ranking rather than
 * measured probabilities: an explicit marker beats a convention, a file name beats a folder, and a
 * bare number that could be a title word comes last.
 */
final class Confidence {
    private Confidence() {}

    static double ofName(Field f, Draft d, boolean folder) {
        double base = switch (f) {
            case KIND -> kind(d);
            case SEASON, EPISODES -> d.strong ? 0.95 : 0.7;
            case DATE -> 0.9;
            case YEAR -> 0.9;
            case TITLE -> d.kind == MediaKind.MUSIC ? 0.75 : 0.85;
            case ARTIST, ALBUM, ALBUM_ARTIST -> 0.75;
            case TRACK, DISC -> 0.9;
            case SCREEN_SIZE, SOURCE, VIDEO_CODEC, AUDIO_CODEC -> 0.9;
            case ABSOLUTE_EPISODE -> 0.7;
            default -> 0.8;
        };
        if (d.guessed.contains(f)) {
            base -= 0.2;
        }
        if (folder) {
            base -= 0.1;
        }
        return Math.max(0.05, Math.min(1, base));
    }

    private static double kind(Draft d) {
        return switch (d.kind) {
            case EPISODE -> d.strong ? 0.95 : 0.75;
            case MOVIE -> d.informative() ? 0.85 : 0.6;
            case MUSIC -> 0.85;
            case PODCAST, LECTURE, AUDIOBOOK -> 0.8;
            case OTHER -> 0.5;
        };
    }
}
