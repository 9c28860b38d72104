package dev.medley.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Says what OpenAI's OpenAPI description allows in a {@code CreateTranscriptionRequest}: its
 * fields, which are arrays (sent as {@code name[]}), which are required, and the values of
 * {@code response_format} and {@code timestamp_granularities}.
 *
 * <p>{@link #current()} reads them from {@code shared/specs/openai-openapi.yaml} when that file is
 * at hand, by a plain line scan of the two schemas (no YAML library is on the classpath), and
 * otherwise uses {@link #SNAPSHOT}, copied from the spec of 2026-08-21.
 */
record RemoteApiSpec(Set<String> fields, Set<String> arrays, Set<String> required, Set<String> responseFormats,
        Set<String> granularities) {

    static final RemoteApiSpec SNAPSHOT = new RemoteApiSpec(
            Set.of("file", "model", "language", "languages", "keywords", "prompt", "response_format", "temperature",
                    "include", "timestamp_granularities", "stream", "chunking_strategy", "known_speaker_names",
                    "known_speaker_references"),
            Set.of("languages", "keywords", "include", "timestamp_granularities", "known_speaker_names",
                    "known_speaker_references"),
            Set.of("file", "model"),
            Set.of("json", "text", "srt", "verbose_json", "vtt", "diarized_json"),
            Set.of("word", "segment"));

    /** Returns the spec file, found through {@code -Dmedley.shared} or above the working directory. */
    static Optional<Path> file() {
        List<Path> candidates = new ArrayList<>();
        String shared = System.getProperty("medley.shared");
        if (shared != null) {
            candidates.add(Path.of(shared, "specs", "openai-openapi.yaml"));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("shared/specs/openai-openapi.yaml"));
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** Returns the spec as read from its file, or the snapshot when the file is not at hand. */
    static RemoteApiSpec current() {
        return file().map(RemoteApiSpec::read).orElse(SNAPSHOT);
    }

    static RemoteApiSpec read(Path yaml) {
        try {
            return parse(Files.readAllLines(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the spec in the lines of an OpenAPI file laid out as OpenAI's is (two-space indents). */
    static RemoteApiSpec parse(List<String> lines) {
        List<String> request = block(lines, "    CreateTranscriptionRequest:");
        Set<String> fields = new LinkedHashSet<>();
        Set<String> arrays = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        Set<String> granularities = new LinkedHashSet<>();
        String section = "";
        String field = null;
        for (int i = 0; i < request.size(); i++) {
            String line = request.get(i);
            int indent = indent(line);
            String text = line.strip();
            if (indent == 6) {
                section = text;
            } else if (section.equals("properties:") && indent == 8 && text.endsWith(":")) {
                field = text.substring(0, text.length() - 1);
                fields.add(field);
            } else if (section.equals("properties:") && indent == 10 && text.equals("type: array")) {
                arrays.add(field);
            } else if (section.equals("properties:") && "timestamp_granularities".equals(field) && text.equals("enum:")) {
                granularities.addAll(items(request, i));
            } else if (section.equals("required:") && indent == 8 && text.startsWith("- ")) {
                required.add(text.substring(2).strip());
            }
        }
        List<String> format = block(lines, "    AudioResponseFormat:");
        Set<String> formats = new LinkedHashSet<>(items(format, format.indexOf("      enum:")));
        return new RemoteApiSpec(Set.copyOf(fields), Set.copyOf(arrays), Set.copyOf(required), Set.copyOf(formats),
                Set.copyOf(granularities));
    }

    // The lines under a four-space schema header, up to the next schema.
    private static List<String> block(List<String> lines, String header) {
        int start = lines.indexOf(header);
        if (start < 0) {
            throw new IllegalArgumentException("no schema " + header.strip() + " in the spec");
        }
        int end = start + 1;
        while (end < lines.size() && (lines.get(end).isBlank() || indent(lines.get(end)) > 4)) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    // The "- value" lines right under the "enum:" line at index at.
    private static List<String> items(List<String> lines, int at) {
        List<String> items = new ArrayList<>();
        int enumIndent = indent(lines.get(at));
        for (int i = at + 1; i < lines.size() && indent(lines.get(i)) > enumIndent; i++) {
            String text = lines.get(i).strip();
            if (text.startsWith("- ")) {
                items.add(text.substring(2).strip());
            }
        }
        return items;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
