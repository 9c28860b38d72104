package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.media.sample.SampleMedia;
import dev.medley.media.sample.SampleMedia.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        description = {
            "Generates a small sample of incoming media and files it into a library with `medley process --apply`.",
            "The sample (music with tags, TV episodes, a film with subtitles, a poster, a trailer and a sample "
                    + "clip, a podcast, a duplicate, a damaged file) is made with FFmpeg in this process; the run "
                    + "scans, probes, identifies, plans and files it all into a clean library, with a report. The "
                    + "damaged file makes the exit code 1, as it should.",
            "`medley undo --last` (same --catalog) puts the sample back; run the demo again to replay."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  medley demo", "  medley demo --dir /tmp/sample --json", "  medley demo --transcribe"})
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the sample library goes (default: ~/.local/share/medley/demo).")
    Path dir;

    @Option(names = "--json", description = "JSON Lines on stdout, statistics as JSON on stderr.")
    boolean json;

    @Option(names = "--transcribe", description = "Also transcribe the speech files (loads the offline model).")
    boolean transcribe;

    @Override
    public Integer call() throws IOException {
        Path home = (dir != null ? dir : Catalog.defaultLocation().resolveSibling("demo")).toAbsolutePath();
        Path incoming = home.resolve("incoming");
        Path library = home.resolve("library");
        if (!Files.isDirectory(incoming) || isEmpty(incoming)) {
            CommandStreams.err(spec.commandLine()).println("medley: writing a sample of incoming media to " + incoming);
            Path staging = Files.createDirectories(home).resolve("incoming.partial");
            Corpus.delete(staging, CommandStreams.err(spec.commandLine()));
            writeSamples(staging);
            Corpus.delete(incoming, CommandStreams.err(spec.commandLine()));
            Files.move(staging, incoming); // All or nothing: a half-written sample never looks finished.
        }
        CommandLine process = spec.root().commandLine().getSubcommands().get("process");
        process.setOut(spec.commandLine().getOut());
        String catalog = home.resolve("catalog.db").toString();
        List<String> arguments = new ArrayList<>(List.of(incoming.toString(), "--to", library.toString(), "--apply",
                "--catalog", catalog));
        if (json) {
            arguments.add("--json");
        }
        if (transcribe) {
            arguments.add("--transcribe");
        }
        int exitCode = process.execute(arguments.toArray(String[]::new));
        if (!json) {
            CommandStreams.err(spec.commandLine()).println("medley: the library is in " + library + "; put the sample back with: medley undo --last"
                    + " --catalog " + catalog);
        }
        return exitCode;
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            return files.noneMatch(Files::isRegularFile);
        }
    }

    private static void writeSamples(Path root) throws IOException {
        Set<Format> available = SampleMedia.available();
        Map<String, Format> files = new LinkedHashMap<>();
        files.put("Music/Nina Kraft/Night Lines (2019)/01 - Blue Hour.flac", Format.FLAC);
        files.put("Music/Nina Kraft/Night Lines (2019)/02 - Slow Rain.flac", Format.FLAC);
        files.put("Music/The Low Tides/Harbour (2021)/01. Paper Boats.mp3", Format.MP3);
        files.put("Music/The Low Tides/Harbour (2021)/02. Lanterns.ogg", Format.OGG_VORBIS);
        files.put("Podcasts/Field Notes/Field Notes - Episode 12.opus", Format.OPUS);
        files.put("Podcasts/Field Notes/Field Notes - Episode 13.m4a", Format.M4A_AAC);
        files.put("TV/Harbour Lights/Season 1/Harbour.Lights.S01E01.Pilot.720p.mkv", null);
        files.put("TV/Harbour Lights/Season 1/Harbour.Lights.S01E02.The.Storm.720p.mp4", null);
        files.put("Films/The Quiet Field (2018)/The.Quiet.Field.2018.1080p.mkv", null);
        files.put("Films/The Quiet Field (2018)/Trailer.webm", null);
        files.put("Films/The Quiet Field (2018)/Sample/the.quiet.field.sample.mkv", null);
        files.put("Music/Zoë Ångström/東京 Nights (2020)/01 - Café Ünïcode.mp3", Format.MP3);
        files.put("Recordings/interview.wav", Format.WAV);
        for (Map.Entry<String, Format> entry : files.entrySet()) {
            Format format = entry.getValue() != null ? entry.getValue() : videoFormat(entry.getKey(), available);
            if (format == null || !available.contains(format)) {
                continue;
            }
            Path file = root.resolve(entry.getKey());
            Files.createDirectories(file.getParent());
            String name = file.getFileName().toString();
            SampleMedia.write(file, format, Duration.ofSeconds(3), tags(entry.getKey()));
        }
        // Sidecars travel with their media; a second copy of an episode is a duplicate, reported.
        writeIfParent(root.resolve("Films/The Quiet Field (2018)/The.Quiet.Field.2018.1080p.en.srt"),
                "1\n00:00:00,500 --> 00:00:02,500\nThe field was quiet.\n");
        writeIfParent(root.resolve("Films/The Quiet Field (2018)/poster.jpg"), "not really a poster");
        writeIfParent(root.resolve("Music/Nina Kraft/Night Lines (2019)/cover.jpg"), "not really a cover");
        Path episode = root.resolve("TV/Harbour Lights/Season 1/Harbour.Lights.S01E01.Pilot.720p.mkv");
        if (Files.exists(episode)) {
            Files.copy(episode, root.resolve("TV/Harbour Lights/Season 1/harbour lights pilot (copy).mkv"));
        }
        // Every real library has one: a download that broke off.
        Path source = root.resolve("Music/Nina Kraft/Night Lines (2019)/01 - Blue Hour.flac");
        if (Files.exists(source)) {
            byte[] bytes = Files.readAllBytes(source);
            Files.write(root.resolve("Music/Nina Kraft/Night Lines (2019)/03 - Cut Short.flac"),
                    java.util.Arrays.copyOf(bytes, 40));
        }
    }

    private static void writeIfParent(Path file, String content) throws IOException {
        if (Files.isDirectory(file.getParent())) {
            Files.writeString(file, content);
        }
    }

    private static final java.util.regex.Pattern MUSIC =
            java.util.regex.Pattern.compile("Music/([^/]+)/(.+) \\((\\d{4})\\)/(\\d+)[.]? (?:- )?(.+)\\.\\w+");

    // Tags as a tagger would have written them: music gets artist, album, year, track and title.
    private static Map<String, String> tags(String path) {
        java.util.regex.Matcher music = MUSIC.matcher(path);
        if (music.matches()) {
            return Map.of("artist", music.group(1), "album_artist", music.group(1), "album", music.group(2),
                    "date", music.group(3), "track", String.valueOf(Integer.parseInt(music.group(4))),
                    "title", music.group(5));
        }
        if (path.startsWith("Podcasts/")) {
            String name = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('.'));
            return Map.of("artist", "Field Notes", "album", "Field Notes", "title", name, "genre", "Podcast");
        }
        return Map.of();
    }

    // The first available format whose extension matches the name's.
    private static Format videoFormat(String name, Set<Format> available) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return available.stream().filter(f -> f.hasVideo() && f.extension().equals(extension)).findFirst().orElse(null);
    }
}
