package dev.medley.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.catalog.Catalog;
import dev.medley.catalog.KnownFile;
import dev.medley.core.RawPaths;
import dev.medley.media.MediaProbe;
import dev.medley.media.ProbeJson;
import dev.medley.media.Prober;
import dev.medley.media.ScannedFile;
import dev.medley.media.Scanner;
import dev.medley.llm.LlmStats;
import dev.medley.llm.NameRefiner;
import dev.medley.metadata.Field;
import dev.medley.metadata.Identify;
import dev.medley.metadata.Identity;
import dev.medley.metadata.MediaJson;
import dev.medley.metadata.MediaName;
import dev.medley.metadata.MediaNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "identify",
        description = {
            "Says what each file is: episode, movie, music or other.",
            "Episodes get show, season, episode, ...; movies title, year, extras, ...; music artist, album, "
                    + "track, title, ...: from the file's name, its folders and its tags (tags from the catalog's "
                    + "probe, else read now; tags win unless --names-win)."
        },
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley identify ~/Downloads --json",
            "  ls /media/tv | medley identify --stdin --json   names only, no file access"
        })
final class IdentifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @CommandLine.Parameters(paramLabel = "PATH", arity = "0..*", description = "Folders (walked recursively) or files.")
    List<Path> paths;

    @Option(names = "--stdin", description = "Read one name or path per line from stdin; print one line each, in order.")
    boolean stdin;

    @Option(names = "--names-win", description = "Prefer what names and folders say over tags.")
    boolean namesWin;

    @Option(names = "--include-hidden", description = "Also take hidden files and folders.")
    boolean includeHidden;

    @Mixin LlmOptions llm;
    @Mixin ClusterOptions cluster;

    /** The catalog the model's answers and open batches are kept in, while a run has one open. */
    private Catalog llmCatalog;

    /** One output line waiting for the model's answer about its name. */
    private record Pending(String path, Identity identity, String error) {}

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        PrintWriter out = commandLine.getOut();
        if (stdin == (paths != null && !paths.isEmpty())) {
            throw new CommandLine.ParameterException(commandLine, "give PATH... or --stdin, not both or neither");
        }
        if (stdin && llm.enabled()) {
            try (Catalog catalog = common.openCatalog()) {
                return names(new InputStreamReader(System.in, StandardCharsets.UTF_8), out, catalog);
            }
        }
        if (stdin) {
            return names(new InputStreamReader(System.in, StandardCharsets.UTF_8), out, null);
        }
        ScanOptionsMixin scan = new ScanOptionsMixin();
        scan.paths = paths;
        List<Path> roots = scan.checkedPaths(commandLine);
        if (cluster.requested()) {
            if (llm.enabled()) {
                throw CommandException.badUsage("identify --cluster reads names and tags on the members;"
                        + " ask the model without --cluster");
            }
            return IdentifyWork.submit(this, commandLine, roots);
        }
        Identify identify = new Identify(new Identify.Options(!namesWin));
        Prober prober = Prober.inProcess(Duration.ofSeconds(30));
        int[] problems = {0};
        try (Catalog catalog = common.openCatalog()) {
            LlmStats stats = new LlmStats();
            NameRefiner refiner = llm.enabled() ? llm.refiner(catalog, stats) : null;
            llmCatalog = catalog;
            List<Pending> window = new ArrayList<>();
            Scanner scanner = new Scanner(new dev.medley.media.ScanOptions(includeHidden, false, false),
                    (path, problem) -> {
                        problems[0]++;
                        CommandStreams.err(spec.commandLine()).println("medley: " + RawPaths.display(path) + ": " + problem);
                    });
            for (Iterator<ScannedFile> files = scanner.walk(roots); files.hasNext(); ) {
                ScannedFile file = files.next();
                MediaProbe probe = probe(catalog, prober, file);
                // As process reads it: below the folder it was found under, which holds it but does not name it.
                Path root = roots.stream().filter(file.path()::startsWith).findFirst().orElse(file.path());
                Identity identity = identify.identify(file.display(), probe.tags() == null ? Map.of() : probe.tags(),
                        new Identify.Context(RawPaths.display(root), probe.durationSeconds()));
                // Named all the same, from its name and folders; but a file that cannot be read is a failed item.
                String error = probe.ok() ? null : probe.error();
                if (error != null) {
                    problems[0]++;
                    CommandStreams.err(spec.commandLine()).println("medley: " + file.display() + ": " + error);
                }
                window.add(new Pending(file.display(), identity, error));
                if (refiner == null || window.size() >= window()) {
                    problems[0] += print(window, refiner, out);
                }
            }
            problems[0] += print(window, refiner, out);
            if (refiner != null) {
                summary(stats);
            }
        }
        out.flush();
        return problems[0] > 0 ? 1 : 0;
    }

    /** Names asked about at once: enough to keep every request of every worker full; a Batch API batch takes all. */
    private int window() {
        return llm.batchApi ? 100_000 : Math.max(100, llm.batchSize * llm.workers * 4);
    }

    /** Refines the window's names when asked to, prints its lines in order, and empties it; returns the failures. */
    private int print(List<Pending> window, NameRefiner refiner, PrintWriter out) throws IOException {
        int failed = 0;
        List<NameRefiner.Refined> refined = refine(window.stream().map(Pending::identity).toList(), refiner, llmCatalog);
        for (int i = 0; i < window.size(); i++) {
            Pending line = window.get(i);
            NameRefiner.Refined answer = refined.get(i);
            if (answer.error() != null) {
                failed++;
                CommandStreams.err(spec.commandLine()).println("medley: " + line.path() + ": the model gave no answer: "
                        + answer.error());
            }
            out.println(common.json ? json(line.path(), answer.identity(), line.error(), answer.error())
                    : text(line.path(), answer.identity(), line.error()));
        }
        window.clear();
        return failed;
    }

    private List<NameRefiner.Refined> refine(List<Identity> identities, NameRefiner refiner, Catalog catalog) {
        if (refiner == null) {
            return identities.stream().map(identity -> new NameRefiner.Refined(identity, false, false, null)).toList();
        }
        try {
            if (llm.batchApi) {
                return refiner.refineByBatchApi(identities, llm.batchApi(refiner),
                        LlmOptions.openBatches(catalog, refiner.settings().endpoint().toString()), llm.poll(), !llm.resume);
            }
            return refiner.refine(identities);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while asking the model");
        }
    }

    private void summary(LlmStats stats) throws IOException {
        LlmStats.Snapshot counted = stats.snapshot();
        java.io.PrintStream err = CommandStreams.err(spec.commandLine());
        if (common.json) {
            Map<String, Object> line = new java.util.LinkedHashMap<>();
            line.put("type", "llm");
            line.putAll(counted.toMap());
            err.println(Jobs.JSON.writeValueAsString(line));
        } else {
            err.println("medley: " + LlmOptions.summary(counted));
        }
    }

    /**
     * Reads one name a line and prints one line for each, in order: a blank line too (an "other"
     * reading with an error), so that the output lines up with the input. Lines end at a line feed
     * (a carriage return before it belongs to the line ending); each input is echoed as given.
     */
    private int names(java.io.Reader reader, PrintWriter out, Catalog catalog) throws IOException {
        LlmStats stats = new LlmStats();
        NameRefiner refiner = catalog == null ? null : llm.refiner(catalog, stats);
        llmCatalog = catalog;
        List<String> window = new ArrayList<>();
        int failed = 0;
        BufferedReader in = new BufferedReader(reader, 1 << 16);
        StringBuilder line = new StringBuilder(256);
        boolean any = false;
        for (int c = in.read(); ; c = in.read()) {
            if (c == '\n' || (c < 0 && any)) {
                int length = line.length();
                String name = length > 0 && line.charAt(length - 1) == '\r' && c == '\n'
                        ? line.substring(0, length - 1) : line.toString();
                window.add(name);
                if (refiner == null || window.size() >= window()) {
                    failed += nameLines(window, refiner, out);
                }
                line.setLength(0);
                any = false;
            } else if (c >= 0) {
                line.append((char) c);
                any = true;
            }
            if (c < 0) {
                break;
            }
        }
        failed += nameLines(window, refiner, out);
        if (refiner != null) {
            summary(stats);
        }
        out.flush();
        return failed > 0 ? 1 : 0;
    }

    private int nameLines(List<String> inputs, NameRefiner refiner, PrintWriter out) throws IOException {
        List<Identity> identities = new ArrayList<>(inputs.size());
        for (String input : inputs) {
            identities.add(fromName(MediaNames.parse(input)));
        }
        // A blank line is not a name to ask about.
        List<Integer> asked = new ArrayList<>();
        List<Identity> askedIdentities = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!inputs.get(i).isBlank()) {
                asked.add(i);
                askedIdentities.add(identities.get(i));
            }
        }
        List<NameRefiner.Refined> refined = refine(askedIdentities, refiner, llmCatalog);
        String[] errors = new String[inputs.size()];
        for (int j = 0; j < asked.size(); j++) {
            identities.set(asked.get(j), refined.get(j).identity());
            errors[asked.get(j)] = refined.get(j).error();
        }
        int failed = 0;
        for (int i = 0; i < inputs.size(); i++) {
            if (errors[i] != null) {
                failed++;
                CommandStreams.err(spec.commandLine()).println("medley: " + inputs.get(i) + ": the model gave no answer: "
                        + errors[i]);
            }
            out.println(nameLine(inputs.get(i), identities.get(i).name(), errors[i]));
        }
        inputs.clear();
        return failed;
    }

    /** The identity of a name read alone: each field the parser found, from the name. */
    private static Identity fromName(MediaName name) {
        Map<Field, Identity.Provenance> provenance = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            if (name.get(field) != null) {
                provenance.put(field, new Identity.Provenance(Identity.Source.FILENAME, name.confidence()));
            }
        }
        return new Identity(name, provenance);
    }

    private String nameLine(String input, MediaName name, String llmError) throws IOException {
        String json = MediaJson.toJson(name);
        if (llmError != null) {
            ObjectNode line = (ObjectNode) Jobs.JSON.readTree(json);
            line.put("llmError", llmError);
            json = Jobs.JSON.writeValueAsString(line);
        }
        if (input.isBlank()) {
            ObjectNode line = (ObjectNode) Jobs.JSON.readTree(json);
            line.put("error", "empty name");
            json = Jobs.JSON.writeValueAsString(line);
        }
        return common.json ? json : name.kind().key() + "\t" + json;
    }

    // The catalog's probe when it is current; else a probe now (not recorded).
    static MediaProbe probe(Catalog catalog, Prober prober, ScannedFile file) {
        KnownFile known = catalog.lookup(file.key()).orElse(null);
        return known != null && known.probeIsCurrent(file.size(), file.mtimeNanos())
                ? ProbeJson.read(known.probe().resultJson())
                : prober.probe(file.path());
    }

    static String json(String path, Identity identity, String error, String llmError) throws IOException {
        ObjectNode line = (ObjectNode) Jobs.JSON.readTree(MediaJson.toJson(identity));
        line.put("path", path);
        if (error != null) {
            line.put("error", error);
        }
        if (llmError != null) {
            line.put("llmError", llmError);
        }
        ObjectNode sources = line.putObject("sources");
        identity.provenance().forEach((field, provenance) -> {
            ObjectNode entry = sources.putObject(field.key());
            entry.put("source", provenance.source().name().toLowerCase(Locale.ROOT));
            entry.put("confidence", Math.round(provenance.confidence() * 100) / 100.0); // not 0.49999999999999994
        });
        return Jobs.JSON.writeValueAsString(line);
    }

    static String text(String path, Identity identity, String error) {
        return identity.name().kind().name().toLowerCase(Locale.ROOT) + "  " + MediaJson.toJson(identity) + "  "
                + path + (error == null ? "" : "  (cannot read: " + error + ")");
    }
}
