package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.media.sample.SampleMedia;
import dev.medley.metadata.Identify;
import dev.medley.organize.Mode;
import dev.medley.organize.OnConflict;
import dev.medley.organize.Planner;
import dev.medley.organize.Templates;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "organize",
        description = {
            "Times `medley organize` dry runs on generated libraries of real (tiny) media.",
            "The libraries hold TV episodes with subtitles, films and music. First a library a quarter the size, then the full one, each with a "
                    + "fresh catalog (probing included) and again with the catalog warm (planning alone).",
            "Each run is made twice: once timed, once with the live heap sampled (a class histogram every "
                    + "100 ms), whose peak should not grow with the library. Run with MEDLEY_JAVA_OPTS=-Xmx256m."
        },
        sortOptions = false)
final class BenchOrganizeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--files", paramLabel = "N", defaultValue = "10000",
            description = "Media files in the full library (default: ${DEFAULT-VALUE}); one episode in five has subtitles.")
    int files;

    @Option(names = "--film-folders", paramLabel = "N", defaultValue = "1",
            description = "Spread the films over N folders (default: ${DEFAULT-VALUE}: one \"Films\" folder with a "
                    + "folder per film, as most libraries have). A walk holds the sorted listing of each folder it is "
                    + "in, so the widest folder is the one thing whose size shows in memory; spreading it takes that out.")
    int filmFolders;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "2", description = "Probing workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Corpus.tempDir("medley-bench-organize");
        try {
            Path seed = work.resolve("seed.mp3");
            SampleMedia.write(seed, SampleMedia.Format.MP3, Duration.ofMillis(500), Map.of());
            byte[] media = Files.readAllBytes(seed);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("files", files);
            figures.put("filmFolders", filmFolders);
            figures.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
            figures.put("quarter", run(work.resolve("quarter"), files / 4, media));
            figures.put("full", run(work.resolve("full"), files, media));
            if (json) {
                out.println(Jobs.JSON.writeValueAsString(figures));
            } else {
                out.printf(Locale.ROOT, "media files: %d (and %d subtitles), max heap: %d MiB%n", files, subtitles(files),
                        figures.get("maxHeapMiB"));
                out.println("quarter library" + text(figures.get("quarter")));
                out.println("full library" + text(figures.get("full")));
            }
            out.flush();
            return 0;
        } finally {
            Corpus.delete(work, CommandStreams.err(spec.commandLine()));
        }
    }

    private Map<String, Object> run(Path root, int count, byte[] media) throws IOException {
        Path incoming = root.resolve("incoming");
        CommandStreams.err(spec.commandLine()).printf(Locale.ROOT, "creating %d media files in %s ...%n", count, incoming);
        generate(incoming, count, filmFolders, media);
        Map<String, Object> figures = new LinkedHashMap<>();
        Planner.Options options = new Planner.Options(Files.createDirectories(root.resolve("library")),
                List.of(incoming), Mode.MOVE, false, OnConflict.SKIP, Templates.DEFAULT);
        // Two catalogs, so that the sampled runs meet the same cold and warm states as the timed ones.
        try (Catalog timedCatalog = Catalog.open(root.resolve("timed.db"));
                Catalog sampledCatalog = Catalog.open(root.resolve("sampled.db"))) {
            Dry timed = () -> OrganizeCommand.plan(timedCatalog, options, Identify.DEFAULT, quietOptions(), nowhere(), nowhereStream());
            Dry sampled = () -> OrganizeCommand.plan(sampledCatalog, options, Identify.DEFAULT, quietOptions(), nowhere(), nowhereStream());
            figures.put("coldDryRun", measure(timed, sampled));
            figures.put("warmDryRun", measure(timed, sampled));
        }
        return figures;
    }

    // Names as they come from release groups, rippers and taggers: episodes, films, tracks. The content is the
    // same short MP3 stream for all, which probes read whatever the extension says; the extension says what the
    // name is of (an .mp3 named like an episode is a podcast's).
    private static void generate(Path incoming, int count, int filmFolders, byte[] media) throws IOException {
        for (int i = 0; i < count; i++) {
            Path file = switch (i % 3) {
                case 0 -> incoming.resolve("TV/Show %03d/Season %d/Show.%03d.S%02dE%02d.Episode.Title.720p.WEB-DL.mkv"
                        .formatted(i / 600, 1 + i / 60 % 10, i / 600, 1 + i / 60 % 10, 1 + i / 3 % 20));
                case 1 -> incoming.resolve((filmFolders > 1 ? "Films/" + i % filmFolders : "Films")
                        + "/Film Number %d (%d)/Film.Number.%d.%d.1080p.BluRay.x264.mkv".formatted(i, 1950 + i % 70, i, 1950 + i % 70));
                default -> incoming.resolve("Music/Artist %03d/Album %04d (%d)/%02d - Track %d.mp3"
                        .formatted(i / 900, i / 12, 1960 + i % 60, 1 + i / 3 % 12, i));
            };
            Files.createDirectories(file.getParent());
            // Unique content, and sizes that differ as real files' do (a few share one, as ever).
            byte[] unique = java.util.Arrays.copyOf(media, media.length + 8 + i % 4093);
            java.nio.ByteBuffer.wrap(unique, media.length, 8).putLong(i);
            Files.write(file, unique);
            if (i % 3 == 0 && i % 5 == 0) {
                String name = file.getFileName().toString();
                Files.writeString(file.resolveSibling(name.substring(0, name.length() - 4) + ".en.srt"), "1\n");
            }
        }
    }

    /** Returns how many subtitles {@link #generate} writes for {@code count} media files. */
    static int subtitles(int count) {
        return (count + 14) / 15;
    }

    private interface Dry {
        Planner.Summary run();
    }

    private static Map<String, Object> measure(Dry timed, Dry sampled) {
        HeapPeak inUse = HeapPeak.start();
        long start = System.nanoTime();
        Planner.Summary summary = timed.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("wallSeconds", Math.round(seconds * 100) / 100.0);
        figures.put("planned", summary.planned());
        figures.put("skipped", summary.skipped());
        figures.put("peakHeapInUseMiB", inUse.mebibytes());
        try (HeapPeak live = HeapPeak.sampling(Duration.ofMillis(100))) {
            sampled.run();
            figures.put("liveHeapBeforeMiB", live.liveBeforeMebibytes());
            figures.put("peakLiveHeapMiB", live.liveMebibytes());
            figures.put("liveHeapSamples", live.samples());
        }
        return figures;
    }

    private CommonOptions quietOptions() {
        CommonOptions options = new CommonOptions();
        options.quiet = true;
        options.workers = workers;
        return options;
    }

    private static PrintWriter nowhere() {
        return new PrintWriter(OutputStream.nullOutputStream());
    }

    private static PrintStream nowhereStream() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    private static String text(Object figures) {
        Map<?, ?> map = (Map<?, ?>) figures;
        return "\n  dry run, probing included: " + step(map.get("coldDryRun")) + "\n  catalog warm:               "
                + step(map.get("warmDryRun"));
    }

    private static String step(Object figures) {
        Map<?, ?> map = (Map<?, ?>) figures;
        return String.format(Locale.ROOT, "%5.2f s, %d planned, %d skipped, live heap %.1f MiB before, peak %.1f MiB",
                (Double) map.get("wallSeconds"), (Long) map.get("planned"), (Long) map.get("skipped"),
                (Double) map.get("liveHeapBeforeMiB"), (Double) map.get("peakLiveHeapMiB"));
    }
}
