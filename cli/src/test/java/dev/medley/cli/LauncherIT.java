package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ./medley launcher finds a JDK 21+ even when the default java, and JAVA_HOME, are older. */
class LauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("medley.root", "..")).toAbsolutePath().normalize();

    @BeforeAll
    static void jarIsFresh() throws IOException {
        // This build has just packaged the jar: tell the launcher so that it does not build again.
        Files.writeString(ROOT.resolve("cli/target/.built"), "");
    }

    private static Optional<Path> oldJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> home.getFileName().toString().matches(".*(-1[1-7]-|-1\\.?[1-7]\\.|openjdk-1[1-7]).*"))
                    .findFirst();
        }
    }

    private static String[] run(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(ROOT.resolve("medley").toString()),
                Stream.of(args)).toList());
        builder.environment().putAll(environment);
        MedleyProcess.Result result = MedleyProcess.run(builder);
        return new String[] {String.valueOf(result.exitCode()), result.stdout(), result.stderr()};
    }

    @Test
    void runsOnAJdk21OrNewerWhenDefaultJavaAndJavaHomeAreOlder() throws Exception {
        Optional<Path> old = oldJdk();
        assumeTrue(old.isPresent(), "no JDK older than 21 on this machine to hide behind");
        String path = old.get().resolve("bin") + ":/usr/bin:/bin";
        String[] result = run(Map.of("PATH", path, "JAVA_HOME", old.get().toString()), "--version");
        assertThat(result[0]).as(result[2]).isEqualTo("0");
        Matcher java = Pattern.compile("Java (\\d+)").matcher(result[1]);
        assertThat(java.find()).as(result[1]).isTrue();
        assertThat(Integer.parseInt(java.group(1))).isGreaterThanOrEqualTo(21);
    }

    @Test
    void keepsStdoutForResultsAndReportsBadUsageWithExitCodeTwo() throws Exception {
        String[] result = run(Map.of(), "probe", "/no/such/folder");
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1]).isEmpty();
        assertThat(result[2]).contains("no such file or folder: /no/such/folder");
    }

    @Test
    void standardInputReachesMedleyThroughTheLauncher() throws Exception {
        // The launcher runs the JVM in the background, where a script's command reads /dev/null unless told.
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("medley").toString(), "identify", "--stdin", "--json");
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write("The.Show.S01E02.720p.mkv\nFilm.Title.2018.1080p.mkv\n".getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(out.lines().toList()).hasSize(2).satisfies(lines -> {
            assertThat(lines.get(0)).contains("\"The Show\"");
            assertThat(lines.get(1)).contains("\"Film Title\"");
        });
    }
}
