package dev.medley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.catalog.PathKey;
import dev.medley.cluster.FileWork;
import dev.medley.cluster.ItemOutcome;
import dev.medley.cluster.MemberResources;
import dev.medley.cluster.WorkKind;
import dev.medley.cluster.Worker;
import dev.medley.core.RawPaths;
import dev.medley.media.MediaProbe;
import dev.medley.media.Prober;
import dev.medley.media.ScanOptions;
import dev.medley.media.ScannedFile;
import dev.medley.media.Scanner;
import dev.medley.metadata.Identify;
import dev.medley.metadata.Identity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;

/**
 * {@code medley identify} on a cluster: each member reads the files it claims (the catalog's current
 * probe, else a probe now, for their tags) and names them as the single-machine command does; the
 * submitter prints each file's line, {@code --json} or not, as that command would.
 */
final class IdentifyWork implements WorkKind {
    static final String NAME = "identify";

    @Override
    public String name() {
        return NAME;
    }

    static int submit(IdentifyCommand command, CommandLine commandLine, List<Path> roots) {
        List<Path> distinct = Scanner.distinctRoots(roots);
        ObjectNode spec = Jobs.JSON.createObjectNode().put("namesWin", command.namesWin);
        ArrayNode rootKeys = spec.putArray("roots");
        distinct.forEach(root -> rootKeys.add(PathKey.of(root.toAbsolutePath())));
        PrintStream err = command.common.err();
        Iterator<ScannedFile> files = new Scanner(new ScanOptions(command.includeHidden, false, false),
                (path, problem) -> err.println("medley: " + RawPaths.display(path) + ": " + problem)).walk(distinct);
        Iterator<String> keys = ClusterRun.keys(files);
        try {
            return ClusterRun.submit(commandLine, command.common, command.cluster, NAME, spec.toString(), keys,
                    (out, outcome) -> out.println(render(outcome.outcome(), outcome.path(), command.common.json)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Medley.EXIT_CANNOT_RUN;
        }
    }

    // A member's outcome holds the line both ways; a file every member refused has only the reason.
    private static String render(String outcome, String key, boolean json) {
        try {
            JsonNode both = Jobs.JSON.readTree(outcome);
            return json ? both.get("json").asText() : both.get("text").asText();
        } catch (IOException | NullPointerException notLines) {
            String path = PathKey.display(key);
            return json ? Jobs.JSON.createObjectNode().put("path", path).put("error", outcome).toString()
                    : "other  " + path + "  (cannot read: " + outcome + ")";
        }
    }

    @Override
    public Worker open(String spec, MemberResources resources) throws Exception {
        JsonNode options = Jobs.JSON.readTree(spec);
        List<Path> roots = new ArrayList<>();
        options.path("roots").forEach(root -> roots.add(PathKey.toPath(root.asText())));
        Identify identify = new Identify(new Identify.Options(!options.path("namesWin").asBoolean(false)));
        Prober prober = Prober.inProcess(Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                Thread.ofPlatform().name("identify-", 0).daemon().factory());
        return new Worker() {
            @Override
            public CompletableFuture<List<ItemOutcome>> process(List<Item> items) {
                return FileWork.each(items, pool, this::identify, () -> {});
            }

            private ItemOutcome identify(Item item) {
                ScannedFile file;
                try {
                    file = FileWork.scanned(item, resources.memberName());
                } catch (FileWork.Unreadable e) {
                    return ItemOutcome.refused(e.getMessage());
                }
                MediaProbe probe = IdentifyCommand.probe(resources.catalog(), prober, file);
                Path submitted = PathKey.toPath(item.key());
                Path root = roots.stream().filter(submitted::startsWith).findFirst().orElse(submitted);
                String path = PathKey.display(item.key());
                // Named as the submitter names it: its path there, below the root it was given.
                Identity identity = identify.identify(path, probe.tags() == null ? Map.of() : probe.tags(),
                        new Identify.Context(RawPaths.display(root), probe.durationSeconds()));
                String error = probe.ok() ? null : probe.error();
                try {
                    String both = Jobs.JSON.createObjectNode()
                            .put("json", IdentifyCommand.json(path, identity, error, null))
                            .put("text", IdentifyCommand.text(path, identity, error)).toString();
                    return error == null ? ItemOutcome.done(both) : ItemOutcome.failed(both);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                pool.shutdown();
            }
        };
    }
}
