package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Usage help of every command, rendered in this process: how it is asked for and how it is wrapped. */
class HelpTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine medley() {
        CommandLine commandLine = Medley.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setUsageHelpAutoWidth(false); // the width of whatever terminal runs the tests is not the point
        return commandLine;
    }

    /** Returns the names leading to every command and subcommand, such as [models, pull]. */
    static Stream<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(Medley.commandLine(), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine commandLine, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        commandLine.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // aliases lead to the same command
                path.add(name);
                collect(sub, path, paths);
                path.removeLast();
            }
        });
    }

    private static String[] args(List<String> path, String... more) {
        return Stream.concat(path.stream(), Arrays.stream(more)).toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void helpOnASubcommandFailedWithExitTwoAsAMissingParameterOrUnknownOption(List<String> path) {
        String usage = "Usage: " + String.join(" ", Stream.concat(Stream.of("medley"), path.stream()).toList());
        for (String[] asked : List.of(args(path, "--help"), args(path, "-h"), args(List.of("help"), path.toArray(String[]::new)))) {
            out.getBuffer().setLength(0);
            int exitCode = medley().execute(asked);
            assertThat(exitCode).as(String.join(" ", asked) + ": " + err).isZero();
            assertThat(out.toString()).as(String.join(" ", asked)).startsWith(usage + " ");
        }
        assertThat(err.toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 80, 120})
    void helpWasWrappedTwiceSplittingPathsAndUrls(int width) {
        List<List<String>> paths = commandPaths().toList();
        for (List<String> path : paths) {
            CommandLine medley = medley();
            medley.setUsageHelpWidth(width);
            CommandLine command = medley;
            for (String name : path) {
                command = command.getSubcommands().get(name);
            }
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            Set<String> rendered = new HashSet<>(Arrays.asList(usage.split("\\s+")));
            for (String word : words(command.getCommandSpec())) {
                assertThat(rendered).as("'%s' in the help of %s at width %d:%n%s", word, path, width, usage).contains(word);
            }
            assertThat(usage.lines()).as("help of %s at width %d", path, width)
                    .allSatisfy(line -> assertThat(line.length() <= width || line.strip().indexOf(' ') < 0).as(line).isTrue());
        }
    }

    // Every word the help is made of: descriptions and footers of the command, of its options and parameters.
    private static List<String> words(CommandSpec spec) {
        List<String> texts = new ArrayList<>();
        texts.addAll(Arrays.asList(spec.usageMessage().description()));
        texts.addAll(Arrays.asList(spec.usageMessage().footer()));
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            if (!arg.hidden()) {
                texts.addAll(Arrays.asList(arg.description()));
            }
        }
        return texts.stream().flatMap(text -> Arrays.stream(text.replace("%n", " ").strip().split("\\s+")))
                .filter(word -> !word.isEmpty()).toList();
    }

    @Test
    void theUrlInTranscribesHelpCameOutSplit() {
        CommandLine medley = medley();
        medley.setUsageHelpWidth(80);
        assertThat(medley.execute("transcribe", "--help")).isZero();
        assertThat(out.toString()).contains("--endpoint https://api.openai.com\n")
                .contains("~/.local/share/medley/catalog.db)");
    }

    @Test
    void aMistypedCommandOrOptionGotNoSuggestion() {
        assertThat(medley().execute("prbe", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown command 'prbe'").contains("Did you mean: medley probe")
                .contains("Try 'medley --help'");
        err.getBuffer().setLength(0);
        assertThat(medley().execute("probe", "--forse", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--forse'").contains("--force")
                .contains("Try 'medley probe --help'");
        err.getBuffer().setLength(0);
        assertThat(medley().execute("help", "models", "pul")).isEqualTo(2);
        assertThat(err.toString()).contains("'pul'").contains("pull");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aCommandNamedFirstIsTheOnlyOneBuiltAndItsHelpAndInheritedOptionsStillWork() {
        CommandLine probeOnly = Medley.commandLine("probe");
        assertThat(probeOnly.getSubcommands().keySet()).containsExactly("probe");
        probeOnly.setOut(new PrintWriter(out, true));
        assertThat(probeOnly.execute("probe", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: medley probe");
        assertThat(probeOnly.getSubcommands().get("probe").getCommandSpec().findOption("--debug")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "demo", "--help", "prbe", "--debug"})
    void anythingButACommandNameFirstGetsEveryCommand(String first) {
        assertThat(Medley.commandLine(first).getSubcommands().keySet())
                .containsAll(Medley.commandLine().getSubcommands().keySet())
                .contains("probe", "process", "models", "help");
    }
}
