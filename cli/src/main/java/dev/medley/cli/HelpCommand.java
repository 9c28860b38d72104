package dev.medley.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Parameters;

/** {@code medley help [COMMAND...]}: the help of any command, subcommands included ({@code medley help models pull}). */
@Command(name = "help", helpCommand = true,
        description = "Shows the help of a command or subcommand, as COMMAND --help does.",
        footerHeading = "%nExamples:%n",
        footer = {"  medley help probe", "  medley help models pull"})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Callable<Integer> {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A command, then its subcommands.")
    List<String> names = List.of();

    private CommandLine self;
    private ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter outWriter, PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public Integer call() {
        CommandLine target = self.getParent();
        for (String name : names) {
            CommandLine subcommand = target.getSubcommands().get(name);
            if (subcommand == null) {
                throw new CommandLine.UnmatchedArgumentException(target, List.of(name));
            }
            target = subcommand;
        }
        target.usage(out, colors);
        out.flush();
        return 0;
    }
}
