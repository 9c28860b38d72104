package dev.medley.metadata;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Finds air dates: 2014.01.15, 2014 01 15, 20140115, 15.01.2014, 01.15.2014, 2012.16.02 (year,
 * day, month), 140115 (weak: only a date where nothing else explains it) and "15th Jan 2014".
 */
final class DateMarkers {
    private DateMarkers() {}

    /** Returns the date that starts at token {@code i}, or null. */
    static Marker at(Tokens t, int i) {
        Token a = t.get(i);
        if (a.digits) {
            if (a.length() == 8) {
                LocalDate d = date(a.value / 10000, a.value / 100 % 100, a.value % 100);
                return d == null ? null : marker(i, i + 1, d, false);
            }
            Token b = t.at(i + 1);
            Token c = t.at(i + 2);
            if (b != null && c != null && b.isNumber(1, 2) && sameSeparator(t, i + 1, i + 2)) {
                if (a.isYear() && c.isNumber(1, 2)) {
                    LocalDate d = date(a.value, b.value, c.value);
                    if (d == null) {
                        d = date(a.value, c.value, b.value);
                    }
                    return d == null ? null : marker(i, i + 3, d, false);
                }
                if (a.isNumber(1, 2) && c.isYear()) {
                    LocalDate d = a.value <= 12 ? date(c.value, a.value, b.value) : null;
                    if (d == null) {
                        d = date(c.value, b.value, a.value);
                    }
                    return d == null ? null : marker(i, i + 3, d, false);
                }
            }
            if (a.length() == 6 && !compactPair(a.value)) {
                LocalDate d = date(2000 + a.value / 10000, a.value / 100 % 100, a.value % 100);
                return d == null ? null : marker(i, i + 1, d, true);
            }
            if (a.isNumber(1, 2)) {
                return named(t, i, a.value);
            }
            return null;
        }
        int day = ordinal(a.lower);
        return day > 0 ? named(t, i, day) : null;
    }

    /** Reads "March 15 2024", "March 15, 2024", "Mar 15th 2024" from the month at {@code i}, or null. */
    static Marker monthFirst(Tokens t, int i) {
        int month = Vocabulary.month(t.lower(i));
        Token d = t.at(i + 1);
        Token y = t.at(i + 2);
        if (month == 0 || d == null || y == null || !y.isYear() || t.gapLength(i + 1) > 2 || t.gapLength(i + 2) > 3) {
            return null;
        }
        int day = d.isNumber(1, 2) ? d.value : ordinal(d.lower);
        LocalDate date = day > 0 ? date(y.value, month, day) : null;
        return date == null ? null : marker(i, i + 3, date, false);
    }

    /** Says whether six digits read as a season and two following episodes ("010910"). */
    private static boolean compactPair(int v) {
        int first = v / 100 % 100;
        return first >= 1 && v % 100 == first + 1;
    }

    /** Reads "15 January 2014" or "15th Jan 2014" from the day at {@code i}. */
    private static Marker named(Tokens t, int i, int day) {
        Token m = t.at(i + 1);
        Token y = t.at(i + 2);
        if (m == null || y == null || !y.isYear()) {
            return null;
        }
        int month = Vocabulary.month(m.lower);
        LocalDate d = month == 0 ? null : date(y.value, month, day);
        return d == null ? null : marker(i, i + 3, d, false);
    }

    /** Returns the day of "1st", "22nd", "23rd", "5th", or 0. */
    private static int ordinal(String w) {
        int len = w.length();
        if (len < 3 || len > 4) {
            return 0;
        }
        String suffix = w.substring(len - 2);
        if (!suffix.equals("st") && !suffix.equals("nd") && !suffix.equals("rd") && !suffix.equals("th")) {
            return 0;
        }
        int day = 0;
        for (int k = 0; k < len - 2; k++) {
            int d = Character.digit(w.charAt(k), 10);
            if (d < 0) {
                return 0;
            }
            day = day * 10 + d;
        }
        return day >= 1 && day <= 31 ? day : 0;
    }

    /** Says whether the two gaps before {@code i} and {@code j} are the same single separator. */
    private static boolean sameSeparator(Tokens t, int i, int j) {
        if (t.gapEnd(i) - t.gapStart(i) != 1 || t.gapEnd(j) - t.gapStart(j) != 1) {
            return false;
        }
        char a = t.source.charAt(t.gapStart(i));
        char b = t.source.charAt(t.gapStart(j));
        return a == b && (a == '.' || a == ' ' || a == '-' || a == '_');
    }

    private static Marker marker(int first, int end, LocalDate date, boolean weak) {
        Marker m = new Marker(Marker.Type.DATE, first, end);
        m.date = date;
        m.weak = weak;
        return m;
    }

    /** Returns the date, or null when it does not exist or lies outside 1900-2099. */
    static LocalDate date(int year, int month, int day) {
        if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
