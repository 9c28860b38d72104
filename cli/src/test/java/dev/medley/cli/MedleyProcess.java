package dev.medley.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code medley} command in a process of its own, as a user would. */
final class MedleyProcess {
    /** What a finished command left behind. */
    record Result(int exitCode, String stdout, String stderr) {
        List<String> lines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        }

        /** Returns stdout's lines as JSON, each parsed (a line that is not JSON fails the test). */
        List<com.fasterxml.jackson.databind.JsonNode> json() throws IOException {
            return jsonLines(stdout);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Returns the non-blank lines of {@code text} parsed as JSON. */
    static List<com.fasterxml.jackson.databind.JsonNode> jsonLines(String text) throws IOException {
        List<com.fasterxml.jackson.databind.JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private MedleyProcess() {}

    static Path jar() {
        return Path.of(System.getProperty("medley.jar", "target/medley.jar"));
    }

    static ProcessBuilder builder(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // As ./medley runs it: Hazelcast uses Unsafe.
        }
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(List.of(), args);
    }

    static Result run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return run(builder(jvmOptions, args));
    }

    /** Runs the command {@code builder} describes (with its environment, say), stdin empty. */
    static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        return finish(builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start());
    }

    /** Runs the command {@code builder} describes with {@code stdin} as its standard input. */
    static Result run(ProcessBuilder builder, byte[] stdin) throws IOException, InterruptedException {
        Process process = builder.redirectInput(ProcessBuilder.Redirect.PIPE).start();
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        }
        return finish(process);
    }

    // Reads stderr beside stdout, so that neither pipe fills and stops the process.
    private static Result finish(Process process) throws IOException, InterruptedException {
        var stderr = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try {
                stderr.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                stderr.completeExceptionally(e);
            }
        });
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("medley did not finish within 300 s");
        }
        return new Result(process.exitValue(), stdout, stderr.join());
    }
}
