package dev.medley.speech;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The files a transcript is written as. */
public enum OutputFormat {
    /** Readable paragraphs: a new one after a pause of two seconds or more. */
    TXT,
    /** Segments with start, end, text and words, plus engine, model, language and timings. */
    JSON,
    /** SubRip subtitles. */
    SRT,
    /** WebVTT subtitles. */
    VTT;

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double PARAGRAPH_PAUSE = 2.0;

    /** Returns the file extension, without the dot. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the format named {@code name} ({@code txt}, {@code json}, {@code srt}, {@code vtt}). */
    public static OutputFormat parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "': use txt, json, srt or vtt", e);
        }
    }

    /** Returns {@code transcript} in this format. */
    public String render(Transcript transcript) {
        return switch (this) {
            case TXT -> text(transcript);
            case JSON -> json(transcript);
            case SRT -> subtitles(Cues.of(transcript), false);
            case VTT -> subtitles(Cues.of(transcript), true);
        };
    }

    private static String text(Transcript transcript) {
        StringBuilder text = new StringBuilder();
        double lastEnd = Double.NEGATIVE_INFINITY;
        for (Segment segment : transcript.segments()) {
            String words = segment.text().strip();
            if (words.isEmpty()) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(segment.start() - lastEnd >= PARAGRAPH_PAUSE ? "\n\n" : " ");
            }
            text.append(words);
            lastEnd = segment.end();
        }
        return text.isEmpty() ? "" : text.append('\n').toString();
    }

    private static String json(Transcript transcript) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("path", transcript.path());
        root.put("engine", transcript.engine());
        root.put("model", transcript.model());
        root.put("language", transcript.language());
        root.put("audioSeconds", round(transcript.audioSeconds()));
        root.put("processingSeconds", round(transcript.processingSeconds()));
        root.put("text", transcript.text());
        List<Map<String, Object>> segments = new ArrayList<>();
        for (Segment segment : transcript.segments()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("start", round(segment.start()));
            item.put("end", round(segment.end()));
            item.put("text", segment.text().strip());
            if (!segment.words().isEmpty()) {
                item.put("words", segment.words().stream().map(word -> {
                    Map<String, Object> w = new LinkedHashMap<>();
                    w.put("start", round(word.start()));
                    w.put("end", round(word.end()));
                    w.put("word", word.text());
                    if (word.probability() != null) {
                        w.put("probability", round(word.probability()));
                    }
                    return w;
                }).toList());
            }
            segments.add(item);
        }
        root.put("segments", segments);
        try {
            return JSON_MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String subtitles(List<Cues.Cue> cues, boolean vtt) {
        StringBuilder out = new StringBuilder(vtt ? "WEBVTT\n\n" : "");
        int number = 1;
        for (Cues.Cue cue : cues) {
            out.append(number++).append('\n')
                    .append(timestamp(cue.start(), vtt)).append(" --> ").append(timestamp(cue.end(), vtt)).append('\n')
                    .append(cue.text()).append("\n\n");
        }
        return out.toString();
    }

    static String timestamp(double seconds, boolean vtt) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%s%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, vtt ? "." : ",", millis % 1000);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
