package dev.medley.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.core.RateLimiter;
import dev.medley.core.Sleeper;
import dev.medley.llm.AnswerCache;
import dev.medley.llm.BatchedJson;
import dev.medley.llm.ChatClient;
import dev.medley.llm.LlmSettings;
import dev.medley.llm.LlmStats;
import dev.medley.llm.NameRefiner;
import dev.medley.llm.SimulatedModel;
import dev.medley.llm.TokenCounter;
import dev.medley.metadata.Identify;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
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
        name = "llm",
        description = {
            "Asks a simulated model on loopback about the same generated names twice: one name per request, "
                    + "then --batch-size names per request, the same number of requests in flight.",
            "The model takes --first-token-ms before it answers, then writes --tokens-per-second. It prints requests, "
                    + "prompt and completion tokens (as the server counts them) and wall time of both, and their ratios."
        },
        sortOptions = false)
final class BenchLlmCommand implements Callable<Integer> {
    private static final String[] WORDS = {"harbour", "lights", "quiet", "field", "night", "lines", "paper", "boats",
        "river", "stone", "glass", "winter", "garden", "north", "signal"};
    private static final String[] PLACES = {"nigeria", "ghana", "benin", "mali", "peru", "chile"};

    @Spec CommandSpec spec;

    @Option(names = "--names", paramLabel = "N", defaultValue = "500", description = "Names asked about (default: ${DEFAULT-VALUE}).")
    int names;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "10", description = "Names per batched request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "8", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--instruction-tokens", paramLabel = "N", defaultValue = "0",
            description = "Lengthen the instruction to about N tokens, as a longer prompt would be (default: Medley's own).")
    int instructionTokens;

    @Option(names = "--first-token-ms", paramLabel = "MS", defaultValue = "400", description = "Delay before an answer (default: ${DEFAULT-VALUE}).")
    int firstTokenMillis;

    @Option(names = "--tokens-per-second", paramLabel = "N", defaultValue = "150", description = "Answer speed (default: ${DEFAULT-VALUE}).")
    double tokensPerSecond;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (names < 1 || batchSize < 1 || workers < 1 || tokensPerSecond <= 0 || firstTokenMillis < 0) {
            throw CommandException.badUsage("--names, --batch-size, --workers and --tokens-per-second take positive numbers");
        }
        List<ObjectNode> inputs = new ArrayList<>(names);
        for (int i = 0; i < names; i++) {
            inputs.add(NameRefiner.input(Identify.DEFAULT.identify(name(i), Map.of())));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (SimulatedModel model = new SimulatedModel(Duration.ofMillis(firstTokenMillis), tokensPerSecond)) {
            Map<String, Object> single = run(model, 1, inputs);
            Map<String, Object> batched = run(model, batchSize, inputs);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("names", names);
            figures.put("workers", workers);
            figures.put("instructionTokens", TokenCounter.forModel("gpt-4o-mini").count(task(batchSize).instruction()));
            figures.put("onePerRequest", single);
            figures.put("batched", batched);
            double promptSaved = 1 - (double) (long) batched.get("promptTokens") / (long) single.get("promptTokens");
            double totalSaved = 1 - (double) ((long) batched.get("promptTokens") + (long) batched.get("completionTokens"))
                    / ((long) single.get("promptTokens") + (long) single.get("completionTokens"));
            figures.put("promptTokensSaved", round(promptSaved));
            figures.put("allTokensSaved", round(totalSaved));
            figures.put("speedup", round((double) single.get("seconds") / (double) batched.get("seconds")));
            if (json) {
                out.println(Jobs.JSON.writeValueAsString(figures));
            } else {
                out.printf(Locale.ROOT, "%d names, %d requests in flight, instruction %d tokens%n", names, workers,
                        figures.get("instructionTokens"));
                print(out, "one name per request", single);
                print(out, batchSize + " names per request", batched);
                out.printf(Locale.ROOT, "batched: %.1f%% fewer prompt tokens, %.1f%% fewer tokens in all, %.1fx faster%n",
                        promptSaved * 100, totalSaved * 100, figures.get("speedup"));
            }
            out.flush();
        }
        return 0;
    }

    private Map<String, Object> run(SimulatedModel model, int size, List<ObjectNode> inputs) throws InterruptedException {
        LlmSettings settings = LlmSettings.of(model.endpoint(), "gpt-4o-mini").withApiKey(null).withBatchSize(size)
                .withWorkers(workers).withMaxPromptTokens(1_000_000);
        LlmStats stats = new LlmStats();
        long started = System.nanoTime();
        List<BatchedJson.Outcome> outcomes = new BatchedJson(new ChatClient(settings), task(size), RateLimiter.UNLIMITED,
                AnswerCache.NONE, stats, Sleeper.SYSTEM).answer(inputs);
        double seconds = (System.nanoTime() - started) / 1e9;
        LlmStats.Snapshot s = stats.snapshot();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("requests", s.requests());
        figures.put("answered", outcomes.stream().filter(BatchedJson.Outcome::ok).count());
        figures.put("promptTokens", s.promptTokens());
        figures.put("completionTokens", s.completionTokens());
        figures.put("seconds", round(seconds));
        return figures;
    }

    private BatchedJson.Task task(int size) {
        BatchedJson.Task own = NameRefiner.task(size);
        if (instructionTokens <= 0) {
            return own;
        }
        StringBuilder longer = new StringBuilder(own.instruction());
        TokenCounter counter = TokenCounter.forModel("gpt-4o-mini");
        for (int i = 0; counter.count(longer.toString()) < instructionTokens; i++) {
            longer.append("\n- Example ").append(i).append(": keep each answer to its own item, whatever the others say.");
        }
        String instruction = longer.toString();
        return new BatchedJson.Task() {
            @Override
            public String name() {
                return own.name();
            }

            @Override
            public String instruction() {
                return instruction;
            }

            @Override
            public ObjectNode schema() {
                return own.schema();
            }

            @Override
            public String version() {
                return own.version();
            }

            @Override
            public String check(ObjectNode result) {
                return own.check(result);
            }
        };
    }

    /** A lower-case name of the kind the parser is unsure of: "artist - title [place] genre (year).mp3". */
    private static String name(int i) {
        return WORDS[i % WORDS.length] + " " + WORDS[(i / 3 + 5) % WORDS.length] + " - " + WORDS[(i * 7 + 1) % WORDS.length]
                + " " + WORDS[(i / 15) % WORDS.length] + " [" + PLACES[i % PLACES.length] + "] soul (" + (1965 + i % 30)
                + ") " + i + ".mp3";
    }

    private static void print(PrintWriter out, String label, Map<String, Object> f) {
        out.printf(Locale.ROOT, "  %-22s %6d requests  %9d prompt + %7d completion tokens  %7.2f s%n", label,
                f.get("requests"), f.get("promptTokens"), f.get("completionTokens"), f.get("seconds"));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
