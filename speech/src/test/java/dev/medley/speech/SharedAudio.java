package dev.medley.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The team's real recordings in {@code ../shared/audio}, with their reference transcripts, when present. */
final class SharedAudio {
    private SharedAudio() {}

    static Path directory() {
        return Path.of(System.getProperty("medley.shared", "../../shared")).resolve("audio");
    }

    static boolean present() {
        return Files.isRegularFile(directory().resolve("references.tsv"));
    }

    /** Returns each clip's file and reference text, in a stable order. */
    static Map<Path, String> clips() throws IOException {
        Map<String, String> references = new LinkedHashMap<>();
        for (String line : Files.readAllLines(directory().resolve("references.tsv"))) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                references.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        Map<Path, String> clips = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(directory())) {
            files.filter(f -> f.toString().endsWith(".wav") || f.toString().endsWith(".flac")).sorted().forEach(f -> {
                String name = f.getFileName().toString();
                String stem = name.substring(0, name.lastIndexOf('.'));
                if (references.containsKey(stem)) {
                    clips.put(f, references.get(stem));
                }
            });
        }
        return clips;
    }
}
