package dev.medley.cli;

import dev.medley.metadata.Identify;
import dev.medley.organize.Templates;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How files are identified and named: the templates, whether names outweigh tags, and capitals. */
final class NamingOptionsMixin {
    @Option(names = "--templates", paramLabel = "FILE",
            description = "Naming templates, lines of `key = template` (keys and fields: `medley organize --help`).")
    Path templatesFile;

    @Option(names = "--names-win", description = "Prefer what names and folders say over tags; tags still fill what "
            + "names leave out. By default tags win, but for junk ones (a site, the file's own name, a release name).")
    boolean namesWin;

    @Option(names = "--title-case", description = "Give capitals to names written all in lower case: "
            + "\"the wire\" is filed as \"The Wire\" (for one field of a template: {show:title}).")
    boolean titleCase;

    /** Returns the templates the options give; a mistake in the file is bad usage. */
    Templates templates(CommandLine commandLine) throws IOException {
        Templates templates;
        try {
            templates = templatesFile == null ? Templates.DEFAULT : Templates.load(templatesFile);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--templates " + e.getMessage());
        }
        return templates.withTitleCase(titleCase);
    }

    /** Returns the identifier the options ask for. */
    Identify identify() {
        return namesWin ? new Identify(new Identify.Options(false)) : Identify.DEFAULT;
    }
}
