package dev.medley.bench;

import dev.medley.metadata.MediaName;
import dev.medley.metadata.MediaNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Names parsed per second on one thread, cycling through real release names and paths: the
 * inputs of {@code ../shared/corpora} when present, else a built-in mix of episodes, films and
 * music.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar MediaNames}
 * from the project root (add {@code -jvmArgsAppend -Dmedley.corpora=DIR} to read the corpora from elsewhere).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MediaNamesBenchmark {
    private static final List<String> BUILT_IN = List.of(
            "The.Big.Show.S02E05.720p.HDTV.x264-GRP.mkv",
            "Show Name - 1x02 - Episode Title.avi",
            "[SubGroup] Anime Title - 123 [1080p][ABCD1234].mkv",
            "Daily.Show.2014.01.15.Guest.Name.720p.WEB.h264-GRP",
            "A Quiet Film (2018) 1080p BluRay x264 DTS-GRP.mkv",
            "Movies/The Long Road (1999)/The.Long.Road.1999.Directors.Cut.2160p.UHD.BluRay.mkv",
            "Music/Nina Kraft/Night Lines (2019)/01 - Blue Hour.flac",
            "t-fire - say a prayer [nigeria] soul (1979).mp3",
            "03. The Low Tides - Paper Boats (feat. Ana Moss) [320kbps].mp3",
            "TV/Harbour Lights/Season 2/05 - The Storm.mkv");

    private String[] names;
    private int next;

    @Setup
    public void load() throws IOException {
        List<String> inputs = new ArrayList<>();
        Path corpora = Path.of(System.getProperty("medley.corpora", "../shared/corpora"));
        for (String corpus : List.of("sonarr.jsonl", "radarr.jsonl")) {
            Path file = corpora.resolve(corpus);
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file)) {
                    int start = line.indexOf("\"input\": \"");
                    if (start >= 0) {
                        int from = start + 10;
                        int end = line.indexOf("\", \"", from);
                        inputs.add(line.substring(from, end > from ? end : line.length()).replace("\\\\", "\\"));
                    }
                }
            }
        }
        if (inputs.isEmpty()) {
            inputs.addAll(BUILT_IN);
        }
        names = inputs.toArray(String[]::new);
    }

    @Benchmark
    public MediaName parse() {
        String name = names[next];
        next = next + 1 == names.length ? 0 : next + 1;
        return MediaNames.parse(name);
    }
}
