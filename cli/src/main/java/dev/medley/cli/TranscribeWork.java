package dev.medley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.RecordedRun;
import dev.medley.catalog.RunRecord;
import dev.medley.cluster.FileWork;
import dev.medley.cluster.ItemOutcome;
import dev.medley.cluster.MemberResources;
import dev.medley.cluster.WorkKind;
import dev.medley.cluster.Worker;
import dev.medley.core.ItemResult;
import dev.medley.core.RawPaths;
import dev.medley.core.SkipItem;
import dev.medley.media.ScannedFile;
import dev.medley.media.Scanner;
import dev.medley.speech.EngineUnavailable;
import dev.medley.speech.TranscribeJob;
import dev.medley.speech.TranscriptionProgress;
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
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;

/**
 * {@code medley transcribe} on a cluster. The submitter forwards its transcribe options and the roots it
 * was given; each member parses them into the same command, opens its one model, and transcribes the
 * files it claims as the single-machine command does (outputs beside each file, or under {@code --out}),
 * each result the same {@code --json} line. A remote engine's {@code --requests-per-minute} holds for
 * the whole cluster.
 */
final class TranscribeWork implements WorkKind {
    static final String NAME = "transcribe";

    @Override
    public String name() {
        return NAME;
    }

    /** Lists the files under the command's paths into a cluster job and follows it; returns the exit code. */
    static int submit(TranscribeCommand command, CommandLine commandLine) {
        List<Path> paths = command.scan.checkedPaths(commandLine);
        List<Path> roots = Scanner.distinctRoots(paths);
        ObjectNode spec = Jobs.JSON.createObjectNode();
        ArrayNode arguments = spec.putArray("arguments");
        ForwardedOptions.of(commandLine.getCommandSpec(), TranscribeCommand.class).forEach(arguments::add);
        ArrayNode rootKeys = spec.putArray("roots");
        roots.forEach(root -> rootKeys.add(PathKey.of(root.toAbsolutePath())));
        PrintStream err = command.common.err();
        Iterator<ScannedFile> files = new Scanner(command.scan.options(),
                (path, problem) -> err.println("medley: " + RawPaths.display(path) + ": " + problem)).walk(roots);
        Iterator<String> keys = ClusterRun.keys(files);
        try {
            return ClusterRun.submit(commandLine, command.common, command.cluster, NAME, spec.toString(), keys,
                    (out, outcome) -> command.printLine(out, lineOf(outcome.outcome(), outcome.path())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Medley.EXIT_CANNOT_RUN;
        }
    }

    // A member's line, or, for a file every member refused, a failed line with the reason.
    @SuppressWarnings("unchecked")
    private static Map<String, Object> lineOf(String outcome, String key) {
        try {
            return Jobs.JSON.readValue(outcome, Map.class);
        } catch (IOException notJson) {
            Map<String, Object> line = new java.util.LinkedHashMap<>();
            line.put("path", PathKey.display(key));
            line.put("status", "failed");
            line.put("ok", false);
            line.put("error", outcome);
            return line;
        }
    }

    @Override
    public Worker open(String spec, MemberResources resources) throws Exception {
        JsonNode options = Jobs.JSON.readTree(spec);
        List<String> arguments = new ArrayList<>();
        options.path("arguments").forEach(argument -> arguments.add(argument.asText()));
        List<Path> roots = new ArrayList<>();
        options.path("roots").forEach(root -> roots.add(PathKey.toPath(root.asText())));
        TranscribeCommand command = new TranscribeCommand();
        CommandLine commandLine = ForwardedOptions.parse(command, arguments, ".");
        TranscribeCommand.Setup setup = command.setUp(commandLine, resources.sharedLimits());
        TranscribeJob.Options jobOptions = command.jobOptions(setup, null, TranscriptionProgress.NONE);
        TranscribeJob job = new TranscribeJob(resources.catalog(), setup.engineOptions(), jobOptions);
        RecordedRun run = RecordedRun.start(resources.catalog(), NAME, "(cluster member " + resources.memberName() + ")");
        CatalogWriter writer = resources.catalog().writer(run.id());
        ExecutorService files = Executors.newFixedThreadPool(jobOptions.files(),
                Thread.ofPlatform().name("transcribe-file-", 0).daemon().factory());
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        return new Worker() {
            @Override
            public CompletableFuture<List<ItemOutcome>> process(List<Item> items) {
                // Recorded before the files count as done: a member killed now redoes them.
                return FileWork.each(items, files, this::transcribe, writer::flush);
            }

            private ItemOutcome transcribe(Item item) {
                ScannedFile file;
                try {
                    file = FileWork.scanned(item, resources.memberName());
                } catch (FileWork.Unreadable e) {
                    return ItemOutcome.refused(e.getMessage());
                }
                Path submitted = PathKey.toPath(item.key());
                Path root = roots.stream().filter(submitted::startsWith).findFirst().orElse(submitted);
                TranscribeJob.Item found = job.lookUp(file, localRoot(root, item));
                long started = System.nanoTime();
                ItemResult<TranscribeJob.Item, TranscribeJob.Outcome> result;
                try {
                    result = new ItemResult.Ok<>(item.seq(), found, job.transcribe(found, writer), 1, since(started));
                    ok.incrementAndGet();
                } catch (SkipItem skip) {
                    result = new ItemResult.Skipped<>(item.seq(), found, skip.getMessage(), since(started));
                } catch (EngineUnavailable e) {
                    // This member cannot transcribe at all (its model is missing): another member may.
                    return ItemOutcome.refused("member " + resources.memberName() + " "
                            + TranscribeCommand.setUpError(e).getMessage());
                } catch (Exception e) {
                    failed.incrementAndGet();
                    String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                    result = new ItemResult.Failed<>(item.seq(), found, reason, e, 1, since(started));
                }
                Map<String, Object> line = TranscribeCommand.line(result);
                line.put("path", PathKey.display(item.key())); // As the submitter named it.
                try {
                    String json = Jobs.JSON.writeValueAsString(line);
                    return result instanceof ItemResult.Failed<?, ?> ? ItemOutcome.failed(json) : ItemOutcome.done(json);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            // Where the submitter's root is on this member: the file's local path less what follows the root.
            private Path localRoot(Path root, Item item) {
                Path submitted = PathKey.toPath(item.key());
                if (submitted.equals(root)) {
                    return item.local(); // A file given by itself is its own root.
                }
                Path relative = root.relativize(submitted);
                Path local = item.local();
                for (int i = 0; i < relative.getNameCount() && local.getParent() != null; i++) {
                    local = local.getParent();
                }
                return local;
            }

            private static Duration since(long started) {
                return Duration.ofNanos(System.nanoTime() - started);
            }

            @Override
            public void close() {
                files.shutdown();
                job.close();
                writer.close();
                run.completed(new RunRecord.Counts(ok.get() + failed.get(), ok.get(), failed.get(), 0));
                run.close();
            }
        };
    }
}
