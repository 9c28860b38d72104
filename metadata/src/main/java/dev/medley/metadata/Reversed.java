package dev.medley.metadata;

/**
 * Turns back names written backwards, as some uploads are to dodge filters:
 * "50E50S.denorD" is "Droned.S05E05". A name is read backwards only when it has a reversed
 * episode marker ("50E50S", "11E-20S") and no forward one.
 */
final class Reversed {
    private Reversed() {}

    static String unreverse(String name) {
        if (mayEndBackward(name) && marker(name, 'e', 's') && !marker(name, 's', 'e')) {
            return new StringBuilder(name).reverse().toString();
        }
        return name;
    }

    /**
     * Says whether the name has a word shaped {@code <a>}digits[-]{@code <b>}digits, read left to right
     * with the letters as given: ('s','e') finds "S01E02", ('e','s') finds the digits-first "20E10S".
     */
    private static boolean marker(String s, char a, char b) {
        boolean backward = a == 'e';
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
                continue;
            }
            int j = i;
            if (!backward) {
                if (Character.toLowerCase(s.charAt(j)) != a) {
                    continue;
                }
                j++;
            }
            int k = digits(s, j);
            if (k == j || k >= n || Character.toLowerCase(s.charAt(k)) != (backward ? a : b)) {
                continue;
            }
            k++;
            if (k < n && s.charAt(k) == '-') {
                k++;
            }
            int m = digits(s, k);
            if (m == k) {
                continue;
            }
            if (!backward) {
                return true;
            }
            boolean wordEnds = m + 1 >= n || !Character.isLetterOrDigit(s.charAt(m + 1));
            if (m < n && Character.toLowerCase(s.charAt(m)) == b && wordEnds) {
                return true;
            }
        }
        return false;
    }

    /** Says cheaply whether some digit is followed by an S: no reversed marker is possible otherwise. */
    private static boolean mayEndBackward(String s) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c == 's' || c == 'S') && Character.isDigit(s.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    private static int digits(String s, int from) {
        int k = from;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }
}
