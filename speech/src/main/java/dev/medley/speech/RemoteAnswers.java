package dev.medley.speech;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what a transcription server answers: {@code verbose_json} transcripts and OpenAI-style
 * error bodies.
 *
 * <p>Servers that leave out {@code words}, {@code segments}, {@code language} or {@code duration},
 * or add fields of their own, are read as far as they go. A body that is not a JSON object, that
 * has neither {@code segments} nor {@code text}, or a segment or word without numeric times, is
 * malformed: the window it answers fails.
 */
final class RemoteAnswers {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final int MAX_MESSAGE = 300;

    private RemoteAnswers() {}

    /**
     * Returns the transcript in a {@code verbose_json} body, with times relative to {@code window}.
     *
     * @param assumedLanguage the language asked for, reported when the server names none; null for none
     * @throws RemoteException when the body is malformed or truncated
     */
    static WindowTranscript transcript(AudioWindow window, byte[] body, String assumedLanguage)
            throws RemoteException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new RemoteException("malformed JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new RemoteException("expected a JSON object, got " + preview(body));
        }
        List<Segment.Word> words = words(root.get("words"));
        List<Segment> segments = segments(root, window, words);
        String language = isoCode(root.path("language").asText(null));
        return new WindowTranscript(window.id(), segments, language != null ? language : isoCode(assumedLanguage));
    }

    /** Returns the server's own words about a failure: OpenAI's {@code error.message}, else the body's start. */
    static String errorMessage(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject()) {
                for (JsonNode message : List.of(root.path("error").path("message"), root.path("error"),
                        root.path("message"), root.path("detail"))) {
                    if (message.isTextual() && !message.asText().isBlank()) {
                        return shorten(message.asText().strip());
                    }
                }
            }
        } catch (IOException e) {
            // Not JSON: the text itself is the best message there is.
        }
        return shorten(new String(body, StandardCharsets.UTF_8).strip());
    }

    private static List<Segment> segments(JsonNode root, AudioWindow window, List<Segment.Word> words)
            throws RemoteException {
        List<Span> spans = new ArrayList<>();
        JsonNode segments = root.get("segments");
        if (segments != null && !segments.isNull()) {
            if (!segments.isArray()) {
                throw new RemoteException("'segments' is not an array");
            }
            for (int i = 0; i < segments.size(); i++) {
                JsonNode s = segments.get(i);
                double start = time(s, "start", "segment " + i);
                double end = time(s, "end", "segment " + i);
                spans.add(new Span(start, Math.max(start, end), s.path("text").asText("").strip()));
            }
        }
        if (spans.isEmpty()) {
            // Without segments the text is the answer: a body without it says nothing, not silence.
            if (!root.path("text").isTextual()) {
                throw new RemoteException("the answer has no 'text' and no 'segments'");
            }
            String text = root.get("text").asText().strip();
            double duration = root.path("duration").isNumber() ? root.get("duration").asDouble() : window.durationSeconds();
            spans.add(new Span(0, Math.max(0, duration), text));
        }
        spans.sort(Comparator.comparingDouble(Span::start));
        List<List<Segment.Word>> wordsBySpan = attach(words, spans);
        List<Segment> result = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            if (!span.text().isEmpty()) {
                result.add(new Segment(span.start(), span.end(), span.text(), List.copyOf(wordsBySpan.get(i))));
            }
        }
        return List.copyOf(result);
    }

    // Each word goes to the segment holding its middle, else to the nearest one, so that none is lost.
    private static List<List<Segment.Word>> attach(List<Segment.Word> words, List<Span> spans) {
        List<List<Segment.Word>> bySpan = new ArrayList<>();
        spans.forEach(s -> bySpan.add(new ArrayList<>()));
        for (Segment.Word word : words) {
            double middle = (word.start() + word.end()) / 2;
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int i = 0; i < spans.size(); i++) {
                Span span = spans.get(i);
                double distance = middle < span.start() ? span.start() - middle : Math.max(0, middle - span.end());
                if (distance < bestDistance) {
                    best = i;
                    bestDistance = distance;
                }
            }
            if (best >= 0) {
                bySpan.get(best).add(word);
            }
        }
        return bySpan;
    }

    private static List<Segment.Word> words(JsonNode words) throws RemoteException {
        if (words == null || words.isNull()) {
            return List.of();
        }
        if (!words.isArray()) {
            throw new RemoteException("'words' is not an array");
        }
        List<Segment.Word> result = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            JsonNode w = words.get(i);
            double start = time(w, "start", "word " + i);
            double end = time(w, "end", "word " + i);
            String text = w.path("word").asText("").strip();
            Double probability = w.path("probability").isNumber() ? w.get("probability").asDouble() : null;
            if (!text.isEmpty()) {
                result.add(new Segment.Word(start, Math.max(start, end), text, probability));
            }
        }
        result.sort(Comparator.comparingDouble(Segment.Word::start));
        return result;
    }

    private static double time(JsonNode node, String field, String where) throws RemoteException {
        JsonNode value = node.path(field);
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new RemoteException(where + " has no numeric '" + field + "'");
        }
        return Math.max(0, value.asDouble());
    }

    /** Returns the ISO 639-1 code for a code or an English language name ("english", as Whisper says), or null. */
    static String isoCode(String language) {
        if (language == null || language.isBlank() || language.equalsIgnoreCase("auto")) {
            return null;
        }
        String key = language.strip().toLowerCase(Locale.ROOT);
        if (key.length() == 2) {
            return key;
        }
        return Languages.BY_NAME.get(key);
    }

    private static String preview(byte[] body) {
        return body.length == 0 ? "an empty body" : "'" + shorten(new String(body, StandardCharsets.UTF_8).strip()) + "'";
    }

    private static String shorten(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private record Span(double start, double end, String text) {}

    // Built on first use: most runs never meet a language name.
    private static final class Languages {
        static final Map<String, String> BY_NAME = byName();

        private static Map<String, String> byName() {
            Map<String, String> names = new HashMap<>();
            for (String code : Locale.getISOLanguages()) {
                String name = Locale.of(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals(code)) {
                    names.putIfAbsent(name, code);
                }
            }
            return Map.copyOf(names);
        }
    }
}
