package dev.medley.metadata;

/** Reads the number a file name starts with: "05 - Title", "01. Title", "1 Pilot", "921". */
final class LeadingNumber {
    private LeadingNumber() {}

    /** Returns {number, index where the rest starts after separators}, or null when the name does not start so. */
    static int[] read(String name) {
        int i = 0;
        int v = 0;
        while (i < name.length() && i < 4 && Character.isDigit(name.charAt(i))) {
            v = v * 10 + Character.digit(name.charAt(i), 10);
            i++;
        }
        if (i == 0 || (i < name.length() && Character.isDigit(name.charAt(i)))) {
            return null;
        }
        int j = i;
        while (j < name.length() && " .-_)\u2013".indexOf(name.charAt(j)) >= 0) {
            j++;
        }
        if (j == i && j < name.length()) {
            return null;
        }
        return new int[] {v, j};
    }

    /** Reads "11-02 Title" (season 11, episode 2) at the start of a name: {season, episode}, or null. */
    static int[] seasonEpisode(String name) {
        if (name.length() < 6 || !Character.isDigit(name.charAt(0)) || !Character.isDigit(name.charAt(1))
                || name.charAt(2) != '-' || !Character.isDigit(name.charAt(3)) || !Character.isDigit(name.charAt(4))
                || name.charAt(5) != ' ') {
            return null;
        }
        int season = (name.charAt(0) - '0') * 10 + name.charAt(1) - '0';
        int episode = (name.charAt(3) - '0') * 10 + name.charAt(4) - '0';
        return season >= 1 && episode >= 1 ? new int[] {season, episode} : null;
    }
}
