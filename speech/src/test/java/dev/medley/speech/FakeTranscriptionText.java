package dev.medley.speech;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Holds what {@link FakeTranscriptionServer} hears in audio of a given length: "window of N.NN
 * seconds" over the first half and "end of window" over the second, written in each response format.
 */
record FakeTranscriptionText(double seconds, String language, List<Line> lines) {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Line(double start, double end, String text) {}

    /** Returns what is heard in {@code seconds} of audio spoken in {@code language} (an ISO code; null for English). */
    static FakeTranscriptionText of(double seconds, String language) {
        String said = String.format(Locale.ROOT, "window of %.2f seconds", seconds);
        return new FakeTranscriptionText(seconds, language == null ? "english"
                : Locale.of(language).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT),
                List.of(new Line(0, seconds / 2, said), new Line(seconds / 2, seconds, "end of window")));
    }

    String text() {
        return String.join(" ", lines.stream().map(Line::text).toList());
    }

    /** Returns the {@code verbose_json} answer; {@code sparse} leaves out all the spec does not require. */
    String verboseJson(boolean withSegments, boolean withWords, boolean sparse) {
        ObjectNode root = JSON.createObjectNode();
        if (!sparse) {
            root.put("task", "transcribe").put("language", language).put("duration", seconds);
        }
        root.put("text", text());
        if (withWords && !sparse) {
            ArrayNode words = root.putArray("words");
            for (Line line : lines) {
                String[] tokens = line.text().split(" ");
                double step = (line.end() - line.start()) / tokens.length;
                for (int i = 0; i < tokens.length; i++) {
                    words.addObject().put("word", tokens[i])
                            .put("start", line.start() + i * step).put("end", line.start() + (i + 1) * step);
                }
            }
        }
        if (withSegments) {
            ArrayNode segments = root.putArray("segments");
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                ObjectNode s = segments.addObject();
                s.put("start", line.start()).put("end", line.end()).put("text", " " + line.text());
                if (!sparse) {
                    s.put("id", i).put("seek", 0);
                    s.putArray("tokens").add(50364).add(440).add(50530);
                    s.put("temperature", 0.0).put("avg_logprob", -0.25).put("compression_ratio", 1.2)
                            .put("no_speech_prob", 0.01);
                }
            }
        }
        if (!sparse) {
            root.putObject("usage").put("type", "duration").put("seconds", (int) Math.ceil(seconds));
        }
        return root.toString();
    }

    /** Returns the {@code srt} or {@code vtt} answer. */
    String subtitles(String format) {
        StringBuilder out = new StringBuilder(format.equals("vtt") ? "WEBVTT\n\n" : "");
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String separator = format.equals("vtt") ? "." : ",";
            out.append(format.equals("srt") ? (i + 1) + "\n" : "")
                    .append(time(line.start(), separator)).append(" --> ").append(time(line.end(), separator))
                    .append('\n').append(line.text()).append("\n\n");
        }
        return out.toString();
    }

    private static String time(double seconds, String separator) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%s%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, separator, millis % 1000);
    }
}
