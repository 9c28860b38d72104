package dev.medley.metadata;

import java.time.LocalDate;

/**
 * Holds one piece of episode numbering found in a name: where it sits (tokens {@code first} to
 * {@code end - 1}) and what it says.
 */
final class Marker {
    /** Lists the shapes of numbering, strongest first. */
    enum Type {
        /** S01E02, 1x02, Season 1 Episode 2, Cap.102: a season and episodes. */
        SEASON_EPISODE,
        /** E02, Ep 2, Episode 2, #2, 第2话: episodes without a season. */
        EPISODE,
        /** 2014.01.15, 15th Jan 2014: an air date. */
        DATE,
        /** S01, Season 1: a whole season. */
        SEASON,
        /** S01-S04, Season 1-4: several seasons. */
        SEASONS,
        /** 全24集, OVA, NCOP: an episode of some kind without a usable number. */
        SPECIAL,
        /** Part 2, Part.Two, CD1: a part, read as an episode only for TV. */
        PART
    }

    final Type type;
    final int first;
    int end;
    int season = -1;
    int[] episodes = EMPTY;
    LocalDate date;
    /** Says whether the season is a convention ("E07-E08" means season 1), not written. */
    boolean impliedSeason;
    /** Says whether the reading is a guess that only counts where nothing else explains the name (140115). */
    boolean weak;
    /** Holds the N of "of N" after a range: "S1E1-8 of 8" is the whole season. */
    int total = -1;

    static final int[] EMPTY = new int[0];

    Marker(Type type, int first, int end) {
        this.type = type;
        this.first = first;
        this.end = end;
    }

    @Override
    public String toString() {
        return type + "[" + first + "," + end + ") s=" + season + " e=" + java.util.Arrays.toString(episodes)
                + (date == null ? "" : " d=" + date);
    }
}
