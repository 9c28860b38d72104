package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the overall confidence to its promise on every corpus the project has: a reading at
 * {@link Confidence#SURE} or more is fully right at least 97% of the time, and most wrong readings
 * fall below it. Prints, per corpus, the share of names read at that confidence and their accuracy.
 *
 * <p>Corpora: the project's own cases by naming convention ({@code names/*.txt}), the cases of the
 * unit tests, and, when {@code ../shared} is there, Sonarr's and Radarr's fixtures.
 */
class CalibrationTest {
    private static final double MIN_ACCURACY_WHEN_SURE = 0.97;
    private static final int MIN_CASES = 30;

    /** One corpus's figures. */
    record Figures(String corpus, int cases, int right, int sure, int sureRight) {
        double accuracyWhenSure() {
            return sure == 0 ? 1 : (double) sureRight / sure;
        }

        double wrongBelowSure() {
            int wrong = cases - right;
            return wrong == 0 ? 1 : (double) (wrong - (sure - sureRight)) / wrong;
        }

        @Override
        public String toString() {
            return String.format("%-22s %4d names, %5.1f%% right; at >= %.1f: %5.1f%% of names, %6.2f%% right; "
                    + "%5.1f%% of wrong readings below", corpus, cases, 100.0 * right / cases, Confidence.SURE,
                    100.0 * sure / cases, 100 * accuracyWhenSure(), 100 * wrongBelowSure());
        }
    }

    @Test
    void readingsAtPointEightOrMoreAreRightAtLeast97PercentOfTheTimeOnEveryCorpus() throws Exception {
        Map<String, List<Boolean[]>> corpora = new LinkedHashMap<>();
        ownCases(corpora);
        sharedCorpus("sonarr", corpora);
        sharedCorpus("radarr", corpora);
        List<Figures> figures = new ArrayList<>();
        corpora.forEach((corpus, outcomes) -> figures.add(figures(corpus, outcomes)));
        figures.forEach(System.out::println);
        for (Figures f : figures) {
            if (f.sure() >= MIN_CASES) {
                assertThat(f.accuracyWhenSure()).as(f.toString()).isGreaterThanOrEqualTo(MIN_ACCURACY_WHEN_SURE);
            }
        }
    }

    private static Figures figures(String corpus, List<Boolean[]> outcomes) {
        int right = 0;
        int sure = 0;
        int sureRight = 0;
        for (Boolean[] o : outcomes) {
            right += o[0] ? 1 : 0;
            sure += o[1] ? 1 : 0;
            sureRight += o[0] && o[1] ? 1 : 0;
        }
        return new Figures(corpus, outcomes.size(), right, sure, sureRight);
    }

    // Each outcome: {fully right, read at SURE or more}.
    private static void ownCases(Map<String, List<Boolean[]>> corpora) throws IOException, URISyntaxException {
        List<Expectation> unit = new ArrayList<>();
        unit.addAll(Expectation.all(VideoNamesTest.SINGLE_EPISODES));
        unit.addAll(Expectation.all(VideoNamesTest.MULTI_EPISODES));
        corpora.put("unit tests", outcomes(unit));
        URL names = CalibrationTest.class.getResource("/names");
        if (names == null) {
            return;
        }
        List<Expectation> own = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(names.toURI()))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                own.addAll(Expectation.all(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        corpora.put("own cases", outcomes(own));
    }

    private static List<Boolean[]> outcomes(List<Expectation> cases) {
        List<Boolean[]> outcomes = new ArrayList<>();
        int shown = 0;
        for (Expectation e : cases) {
            MediaName n = MediaNames.parse(e.input());
            boolean right = e.mismatches(n).isEmpty();
            boolean sure = n.confidence() >= Confidence.SURE;
            outcomes.add(new Boolean[] {right, sure});
            if (!right && sure && shown++ < 15) {
                System.out.printf("  sure but wrong (%.2f): %s -> %s%n", n.confidence(), e.input(), e.mismatches(n));
            }
        }
        return outcomes;
    }

    private static void sharedCorpus(String corpus, Map<String, List<Boolean[]>> corpora) throws IOException {
        Path eval = Path.of(System.getProperty("medley.shared", "../shared")).resolve("corpora").resolve(corpus + ".jsonl");
        if (!Files.isRegularFile(eval)) {
            return;
        }
        List<Boolean[]> outcomes = new ArrayList<>();
        for (CorpusAccuracyTest.Case c : CorpusAccuracyTest.read(eval)) {
            MediaName n = MediaNames.parse(c.input());
            boolean right = CorpusAccuracyTest.allRight(c, n);
            boolean sure = n.confidence() >= Confidence.SURE;
            outcomes.add(new Boolean[] {right, sure});
            if (!right && sure) {
                System.out.printf("  sure but wrong (%.2f): %s -> %s%n", n.confidence(), c.input(), MediaJson.toJson(n));
            }
        }
        corpora.put(corpus, outcomes);
    }
}
