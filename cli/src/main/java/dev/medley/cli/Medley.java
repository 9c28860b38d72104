package dev.medley.cli;

import dev.medley.catalog.CatalogException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** The {@code medley} command: one subcommand per job, exit codes mapped in one place. */
@Command(
        name = "medley",
        mixinStandardHelpOptions = true,
        versionProvider = Medley.Version.class,
        description = "Processes whole media libraries in batches: scan, probe, and remember what is done.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  every item succeeded",
            "  1  the run completed, but some items failed (each is reported with its path)",
            "  2  bad usage: unknown option, missing argument, a path that does not exist",
            "  3  the run could not go on (catalog unusable, native libraries missing, a model not fetched)",
            "",
            "Examples:",
            "  medley demo                       a sample library, generated and probed",
            "  medley probe ~/Music --json > probes.jsonl",
            "  medley scan /media/films /media/tv",
            "  medley transcribe ~/Lectures --format srt,txt",
            "  medley runs",
            "  medley bench probe"
        })
public final class Medley {
    /** Exit code: the run could not go on at all. */
    static final int EXIT_CANNOT_RUN = 3;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On an internal error, print the stack trace (as MEDLEY_DEBUG=1 does).")
    boolean debug;

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, ScanCommand.class, ProbeCommand.class,
            IdentifyCommand.class, TranscribeCommand.class, ModelsCommand.class, ProcessCommand.class,
            OrganizeCommand.class, UndoCommand.class, HistoryCommand.class, ServeCommand.class, WorkerCommand.class,
            ClusterCommand.class, BenchCommand.class,
            HelpCommand.class);

    /** Commands that find other commands to run or to describe: they are given all. */
    private static final java.util.Set<Class<?>> RUN_OTHERS = java.util.Set.of(DemoCommand.class, HelpCommand.class);

    private Medley() {}

    // Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final java.util.logging.Logger HELIDON = java.util.logging.Logger.getLogger("io.helidon");

    public static void main(String[] args) {
        // The web server's start and stop lines are noise beside Medley's own; its warnings still show.
        HELIDON.setLevel(java.util.logging.Level.WARNING);
        // Buffered: a run can print a line per file, hundreds of thousands of them. Lines are counted
        // as they reach stdout, so that a run resumed after a crash prints each result once. System.out
        // is the same stream, set before picocli takes its default from it.
        ResumableOutput stdout = new ResumableOutput(StandardOutput.open());
        CrashRecovery.output(stdout);
        System.setOut(new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
        CommandLine commandLine = commandLine(args.length == 0 ? null : args[0]);
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(stdout, java.nio.charset.StandardCharsets.UTF_8), 1 << 16), false);
        commandLine.setOut(out);
        int exitCode;
        try {
            exitCode = commandLine.execute(args);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            commandLine.getErr().println("medley: cannot load a native library (" + e.getMessage()
                    + "); this build supports linux-x86_64");
            commandLine.getErr().flush();
            exitCode = EXIT_CANNOT_RUN;
        }
        out.flush();
        System.exit(exitCode);
    }

    /** Returns the configured command line with every subcommand, for tests. */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * Returns the configured command line. When {@code first} names a subcommand, that is the only one
     * built: picocli reads every option of every command it is given by reflection, which cost a short
     * run more time than its work. Anything else (no command, an option, a typo, {@code help} and
     * {@code demo}, which run other commands) gets all.
     */
    static CommandLine commandLine(String first) {
        CommandLine commandLine = new CommandLine(Medley.class);
        List<Class<?>> chosen = COMMANDS.stream()
                .filter(command -> names(command).contains(first) && !RUN_OTHERS.contains(command))
                .toList();
        for (Class<?> command : chosen.isEmpty() ? COMMANDS : chosen) {
            commandLine.addSubcommand(new CommandLine(command));
        }
        commandLine.setErr(new CommandStreams.StreamWriter(System.err));
        addStandardHelp(commandLine);
        HelpText.install(commandLine);
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            int exitCode = EXIT_CANNOT_RUN;
            if (exception instanceof CommandException stop) {
                err.println("medley: " + stop.getMessage());
                if (stop.exitCode() == CommandException.BAD_USAGE) {
                    err.println(tryHelp(cmd));
                }
                exitCode = stop.exitCode();
            } else if (exception instanceof CatalogException || exception instanceof java.io.IOException) {
                err.println("medley: " + exception.getMessage());
            } else {
                // Anything else is a bug in Medley, not the user's mistake: say so, whatever its type.
                err.println("medley: internal error: " + exception);
                if (System.getenv("MEDLEY_DEBUG") != null || debugAsked(parseResult)) {
                    exception.printStackTrace(err);
                } else {
                    err.println("(run again with --debug for the stack trace)");
                }
            }
            err.flush();
            return exitCode;
        });
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine cmd = exception.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("medley: " + message(exception));
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
            err.println(tryHelp(cmd));
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        return commandLine;
    }

    /**
     * Gives every command and subcommand {@code -h, --help} (the top command's comes from
     * {@code mixinStandardHelpOptions}), so that help is answered before any required parameter is
     * missed, and a short synopsis: the options are listed below it, and a long one wrapped across
     * lines split them in two.
     */
    private static void addStandardHelp(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Shows this help and exits.").build());
        }
        spec.usageMessage().abbreviateSynopsis(true);
        commandLine.getSubcommands().values().forEach(Medley::addStandardHelp);
    }

    private static List<String> names(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        List<String> names = new java.util.ArrayList<>(List.of(annotation.aliases()));
        names.add(annotation.name());
        return names;
    }

    private static boolean debugAsked(CommandLine.ParseResult parseResult) {
        return parseResult != null && parseResult.asCommandLineList().stream()
                .anyMatch(cmd -> cmd.getParseResult() != null && cmd.getParseResult().hasMatchedOption("--debug"));
    }

    private static String tryHelp(CommandLine cmd) {
        return "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage and examples.";
    }

    // Picocli names a mistyped command "unmatched argument at index 0"; a person reads "unknown command".
    private static String message(CommandLine.ParameterException exception) {
        CommandLine cmd = exception.getCommandLine();
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()
                && !cmd.getSubcommands().isEmpty() && cmd.getCommandSpec().positionalParameters().isEmpty()
                && !unmatched.getUnmatched().isEmpty()) {
            return "unknown command '" + unmatched.getUnmatched().getFirst() + "'";
        }
        return exception.getMessage();
    }

    /** Returns this medley's version, as {@code --version} and cluster members show it. */
    static String version() {
        String version = Medley.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"medley " + version(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"};
        }
    }
}
