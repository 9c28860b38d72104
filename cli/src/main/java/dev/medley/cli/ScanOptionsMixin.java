package dev.medley.cli;

import dev.medley.media.ScanOptions;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The folders to walk and what to take from them. */
final class ScanOptionsMixin {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Folders (walked recursively) or files.")
    List<Path> paths;

    @Option(names = "--include-hidden", description = "Also take hidden files and folders (names starting with '.').")
    boolean includeHidden;

    @Option(names = "--include-partial",
            description = "Also take partial downloads (.part, .crdownload, .!qb, .partial).")
    boolean includePartial;

    @Option(names = "--follow-symlinks", description = "Follow symbolic links, even out of the given folders.")
    boolean followSymlinks;

    ScanOptions options() {
        return new ScanOptions(includeHidden, includePartial, followSymlinks);
    }

    /** Returns the paths, after checking that each exists; a missing one is a usage error. */
    List<Path> checkedPaths(CommandLine commandLine) {
        for (Path path : paths) {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new CommandLine.ParameterException(commandLine, "no such file or folder: " + path);
            }
        }
        return paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }
}
