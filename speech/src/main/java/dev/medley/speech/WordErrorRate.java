package dev.medley.speech;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Scores a transcript against a reference: word error rate on lower-cased words with punctuation
 * stripped, the usual way speech recognisers are compared.
 */
public final class WordErrorRate {
    private WordErrorRate() {}

    /** Returns the words of {@code text} as scored: lower case, punctuation removed (apostrophes kept). */
    public static List<String> words(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}' ]+", " ");
        return Arrays.stream(normal.split("\\s+")).filter(w -> !w.isBlank()).toList();
    }

    /** Returns the word-level edit distance between the two texts' words. */
    public static int errors(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[hyp.size()];
    }

    /** Returns errors divided by reference words (0 for an empty reference and hypothesis). */
    public static double of(String reference, String hypothesis) {
        int words = words(reference).size();
        int errors = errors(reference, hypothesis);
        return words == 0 ? (errors == 0 ? 0 : 1) : errors / (double) words;
    }
}
