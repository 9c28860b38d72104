package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the shared evaluation corpora (Sonarr's and Radarr's parser fixtures) through the parser,
 * writes the predictions to {@code target/corpus/}, scores them with the corpora's own
 * {@code score.py} when python3 is there (with the same rules in Java otherwise), prints every
 * figure and the remaining failures by category, and holds the accuracy targets. Skips when
 * {@code ../shared} is absent; the corpora are read in place, never copied.
 */
class CorpusAccuracyTest {
    private static final List<String> FIELDS = List.of("type", "title", "season", "episode", "year");
    private static final double FIELD_TARGET = 0.95;
    private static final double TYPE_TARGET = 0.97;

    record Case(String input, Map<String, Object> expected, String src) {}

    @Test
    void sonarrCorpusMeetsTheTargets() throws Exception {
        check("sonarr");
    }

    @Test
    void radarrCorpusMeetsTheTargets() throws Exception {
        check("radarr");
    }

    private static void check(String corpus) throws Exception {
        Path shared = Path.of(System.getProperty("medley.shared", "../shared"));
        Path eval = shared.resolve("corpora").resolve(corpus + ".jsonl");
        assumeTrue(Files.isRegularFile(eval), "no corpus at " + eval.toAbsolutePath());
        List<Case> cases = read(eval);
        Path out = Path.of("target", "corpus");
        Files.createDirectories(out);
        Path pred = out.resolve(corpus + ".pred.jsonl");
        List<String> lines = new ArrayList<>(cases.size());
        Map<String, MediaName> parsed = new LinkedHashMap<>();
        for (Case c : cases) {
            MediaName n = MediaNames.parse(c.input());
            parsed.put(c.input(), n);
            lines.add(MediaJson.toJson(n));
        }
        Files.write(pred, lines, StandardCharsets.UTF_8);

        Map<String, Double> accuracy = ScorePy.run(eval, pred, out.resolve(corpus + ".score.json"));
        Map<String, Double> javaAccuracy = score(cases, parsed, corpus);
        if (accuracy == null) {
            System.out.println("[" + corpus + "] python3 or score.py not available: scored in Java");
            accuracy = javaAccuracy;
        }
        for (Map.Entry<String, Double> e : accuracy.entrySet()) {
            double target = e.getKey().equals("type") ? TYPE_TARGET : FIELD_TARGET;
            assertThat(e.getValue()).as("%s accuracy of %s on %s", e.getKey(), corpus, pred).isGreaterThanOrEqualTo(target);
        }
    }

    /** Scores as score.py does, prints the figures and the failures grouped by fixture, and returns the accuracies. */
    private static Map<String, Double> score(List<Case> cases, Map<String, MediaName> parsed, String corpus) {
        Map<String, int[]> tally = new LinkedHashMap<>();
        Map<String, List<String>> failures = new TreeMap<>();
        int allRight = 0;
        for (Case c : cases) {
            MediaName n = parsed.get(c.input());
            List<String> wrong = new ArrayList<>();
            for (String f : FIELDS) {
                if (!c.expected().containsKey(f)) {
                    continue;
                }
                int[] t = tally.computeIfAbsent(f, k -> new int[2]);
                t[1]++;
                if (right(f, c.expected().get(f), n)) {
                    t[0]++;
                } else {
                    wrong.add(f);
                }
            }
            if (wrong.isEmpty()) {
                allRight++;
            } else {
                String category = c.src().substring(c.src().indexOf('/') + 1);
                failures.computeIfAbsent(category, k -> new ArrayList<>()).add(String.format(
                        "      %-60s wrong %s%n        expected %s%n        got      %s", c.input(), wrong, c.expected(),
                        MediaJson.toJson(n)));
            }
        }
        Map<String, Double> accuracy = new LinkedHashMap<>();
        StringBuilder b = new StringBuilder();
        b.append(String.format("[%s] %d cases, all asserted fields right: %d (%.2f%%)%n", corpus, cases.size(), allRight,
                100.0 * allRight / cases.size()));
        for (Map.Entry<String, int[]> e : tally.entrySet()) {
            int[] t = e.getValue();
            accuracy.put(e.getKey(), (double) t[0] / t[1]);
            b.append(String.format("  %-8s %4d / %4d = %6.2f%%%n", e.getKey(), t[0], t[1], 100.0 * t[0] / t[1]));
        }
        b.append(String.format("  remaining failures by category (%d):%n",
                failures.values().stream().mapToInt(List::size).sum()));
        failures.forEach((category, list) -> {
            b.append(String.format("    %s: %d%n", category, list.size()));
            list.forEach(line -> b.append(line).append('\n'));
        });
        System.out.print(b);
        return accuracy;
    }

    /** Says whether every field the case asserts is right, as score.py judges. */
    static boolean allRight(Case c, MediaName n) {
        for (String f : FIELDS) {
            if (c.expected().containsKey(f) && !right(f, c.expected().get(f), n)) {
                return false;
            }
        }
        return true;
    }

    private static boolean right(String field, Object expected, MediaName n) {
        return switch (field) {
            case "type" -> n.kind().key().equals(expected);
            case "title" -> java.util.Objects.equals(normaliseTitle(expected == null ? null : (String) expected),
                    normaliseTitle(n.title()));
            case "season" -> numbers(expected).equals(numbers(n.season()));
            case "episode" -> numbers(expected).equals(n.episodes().stream().map(Long::valueOf).sorted().toList());
            case "year" -> numbers(expected).equals(numbers(n.year()));
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** Normalises as score.py does: NFKC, case folded, runs of non-letters and non-digits to one space. */
    static String normaliseTitle(String s) {
        if (s == null) {
            return null;
        }
        String folded = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder();
        boolean gap = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                if (gap && b.length() > 0) {
                    b.append(' ');
                }
                gap = false;
                b.appendCodePoint(cp);
            } else {
                gap = true;
            }
            i += Character.charCount(cp);
        }
        return b.isEmpty() ? null : b.toString();
    }

    private static List<Long> numbers(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(x -> ((Number) x).longValue()).sorted().toList();
        }
        return List.of(((Number) v).longValue());
    }

    @SuppressWarnings("unchecked")
    static List<Case> read(Path eval) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(eval, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> row = MiniJson.object(line);
            cases.add(new Case((String) row.get("input"), (Map<String, Object>) row.get("expected"),
                    String.valueOf(row.getOrDefault("src", "-"))));
        }
        return cases;
    }

    /** Runs the corpora's score.py, printing its report, and returns the accuracies it found; null when it cannot run. */
    static final class ScorePy {
        private ScorePy() {}

        static Map<String, Double> run(Path eval, Path pred, Path summary) throws InterruptedException {
            Path script = eval.resolveSibling("score.py");
            if (!Files.isRegularFile(script)) {
                return null;
            }
            ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), eval.toString(), pred.toString(),
                    "--failures", "40", "--json", summary.toString()).redirectErrorStream(true);
            try {
                Process p = pb.start();
                String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    System.out.println("score.py failed:\n" + report);
                    return null;
                }
                System.out.println("score.py " + eval.getFileName() + ":\n" + report);
                Map<String, Object> res = MiniJson.object(Files.readString(summary, StandardCharsets.UTF_8));
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> fields = (Map<String, Map<String, Object>>) (Object) res.get("fields");
                Map<String, Double> out = new LinkedHashMap<>();
                fields.forEach((f, d) -> {
                    if (d.get("accuracy") != null) {
                        out.put(f, ((Number) d.get("accuracy")).doubleValue());
                    }
                });
                return out;
            } catch (IOException e) {
                return null;
            }
        }
    }
}
