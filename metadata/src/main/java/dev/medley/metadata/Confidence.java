package dev.medley.metadata;

/**
 * Rates how sure a reading of a name is, from 0 to 1.
 *
 * <p>Per field ({@link #ofName}) the figures rank evidence: an explicit marker beats a convention, a
 * file name beats a folder, and a bare number that could be a title word comes last.
 *
 * <p>For the reading as a whole ({@link #overall}) the figure is calibrated: on every corpus the
 * project has (its own cases by naming convention, Sonarr's and Radarr's fixtures), a reading at 0.8
 * or more is fully right at least 97% of the time, and most wrong readings fall below 0.8.
 * {@code CalibrationTest} measures it. The 0.8 line is what sends a name to a second opinion (an
 * LLM). The rating starts from how the kind was decided and how much the name carries, and is
 * lowered by each sign that a reading may have gone wrong: a title that still holds what looks like
 * numbering or release words, a field that is a guess, a field taken from a folder.
 */
final class Confidence {
    /** The line at and above which a reading is taken as right. */
    static final double SURE = 0.8;

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

    /** Returns how sure the reading of the whole name is: see the class comment. */
    static double overall(Draft d) {
        boolean tech = d.technical > 0;
        double c = switch (d.kind) {
            // Explicit numbering is surest; an anime-style number ("[Grp] Title - 07") next; a bare
            // number read as a compact or padded episode ("Show.103.HDTV", "Show.07.HDTV") last.
            case EPISODE -> d.strong ? 0.95 : d.absoluteEpisode != null ? (tech ? 0.88 : 0.85) : tech ? 0.82 : 0.62;
            case MOVIE -> d.year != null ? (tech ? 0.94 : 0.86) : tech ? 0.72 : 0.45;
            case MUSIC -> d.title != null && (d.artist != null || d.album != null) ? 0.86 : d.title != null ? 0.6 : 0.4;
            // Spoken audio is told from music by cues (folders, words, tags): surer with its numbering.
            case PODCAST, LECTURE, AUDIOBOOK -> d.title == null ? 0.4
                    : d.episodes.length > 0 || d.track != null || d.date != null || d.part != null ? 0.86 : 0.7;
            case OTHER -> d.title == null ? 0 : 0.3;
        };
        if (d.fromTags.contains(Field.TITLE) && d.fromTags.contains(Field.KIND)) {
            c = Math.max(c, 0.9);
        }
        c *= titleDoubt(d);
        boolean guessedNumbering = d.strong && d.guessed.contains(Field.EPISODES);
        if (d.guessed.contains(Field.SEASON) || d.guessed.contains(Field.YEAR) || guessedNumbering) {
            c *= 0.85;
        }
        if (d.fromFolder.contains(Field.TITLE) && !d.fromTags.contains(Field.TITLE)) {
            c *= 0.95;
        }
        return Math.round(Math.max(0, Math.min(0.99, c)) * 1000) / 1000.0;
    }

    private static boolean digits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Returns 1 for a title that looks whole and clean, less for each sign that it is not. */
    private static double titleDoubt(Draft d) {
        String title = d.title;
        if (title == null || title.isBlank()) {
            return d.kind == MediaKind.OTHER ? 1 : 0.4;
        }
        double doubt = 1;
        // Words, and the last one, without a regular expression: this runs for every name.
        int words = 0;
        int lastStart = -1;
        int lastEnd = -1;
        boolean inWord = false;
        for (int i = 0; i < title.length(); i++) {
            char ch = title.charAt(i);
            boolean separator = ch == ' ' || ch == '.' || ch == '_' || ch == '\t' || ch == '\u00a0';
            if (!separator && !inWord) {
                words++;
                lastStart = i;
            }
            if (!separator) {
                lastEnd = i + 1;
            }
            inWord = !separator;
        }
        if (words == 0) {
            return 0.5; // Punctuation only.
        }
        boolean lastIsNumber = digits(title, lastStart, lastEnd);
        boolean unanchored = d.kind == MediaKind.OTHER || (d.kind == MediaKind.MOVIE && d.year == null);
        if (unanchored && lastIsNumber && words > 1) {
            doubt *= 0.8; // "Show 12", "Fight Night 212": numbering left in the title, or part of it
        }
        char first = title.charAt(lastStart);
        if (d.kind == MediaKind.EPISODE && !d.strong && words > 1 && lastEnd - lastStart >= 2
                && (first == 'S' || first == 's') && digits(title, lastStart + 1, lastEnd)) {
            doubt *= 0.85; // "Title S2 - 05": the season kept in the title, as trackers name it; others read it apart
        }
        if (title.length() <= 2 && !digits(title, 0, title.length())) {
            doubt *= 0.75;
        }
        if (words > 10) {
            doubt *= 0.8; // release junk or an episode title run into the title
        }
        for (int i = 0; i < title.length(); i++) {
            char ch = title.charAt(i);
            if (ch == '[' || ch == ']' || ch == '{' || ch == '}' || ch == '\u3010' || ch == '\u3011') {
                doubt *= 0.7;
                break;
            }
        }
        return doubt;
    }
}
