package dev.medley.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads one test case written as {@code input => kind; field=value; field=value} and checks a parse
 * against it. Fields end at "; ", so a value may hold a bare ";" ("Steins;Gate"). Only the fields
 * listed are checked; {@code field=-} means the field must be absent.
 * {@code episode=1,2} lists episodes; {@code group} is the release group.
 */
record Expectation(String input, Map<String, String> fields) {

    /** The fields a case may list, besides its kind. */
    static final Set<String> FIELDS = Set.of("title", "year", "season", "episode", "absolute", "date", "episodeTitle",
            "part", "extra", "edition", "screenSize", "source", "videoCodec", "audioCodec", "group", "language",
            "subtitle", "artist", "albumArtist", "album", "track", "disc", "featuring", "version");

    static Expectation of(String line) {
        int arrow = line.lastIndexOf(" => ");
        if (arrow < 0) {
            throw new IllegalArgumentException("no ' => ' in " + line);
        }
        String input = line.substring(0, arrow).strip();
        Map<String, String> fields = new LinkedHashMap<>();
        String[] parts = line.substring(arrow + 4).split("; ");
        fields.put("kind", parts[0].strip());
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            fields.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
        }
        return new Expectation(input, fields);
    }

    /** Returns the cases of a text block, one a line; blank lines and lines starting with # are skipped. */
    static List<Expectation> all(String block) {
        List<Expectation> out = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                out.add(of(line));
            }
        }
        return out;
    }

    void check() {
        MediaName n = MediaNames.parse(input);
        String json = MediaJson.toJson(n);
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String want = e.getValue().equals("-") ? null : e.getValue();
            assertThat(actual(n, e.getKey())).as("%s of %s%n  got %s", e.getKey(), input, json).isEqualTo(want);
        }
    }

    /**
     * Returns one line for every listed field that {@code n} gets wrong ("title: wanted X, got Y",
     * "-" for absent); empty when all are right.
     */
    List<String> mismatches(MediaName n) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String want = e.getValue().equals("-") ? null : e.getValue();
            String got = actual(n, e.getKey());
            if (!Objects.equals(want, got)) {
                out.add(e.getKey() + ": wanted " + (want == null ? "-" : want) + ", got " + (got == null ? "-" : got));
            }
        }
        return out;
    }

    private static String actual(MediaName n, String field) {
        Object v = switch (field) {
            case "kind" -> n.kind().key();
            case "title" -> n.title();
            case "year" -> n.year();
            case "season" -> n.season();
            case "episode" -> n.episodes().isEmpty() ? null : String.join(",", n.episodes().stream().map(String::valueOf).toList());
            case "absolute" -> n.absoluteEpisode();
            case "date" -> n.date();
            case "episodeTitle" -> n.episodeTitle();
            case "part" -> n.part();
            case "extra" -> n.extra();
            case "edition" -> n.edition();
            case "screenSize" -> n.screenSize();
            case "source" -> n.source();
            case "videoCodec" -> n.videoCodec();
            case "audioCodec" -> n.audioCodec();
            case "group" -> n.releaseGroup();
            case "language" -> n.language();
            case "subtitle" -> n.subtitleLanguage();
            case "artist" -> n.artist();
            case "albumArtist" -> n.albumArtist();
            case "album" -> n.album();
            case "track" -> n.track();
            case "disc" -> n.disc();
            case "featuring" -> n.featuring();
            case "version" -> n.version();
            case "sideFile" -> n.sideFile();
            default -> throw new IllegalArgumentException("unknown field " + field);
        };
        return v == null ? null : v.toString();
    }

    @Override
    public String toString() {
        return input;
    }
}
