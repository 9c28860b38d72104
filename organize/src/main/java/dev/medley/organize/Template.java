package dev.medley.organize;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Holds a naming template such as {@code {show}/Season {season:00}/{show} - S{season:00}E{episode:00}}
 * and renders it into a relative path below the library root.
 *
 * <p>Fields stand in braces, with an optional format after a colon: {@code {track:00}} pads a number
 * with zeros to two digits, {@code {title:title}} gives capitals to a value written all in lower
 * case ("the wire" becomes "The Wire"), and {@code {date:yyyy}} writes a date by a pattern of
 * {@code y}, {@code M} and {@code d} ("Season {date:yyyy}"). Literal text stands between fields,
 * and '/' separates folder levels. Values are substituted one folder level
 * at a time and each level goes through {@link SafeNames#segment}, so a value can never add a level
 * or leave the library: "AC/DC" becomes "AC-DC", and "../../etc" becomes "..-..-etc".
 *
 * <h2>Empty fields vanish with their punctuation</h2>
 * When a field has no value, the brackets, dashes and spaces around it go too, the way media
 * managers do it: {@code {album} ({year})} without a year gives "Album", and
 * {@code {show} - S{season:00}E{episode:00} - {episodeTitle}} without a title gives "Show - S01E02".
 * A level left empty is dropped from the path.
 */
public final class Template {
    /** Names the fields a template may use, in the order error messages list them. */
    public static final Set<String> FIELDS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "show", "season", "episode", "episodeTitle", "absolute", "absoluteEpisode", "date", "title", "year",
            "edition", "part", "artist", "albumArtist", "album", "track", "disc", "course", "book", "author",
            "screenSize", "source", "videoCodec", "audioCodec", "releaseGroup", "language", "extra",
            "originalName")));
    /** Names the fields that name things, which {@link #render(Function, boolean)} may give capitals. */
    static final Set<String> NAMES = Set.of("show", "episodeTitle", "title", "edition", "artist", "albumArtist",
            "album", "course", "book", "author");

    /**
     * Holds a rendered template.
     *
     * @param path the relative path without file extension, levels joined with '/'
     * @param missing the fields the template uses that had no value, in the order they appear
     */
    public record Rendering(String path, Set<String> missing) {
        /** Checks the path and freezes the missing fields. */
        public Rendering {
            Objects.requireNonNull(path, "path");
            missing = Collections.unmodifiableSet(new LinkedHashSet<>(missing));
        }
    }

    private sealed interface Piece permits Text, Field {}

    private record Text(String text) implements Piece {}

    /**
     * A field and its format.
     *
     * @param width the digits a number is padded to, 0 for none
     * @param titleCase whether a value written all in lower case is given capitals
     * @param datePattern how a date is written, or null for yyyy-MM-dd
     */
    private record Field(String name, int width, boolean titleCase, DateTimeFormatter datePattern) implements Piece {}

    // Stands for a filled-in value while the punctuation around empty fields is tidied, so that
    // brackets and dashes inside values are left alone. Templates cannot contain control characters.
    private static final char VALUE = '\u0000';
    private static final String SEPARATORS = " -._";
    private static final Pattern EMPTY_BRACKETS =
            Pattern.compile("\\s*(?:\\([\\s._-]*\\)|\\[[\\s._-]*]|\\{[\\s._-]*})");
    private static final Pattern DASHES = Pattern.compile("(\\s*)-(?:\\s*-)+(\\s*)");
    private static final Pattern REPEATS = Pattern.compile("([ ._])\\1+");

    private final String text;
    private final List<List<Piece>> levels;

    private Template(String text, List<List<Piece>> levels) {
        this.text = text;
        this.levels = levels;
    }

    /**
     * Returns the template that {@code text} spells.
     *
     * @throws IllegalArgumentException if the text is empty or absolute, names an unknown field,
     *     has an unbalanced brace, a format other than zeros, an empty level, a "." or ".." level, a
     *     backslash or a control character; the message names the problem and its column
     * @throws NullPointerException if {@code text} is null
     */
    public static Template parse(String text) {
        return parse(text, 0);
    }

    /** Returns the template that {@code text} spells, counting columns from {@code offset} + 1. */
    static Template parse(String text, int offset) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty template");
        }
        if (text.charAt(0) == '/') {
            throw problem("absolute path", offset, 0, "; templates name a path below the library root");
        }
        List<List<Piece>> levels = new ArrayList<>();
        List<Piece> level = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int levelStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                int close = text.indexOf('}', i + 1);
                int open = text.indexOf('{', i + 1);
                if (close < 0 || (open >= 0 && open < close)) {
                    throw problem("unclosed {", offset, i, "");
                }
                flush(literal, level);
                level.add(field(text.substring(i + 1, close), offset, i + 1));
                i = close;
            } else if (c == '}') {
                throw problem("unmatched }", offset, i, "");
            } else if (c == '/') {
                flush(literal, level);
                levels.add(checkLevel(level, text, offset, levelStart, i));
                level = new ArrayList<>();
                levelStart = i + 1;
            } else if (c == '\\') {
                throw problem("backslash", offset, i, "; use / between folders");
            } else if (Character.isISOControl(c)) {
                throw problem(String.format("control character U+%04X", (int) c), offset, i, "");
            } else {
                literal.append(c);
            }
        }
        flush(literal, level);
        levels.add(checkLevel(level, text, offset, levelStart, text.length()));
        return new Template(text, List.copyOf(levels));
    }

    /**
     * Returns this template filled in with {@code values}, which maps each field name to its
     * value or to null. Numbers are padded as the template asks; a list of numbers (the episodes
     * of a multi-episode file) is joined with "-E"; a date is written yyyy-MM-dd; anything else is
     * written with {@code toString()}, trimmed.
     *
     * <p>The path has at least one level, no empty, "." or ".." level, no leading '/', and no level
     * longer than {@value SafeNames#MAX_BYTES} bytes. When every level is empty it is "_", and every
     * field the template uses is reported missing.
     *
     * @throws NullPointerException if {@code values} is null
     */
    public Rendering render(Function<String, Object> values) {
        return render(values, false);
    }

    /**
     * Returns this template filled in as {@link #render(Function)} does, and when {@code titleCase}
     * holds, with capitals given to every value of a field that names things (show, title, artist,
     * album, ...) that is written all in lower case, as if each had the format {@code :title}.
     */
    public Rendering render(Function<String, Object> values, boolean titleCase) {
        Objects.requireNonNull(values, "values");
        Set<String> missing = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (List<Piece> level : levels) {
            StringBuilder masked = new StringBuilder();
            List<String> filled = new ArrayList<>();
            boolean anyEmpty = false;
            for (Piece piece : level) {
                switch (piece) {
                    case Text t -> masked.append(t.text());
                    case Field f -> {
                        String value = format(values.apply(f.name()), f);
                        if (f.titleCase() || (titleCase && NAMES.contains(f.name()))) {
                            value = TitleCase.of(value);
                        }
                        if (value.isBlank()) {
                            missing.add(f.name());
                            anyEmpty = true;
                        } else {
                            masked.append(VALUE);
                            filled.add(value);
                        }
                    }
                }
            }
            String name = strip(unmask(anyEmpty ? tidy(masked.toString()) : masked.toString(), filled));
            if (!name.isEmpty()) {
                names.add(SafeNames.segment(name));
            }
        }
        if (names.isEmpty()) {
            return new Rendering("_", fields());
        }
        return new Rendering(String.join("/", names), missing);
    }

    /** Returns the fields this template uses, in the order they first appear. */
    Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        for (List<Piece> level : levels) {
            for (Piece piece : level) {
                if (piece instanceof Field f) {
                    fields.add(f.name());
                }
            }
        }
        return fields;
    }

    /** Returns true when {@code other} is a template with the same text. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Template t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Returns the text the template was parsed from. */
    @Override
    public String toString() {
        return text;
    }

    private static void flush(StringBuilder literal, List<Piece> level) {
        if (!literal.isEmpty()) {
            level.add(new Text(literal.toString()));
            literal.setLength(0);
        }
    }

    private static Field field(String body, int offset, int start) {
        int colon = body.indexOf(':');
        String name = colon < 0 ? body : body.substring(0, colon);
        if (name.isEmpty()) {
            throw problem("empty field {" + body + "}", offset, start - 1, "; fields: " + String.join(", ", FIELDS));
        }
        if (!FIELDS.contains(name)) {
            throw problem("unknown field {" + name + "}", offset, start, "; fields: " + String.join(", ", FIELDS));
        }
        if (colon < 0) {
            return new Field(name, 0, false, null);
        }
        String format = body.substring(colon + 1);
        if (!format.isEmpty() && format.chars().allMatch(ch -> ch == '0')) {
            return new Field(name, format.length(), false, null);
        }
        if (format.equals("title")) {
            return new Field(name, 0, true, null);
        }
        if (name.equals("date") && isDatePattern(format)) {
            return new Field(name, 0, false, DateTimeFormatter.ofPattern(format, Locale.ROOT));
        }
        throw problem("bad format {" + body + "}", offset, start + colon + 1,
                "; formats: zeros to pad a number ({track:00}), title for capitals ({title:title}), and for {date} "
                        + "a pattern of y, M and d ({date:yyyy})");
    }

    /**
     * Says whether a format is a date pattern of numbers: years (yy, yyyy), months and days (M, MM, d, dd),
     * with spaces, dashes, dots or underscores between. Month names are left out: they differ by language.
     */
    private static boolean isDatePattern(String format) {
        boolean letter = false;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            int run = 1;
            while (i + run < format.length() && format.charAt(i + run) == c) {
                run++;
            }
            boolean ok = switch (c) {
                case 'y' -> run == 2 || run == 4;
                case 'M', 'd' -> run <= 2;
                case ' ', '-', '.', '_' -> true;
                default -> false;
            };
            if (!ok) {
                return false;
            }
            letter |= c == 'y' || c == 'M' || c == 'd';
            i += run;
        }
        return letter;
    }

    private static List<Piece> checkLevel(List<Piece> level, String text, int offset, int start, int end) {
        boolean literalOnly = level.stream().allMatch(p -> p instanceof Text);
        String literal = text.substring(start, end).strip();
        if (literalOnly && literal.isEmpty()) {
            throw problem("empty folder level", offset, start, "; two '/' in a row or a '/' at the end");
        }
        if (literalOnly && (literal.equals(".") || literal.equals(".."))) {
            throw problem("folder level \"" + literal + "\"", offset, start, "; templates stay below the library root");
        }
        return List.copyOf(level);
    }

    private static IllegalArgumentException problem(String what, int offset, int index, String hint) {
        return new IllegalArgumentException(what + " at column " + (offset + index + 1) + hint);
    }

    private static String format(Object value, Field field) {
        int width = field.width();
        return switch (value) {
            case null -> "";
            case Integer i -> pad(i, width);
            case Long l -> pad(l, width);
            case Short s -> pad(s, width);
            case Byte b -> pad(b, width);
            case LocalDate d -> field.datePattern() == null ? d.toString() : field.datePattern().format(d);
            case List<?> list -> {
                List<String> parts = new ArrayList<>();
                for (Object element : list) {
                    String part = format(element, field);
                    if (!part.isBlank()) {
                        parts.add(part);
                    }
                }
                yield String.join("-E", parts);
            }
            case String s when !s.isEmpty() && s.chars().allMatch(ch -> ch >= '0' && ch <= '9') -> pad(s, width);
            default -> String.valueOf(value.toString()).strip();
        };
    }

    private static String pad(long number, int width) {
        String digits = Long.toString(number);
        return number < 0 ? "-" + pad(digits.substring(1), width) : pad(digits, width);
    }

    private static String pad(String digits, int width) {
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** Removes the punctuation that empty fields leave behind: "()", " - - ", "--", double spaces. */
    private static String tidy(String masked) {
        String s = masked;
        for (String before = null; !s.equals(before); ) {
            before = s;
            s = EMPTY_BRACKETS.matcher(s).replaceAll("");
        }
        s = DASHES.matcher(s).replaceAll(m -> m.group(1).isEmpty() && m.group(2).isEmpty() ? "-" : " - ");
        return REPEATS.matcher(s).replaceAll("$1");
    }

    private static String unmask(String masked, List<String> filled) {
        StringBuilder out = new StringBuilder(masked.length());
        int next = 0;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == VALUE) {
                out.append(filled.get(next++));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Strips separators and whitespace from both ends. */
    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSeparator(s.charAt(start))) {
            start++;
        }
        while (end > start && isSeparator(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSeparator(char c) {
        return SEPARATORS.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
