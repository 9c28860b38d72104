package dev.medley.metadata;

/**
 * Reads the shapes of single tokens that carry numbering: "s01e02e03", "e07", "ep12", "1x02x03",
 * "season4", "5of9". Each method returns null when the token has another shape, and numbers are
 * capped so that a long digit run never overflows.
 */
final class Shapes {
    private Shapes() {}

    /** Reads "s01e02", "s1e2e3", "s01ep01", "s06e01b", "s02e01v2": {season, episode, ...}. */
    static int[] seasonEpisode(String w) {
        if (w.length() < 4 || w.charAt(0) != 's') {
            return null;
        }
        int[] pos = {1};
        int season = digits(w, pos, 4);
        if (season < 0 || pos[0] >= w.length() || w.charAt(pos[0]) != 'e') {
            return null;
        }
        int[] episodes = episodes(w, pos[0]);
        if (episodes == null) {
            return null;
        }
        int[] out = new int[episodes.length + 1];
        out[0] = season;
        System.arraycopy(episodes, 0, out, 1, episodes.length);
        return out;
    }

    /** Reads "e07", "ep12", "e1e3", "e09v2", "ep01b" from the start: the episodes, or null. */
    static int[] episodes(String w) {
        return w.isEmpty() || w.charAt(0) != 'e' ? null : episodes(w, 0);
    }

    private static int[] episodes(String w, int from) {
        int[] out = new int[4];
        int count = 0;
        int[] pos = {from};
        while (pos[0] < w.length() && w.charAt(pos[0]) == 'e') {
            pos[0]++;
            if (pos[0] < w.length() && w.charAt(pos[0]) == 'p') {
                pos[0]++;
            }
            int e = digits(w, pos, 5);
            if (e < 0) {
                return null;
            }
            if (count == out.length) {
                return null;
            }
            out[count++] = e;
        }
        if (count == 0 || !suffix(w, pos[0])) {
            return null;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** Reads "1x02", "2x04x05", "2010x15", and "x03" when {@code bare}: {season or -1, episode, ...}. */
    static int[] crossed(String w, boolean bare) {
        int[] pos = {0};
        int season = -1;
        if (!bare) {
            season = digits(w, pos, 4);
            if (season < 0) {
                return null;
            }
        }
        int[] out = new int[5];
        out[0] = season;
        int count = 1;
        while (pos[0] < w.length() && w.charAt(pos[0]) == 'x') {
            pos[0]++;
            int e = digits(w, pos, 3);
            if (e < 0 || count == out.length) {
                return null;
            }
            out[count++] = e;
        }
        if (count == 1 || !suffix(w, pos[0])) {
            return null;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** Reads "s01", "s2014", "season4", "saison3", "stagione2", "temporada1": the season, or -1. */
    static int season(String w) {
        int skip;
        if (w.startsWith("s") && w.length() >= 2 && Character.isDigit(w.charAt(1))) {
            skip = 1;
        } else {
            skip = -1;
            for (String word : SEASON_WORDS) {
                if (w.startsWith(word) && w.length() > word.length() && Character.isDigit(w.charAt(word.length()))) {
                    skip = word.length();
                    break;
                }
            }
            if (skip < 0) {
                return -1;
            }
        }
        int[] pos = {skip};
        int s = digits(w, pos, 4);
        return s >= 0 && pos[0] == w.length() ? s : -1;
    }

    static final String[] SEASON_WORDS = {"season", "saison", "stagione", "temporada", "staffel", "seizoen", "sezon"};

    /** Says whether {@code w} is a word for "seasons", plural: a pack of several. */
    static boolean isSeasonsWord(String w) {
        return switch (w) {
            case "seasons", "saisons", "stagioni", "temporadas", "staffeln", "seizoenen" -> true;
            default -> false;
        };
    }

    /** Returns the number of an ordinal written with digits ("2nd", "3rd", "1st", "4th") or as a word up to ten, or -1. */
    static int ordinal(String w) {
        int i = 0;
        int v = 0;
        while (i < w.length() && i < 3 && Character.isDigit(w.charAt(i))) {
            v = v * 10 + (w.charAt(i) - '0');
            i++;
        }
        if (i > 0) {
            String suffix = w.substring(i);
            return v > 0 && (suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd") || suffix.equals("th")) ? v : -1;
        }
        return switch (w) {
            case "first" -> 1;
            case "second" -> 2;
            case "third" -> 3;
            case "fourth" -> 4;
            case "fifth" -> 5;
            case "sixth" -> 6;
            case "seventh" -> 7;
            case "eighth" -> 8;
            case "ninth" -> 9;
            case "tenth" -> 10;
            default -> -1;
        };
    }

    /** Says whether {@code w} is a word for "season" in one of the languages releases use. */
    static boolean isSeasonWord(String w) {
        for (String word : SEASON_WORDS) {
            if (word.equals(w)) {
                return true;
            }
        }
        return false;
    }

    /** Says whether {@code w} is a word for "episode" that a number follows. */
    static boolean isEpisodeWord(String w) {
        return switch (w) {
            case "episode", "episodes", "episodio", "episodios", "\u00e9pisode", "ep", "eps", "folge", "afl",
                    "aflevering", "capitulo", "cap\u00edtulo", "odcinek", "epizod", "epis\u00f3dio" -> true;
            default -> false;
        };
    }

    /** Reads "5of9": {5, 9}, or null. */
    static int[] partOf(String w) {
        int[] pos = {0};
        int a = digits(w, pos, 3);
        if (a < 0 || !w.startsWith("of", pos[0])) {
            return null;
        }
        pos[0] += 2;
        int b = digits(w, pos, 3);
        return b > 0 && pos[0] == w.length() && a <= b ? new int[] {a, b} : null;
    }

    /** Reads "part2", "pt3", "cd1", "disc2": the number, or -1. */
    private static final String[] PART_WORDS = {"part", "pt", "cd", "disc", "disk"};

    static int partNumber(String w) {
        for (String word : PART_WORDS) {
            if (w.startsWith(word) && w.length() > word.length() && w.length() <= word.length() + 2) {
                int[] pos = {word.length()};
                int n = digits(w, pos, 2);
                return n >= 0 && pos[0] == w.length() ? n : -1;
            }
        }
        return -1;
    }

    /** Returns the number an English word names, "one" to "ten", or -1. */
    static int wordNumber(String w) {
        return switch (w) {
            case "one", "i" -> 1;
            case "two", "ii" -> 2;
            case "three", "iii" -> 3;
            case "four", "iv" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            case "seven" -> 7;
            case "eight" -> 8;
            case "nine" -> 9;
            case "ten" -> 10;
            default -> -1;
        };
    }

    /** Reads 1 to {@code max} digits at {@code pos[0]}, moving it on; returns -1 when there are none or too many. */
    static int digits(String w, int[] pos, int max) {
        int i = pos[0];
        int v = 0;
        int count = 0;
        while (i < w.length()) {
            char c = w.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c < 0x80 ? -1 : Character.digit(c, 10);
            if (d < 0) {
                break;
            }
            if (++count > max) {
                return -1;
            }
            v = v * 10 + d;
            i++;
        }
        if (count == 0) {
            return -1;
        }
        pos[0] = i;
        return v;
    }

    /** Accepts nothing, one letter a-d ("e01b"), or a version "v2" after the numbers. */
    private static boolean suffix(String w, int at) {
        int left = w.length() - at;
        if (left == 0) {
            return true;
        }
        char c = w.charAt(at);
        if (left == 1) {
            return c >= 'a' && c <= 'd';
        }
        if (c == 'v') {
            for (int k = at + 1; k < w.length(); k++) {
                if (!Character.isDigit(w.charAt(k))) {
                    return false;
                }
            }
            return left <= 3;
        }
        return false;
    }
}
