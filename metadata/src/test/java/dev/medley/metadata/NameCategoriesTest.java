package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Scores the parser on the team's own name corpus: one file of cases per category under
 * {@code names/} (test resources), each line {@code input => kind; field=value; ...} as in
 * {@link Expectation}, {@code #} lines are comments. Prints a report (per category: right/total and
 * the first failures; then the whole corpus) to stdout and to {@code target/name-categories.txt}
 * ({@code -Dmedley.names.failures=N} shows N failures a category instead of 5).
 * One test per category checks that its file is well formed, holds at least {@value #MIN_CASES}
 * cases, and that the share of cases right is at least the category's floor in
 * {@code names/floors.properties} (0 when absent). Raise a floor when the parser improves.
 */
class NameCategoriesTest {
    static final int MIN_CASES = 30;
    /** Failures shown per category; {@code -Dmedley.names.failures=1000} shows them all. */
    private static final int FAILURES_SHOWN = Integer.getInteger("medley.names.failures", 5);
    private static final Set<String> KINDS = Set.of("episode", "movie", "music", "other", "podcast", "lecture",
            "audiobook");
    private static final Set<String> NUMBERS = Set.of("year", "season", "absolute", "part", "track", "disc");

    /** One category's file, read and scored. */
    record Category(String name, int total, int right, List<String> malformed, List<String> failures) {
        double accuracy() {
            return total == 0 ? 0 : (double) right / total;
        }
    }

    private static Path dir;
    private static Properties floors;
    private static final Map<String, Category> CATEGORIES = new LinkedHashMap<>();

    @BeforeAll
    static void scoreEveryCategory() throws IOException, URISyntaxException {
        URL floorsUrl = NameCategoriesTest.class.getResource("/names/floors.properties");
        assertThat(floorsUrl).as("names/floors.properties on the test class path").isNotNull();
        dir = Path.of(floorsUrl.toURI()).getParent();
        floors = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("floors.properties"), StandardCharsets.UTF_8)) {
            floors.load(r);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
            CATEGORIES.put(name, score(name, Files.readAllLines(file, StandardCharsets.UTF_8)));
        }
        String report = report();
        System.out.print(report);
        Files.writeString(Path.of("target", "name-categories.txt"), report, StandardCharsets.UTF_8);
    }

    private static Category score(String name, List<String> lines) {
        int total = 0;
        int right = 0;
        List<String> malformed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String problem = problem(line);
            if (problem != null) {
                malformed.add(String.format("line %d: %s: %s", i + 1, problem, line));
                continue;
            }
            Expectation e = Expectation.of(line);
            MediaName n = MediaNames.parse(e.input());
            List<String> wrong = e.mismatches(n);
            total++;
            if (wrong.isEmpty()) {
                right++;
            } else {
                failures.add(String.format("    %s%n      %s", e.input(), String.join("; ", wrong)));
            }
        }
        return new Category(name, total, right, malformed, failures);
    }

    /** Returns what is wrong with a case line, or null when it is well formed. */
    static String problem(String line) {
        int arrow = line.lastIndexOf(" => ");
        if (arrow < 0) {
            return "no ' => '";
        }
        if (line.substring(0, arrow).isBlank()) {
            return "no input";
        }
        String[] parts = line.substring(arrow + 4).split("; ");
        if (!KINDS.contains(parts[0].strip())) {
            return "unknown kind '" + parts[0].strip() + "'";
        }
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                return "not field=value: '" + p + "'";
            }
            String field = p.substring(0, eq).strip();
            String value = p.substring(eq + 1).strip();
            if (!Expectation.FIELDS.contains(field)) {
                return "unknown field '" + field + "'";
            }
            if (!seen.add(field)) {
                return "field '" + field + "' twice";
            }
            if (value.equals("-")) {
                continue;
            }
            if (NUMBERS.contains(field) && !value.matches("\\d+")) {
                return field + " is not a number: '" + value + "'";
            }
            if (field.equals("episode") && !value.matches("\\d+(,\\d+)*")) {
                return "episode is not a list of numbers: '" + value + "'";
            }
            if (field.equals("date")) {
                try {
                    LocalDate.parse(value);
                } catch (DateTimeParseException ex) {
                    return "date is not YYYY-MM-DD: '" + value + "'";
                }
            }
        }
        return null;
    }

    private static String report() {
        StringBuilder b = new StringBuilder("name categories (right / cases, floor):\n");
        int total = 0;
        int right = 0;
        for (Category c : CATEGORIES.values()) {
            total += c.total();
            right += c.right();
            b.append(String.format("  %s: %d/%d (%.1f%%), floor %.2f%n", c.name(), c.right(), c.total(),
                    100 * c.accuracy(), floor(c.name())));
            c.malformed().forEach(m -> b.append("    MALFORMED ").append(m).append('\n'));
            c.failures().stream().limit(FAILURES_SHOWN).forEach(f -> b.append(f).append('\n'));
            if (c.failures().size() > FAILURES_SHOWN) {
                b.append(String.format("    ... and %d more%n", c.failures().size() - FAILURES_SHOWN));
            }
        }
        b.append(String.format("  overall: %d/%d (%.1f%%)%n", right, total, total == 0 ? 0.0 : 100.0 * right / total));
        return b.toString();
    }

    private static double floor(String category) {
        return Double.parseDouble(floors.getProperty(category, "0"));
    }

    @TestFactory
    Stream<DynamicTest> everyCategoryHoldsItsFloor() {
        return CATEGORIES.values().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            assertThat(c.malformed()).as("malformed lines in names/%s.txt", c.name()).isEmpty();
            assertThat(c.total()).as("cases in names/%s.txt", c.name()).isGreaterThanOrEqualTo(MIN_CASES);
            assertThat(c.accuracy())
                    .as("%s: %d/%d right, below its floor (see target/name-categories.txt)", c.name(), c.right(),
                            c.total())
                    .isGreaterThanOrEqualTo(floor(c.name()));
        }));
    }

    @Test
    void malformedLinesAreTold() {
        assertThat(problem("Show.S01E01.mkv => episode; title=Show; season=1; episode=1,2; date=-")).isNull();
        assertThat(problem("Show.S01E01.mkv -> episode")).contains("' => '");
        assertThat(problem("Show.S01E01.mkv => film; title=Show")).contains("unknown kind");
        assertThat(problem("Show.S01E01.mkv => episode; titel=Show")).contains("unknown field");
        assertThat(problem("Show.S01E01.mkv => episode; title")).contains("field=value");
        assertThat(problem("Show.S01E01.mkv => episode; season=one")).contains("not a number");
        assertThat(problem("Show.S01E01.mkv => episode; episode=1-3")).contains("list of numbers");
        assertThat(problem("Show.2024.02.30.mkv => episode; date=2024-02-30")).contains("YYYY-MM-DD");
        assertThat(problem("Show.S01E01.mkv => episode; season=1; season=2")).contains("twice");
    }

    @Test
    void floorsNameCategoriesAndFractions() {
        for (String key : floors.stringPropertyNames()) {
            assertThat(CATEGORIES).as("floors.properties names a category file: %s", key).containsKey(key);
            assertThat(floor(key)).as("floor of %s", key).isBetween(0.0, 1.0);
        }
        assertThat(CATEGORIES).as("category files in %s", dir).isNotEmpty();
    }
}
