package dev.medley.cli;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's own options as arguments again, for a cluster member to parse into the same command:
 * the member then checks and reads them exactly as the command here did. Options of mixins (the
 * catalog, the cluster, the scan) stay here: they are about this process.
 */
final class ForwardedOptions {
    private ForwardedOptions() {}

    /** Returns the options declared by {@code declaring} that {@code spec} holds a value for, as arguments. */
    static List<String> of(CommandSpec spec, Class<?> declaring) {
        List<String> arguments = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!(option.userObject() instanceof Field field) || field.getDeclaringClass() != declaring) {
                continue;
            }
            Object value = option.getValue();
            String name = option.longestName();
            if (value == null) {
                continue;
            }
            if (value instanceof Boolean flag) {
                if (option.negatable()) {
                    arguments.add(flag ? name : name.replaceFirst("^--", "--no-"));
                } else if (flag) {
                    arguments.add(name);
                }
            } else if (value instanceof Collection<?> values) {
                if (!values.isEmpty()) {
                    arguments.add(name + "=" + String.join(",", values.stream().map(String::valueOf).toList()));
                }
            } else {
                arguments.add(name + "=" + value);
            }
        }
        return arguments;
    }

    /** Parses {@code arguments} into a new {@code command}, as its command line would, and returns that line. */
    static CommandLine parse(Object command, List<String> arguments, String placeholderPath) {
        CommandLine commandLine = new CommandLine(command);
        List<String> all = new ArrayList<>(arguments);
        all.add(placeholderPath); // The files come one by one from the job; the command wants a path.
        commandLine.parseArgs(all.toArray(String[]::new));
        return commandLine;
    }
}
