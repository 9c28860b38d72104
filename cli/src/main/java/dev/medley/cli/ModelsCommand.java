package dev.medley.cli;

import dev.medley.speech.ModelStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
        name = "models",
        description = "Lists, downloads and checks whisper models (ggml files) in the models folder.",
        subcommands = {ModelsCommand.List.class, ModelsCommand.Pull.class, ModelsCommand.Verify.class},
        footerHeading = "%nExamples:%n",
        footer = {"  medley models list", "  medley models pull base.en", "  medley models verify base.en",
            "  MEDLEY_MODELS=/data/models medley models pull small"})
final class ModelsCommand {
    @Option(names = "--models-dir", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Models folder (default: $MEDLEY_MODELS, else ~/.local/share/medley/models).")
    Path directory;

    ModelStore store() {
        return new ModelStore(directory != null ? directory : ModelStore.defaultDirectory());
    }

    // A name that is not a model's ("base.en", "small") is the user's to fix, not a failure of the store.
    private static void checkName(CommandSpec spec, ModelStore store, String name) {
        try {
            store.path(name);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Command(name = "list", description = "Lists the models present, with size and whether their checksum was verified.")
    static final class List implements Callable<Integer> {
        @ParentCommand ModelsCommand parent;
        @Spec CommandSpec spec;

        @Option(names = "--json", description = "One JSON object per model.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore store = parent.store();
            java.util.List<ModelStore.Model> models = store.list();
            for (ModelStore.Model model : models) {
                if (json) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("name", model.name());
                    line.put("file", model.file().toString());
                    line.put("sizeBytes", model.size());
                    line.put("verified", model.verified());
                    out.println(Jobs.JSON.writeValueAsString(line));
                } else {
                    out.printf(Locale.ROOT, "%-16s %8.1f MB  %s  %s%n", model.name(), model.size() / 1e6,
                            model.verified() ? "verified  " : "unverified", model.file());
                }
            }
            if (models.isEmpty() && !json) {
                CommandStreams.err(spec.commandLine()).println("no models in " + store.directory() + "; get one with: medley models pull base.en");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "pull", description = "Downloads a model (resuming a broken download) and checks its sha256.")
    static final class Pull implements Callable<Integer> {
        @ParentCommand ModelsCommand parent;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "tiny, tiny.en, base, base.en, small, small.en, medium, ...")
        String name;

        @Override
        public Integer call() throws Exception {
            ModelStore store = parent.store();
            checkName(spec, store, name);
            CommandStreams.err(spec.commandLine()).println("pulling " + name + " from " + store.url(name));
            ModelStore.Pulled pulled = store.pull(name, new ModelStore.Progress() {
                private long lastPrinted;

                @Override
                public void transferred(long done, long total) {
                    long now = System.nanoTime();
                    if (now - lastPrinted > 2_000_000_000L) {
                        lastPrinted = now;
                        CommandStreams.err(spec.commandLine()).printf(Locale.ROOT, "  %.1f of %s MB%n", done / 1e6,
                                total < 0 ? "?" : String.format(Locale.ROOT, "%.1f", total / 1e6));
                    }
                }
            });
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s: %s (%.1f MB, sha256 %s%s)%n", pulled.name(), pulled.file(), pulled.size() / 1e6,
                    pulled.sha256(), pulled.hashKnown() ? ", matches the published value" : ", no published value to check");
            out.flush();
            return 0;
        }
    }

    @Command(name = "verify", description = "Recomputes a model's sha256 and checks its header; exit code 1 when damaged.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand ModelsCommand parent;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            ModelStore store = parent.store();
            checkName(spec, store, name);
            ModelStore.Verification verification = store.verify(name);
            PrintWriter out = spec.commandLine().getOut();
            out.println(verification.ok()
                    ? name + ": ok (sha256 " + verification.sha256() + ")"
                    : name + ": DAMAGED: " + verification.problem());
            out.flush();
            return verification.ok() ? 0 : 1;
        }
    }
}
