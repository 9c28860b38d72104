package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures load time, transcription time on the JFK clip and resident memory with one worker and with four, each
 * in a fresh JVM so that one run's memory does not hide in the next. Prints a table; asserts that one model
 * context is loaded however many states there are.
 *
 * <p>Runs the 2.4 MB test model. Set {@code MEDLEY_WHISPER_FOOTPRINT=tiny.en} to measure a random-weight model of
 * OpenAI tiny.en's shape as well (75 MB, the real model's compute and memory):
 * {@code MEDLEY_WHISPER_FOOTPRINT=tiny.en ./mvnw -pl speech test -Dtest=WhisperFootprintTest}
 */
class WhisperFootprintTest {
    @TempDir
    Path dir;

    @Test
    void oneContextForOneOrFourWorkers() throws Exception {
        Path jfk = Path.of(System.getProperty("medley.shared", "../shared"), "audio", "jfk.wav");
        assumeTrue(Files.isRegularFile(jfk), "no shared audio at " + jfk);
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("test (16 wide)", TinyWhisperModel.write(dir.resolve("ggml-test.bin")));
        if ("tiny.en".equals(System.getenv("MEDLEY_WHISPER_FOOTPRINT"))) {
            models.put("tiny.en shape", TinyWhisperModel.write(dir.resolve("ggml-tiny-shape.bin"),
                    TinyWhisperModel.TINY_EN_SHAPE, 7));
        }
        List<String> table = new ArrayList<>();
        String columns = "%-15s %8s %7s %8s %7s %10s %10s %10s %11s %10s %8s";
        table.add(String.format(columns, "model", "size MB", "workers", "check ms", "open ms", "jfk 1st ms",
                "jfk 2nd ms", "RSS pre MB", "RSS open MB", "RSS end MB", "HWM MB"));
        for (Map.Entry<String, Path> model : models.entrySet()) {
            for (int workers : new int[] {1, 4}) {
                Map<String, String> m = measure(model.getValue(), workers, jfk);
                assertThat(m.get("contexts")).isEqualTo("1");
                assertThat(m.get("states")).isEqualTo(String.valueOf(workers));
                table.add(String.format(columns, model.getKey(), mb(Files.size(model.getValue()) / 1024),
                        workers, m.get("check_ms"), m.get("load_ms"), m.get("first_ms"), m.get("second_ms"),
                        mb(m.get("rss_pre_kb")), mb(m.get("rss_open_kb")), mb(m.get("rss_end_kb")),
                        mb(m.get("hwm_kb"))));
            }
        }
        System.out.println(String.join("\n", table));
    }

    private static String mb(String kb) {
        return mb(Long.parseLong(kb));
    }

    private static String mb(long kb) {
        return String.format("%.1f", kb / 1024.0);
    }

    private static Map<String, String> measure(Path model, int workers, Path jfk) throws IOException,
            InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Measure.class.getName(), model.toString(), String.valueOf(workers), jfk.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : output.strip().lines().reduce((first, last) -> last).orElse("").split(" ")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                values.put(kv[0], kv[1]);
            }
        }
        assertThat(values).as(output).containsKeys("contexts", "states", "load_ms", "rss_end_kb");
        return values;
    }

    /** Opens one engine and transcribes the clip twice, printing one line of {@code key=value} figures. */
    static final class Measure {
        public static void main(String[] args) throws Exception {
            Path model = Path.of(args[0]);
            int workers = Integer.parseInt(args[1]);
            float[] samples = WhisperClips.read(Path.of(args[2]));
            // Load the native library first, so its one-time cost is not counted as loading the model.
            WhisperNative.jni();
            long rssPre = status("VmRSS");
            long checkStart = System.nanoTime();
            WhisperModelCheck.check(model);
            long start = System.nanoTime();
            EngineOptions options = new EngineOptions(EngineKind.WHISPER, model.toString(), "en", 1, "cpu", workers,
                    model.getParent(), null, null, null, null, null, null);
            try (SpeechEngine engine = SpeechEngine.open(options)) {
                long opened = System.nanoTime();
                long rssOpen = status("VmRSS");
                List<AudioWindow> clip = List.of(new AudioWindow("jfk", samples, 0));
                WindowResults.transcripts(engine.transcribe(clip));
                long first = System.nanoTime();
                WindowResults.transcripts(engine.transcribe(clip));
                long second = System.nanoTime();
                System.out.printf("contexts=%d states=%d check_ms=%.0f load_ms=%.0f first_ms=%.0f second_ms=%.0f"
                                + " rss_pre_kb=%d rss_open_kb=%d rss_end_kb=%d hwm_kb=%d%n",
                        WhisperNative.contextsLoaded(), WhisperNative.statesCreated(), (start - checkStart) / 1e6,
                        (opened - start) / 1e6, (first - opened) / 1e6, (second - first) / 1e6, rssPre, rssOpen,
                        status("VmRSS"), status("VmHWM"));
            }
        }

        private static long status(String field) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }
    }
}
