package dev.medley.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/*
 * Why usage help is wrapped here and not by picocli: picocli breaks lines where java.text.BreakIterator allows,
 * which is after '/', '.' and '!' too, so "~/.local/share" or "https://api.openai.com" came out split in two.
 * Here lines break at spaces only; a word wider than its column starts further left (in the option table) or
 * overflows the line (in a paragraph), whole either way. Each description and footer element is one paragraph,
 * wrapped once to the usage width: elements wrapped by hand and then again by picocli left half lines behind.
 */

/** Renders usage help that wraps at spaces only, never inside a word, path or URL. */
final class HelpText {
    /** Extra indent of an indented paragraph's continuation lines, so that examples stay apart. */
    private static final int HANGING_INDENT = 4;
    /** The narrowest column of comments beside examples worth keeping; narrower, they hang as text does. */
    private static final int MIN_COMMENT_WIDTH = 24;
    // An example line: indent, the command, two or more spaces, what it does.
    private static final Pattern COMMENTED = Pattern.compile("^ +\\S.*?\\S( {2,})\\S");

    private HelpText() {}

    /** Makes {@code commandLine} and its subcommands render help through this class. */
    static void install(CommandLine commandLine) {
        commandLine.setHelpFactory(HelpText::help);
        commandLine.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                help -> paragraphs(help.commandSpec().usageMessage().description(), width(help)));
        commandLine.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER,
                help -> paragraphs(help.commandSpec().usageMessage().footer(), width(help)));
        commandLine.getSubcommands().values().forEach(HelpText::install);
    }

    private static int width(Help help) {
        return help.commandSpec().usageMessage().width();
    }

    /**
     * Returns {@code elements} as paragraphs, one per element ({@code %n} starts a new one), each
     * wrapped to {@code width}. An indented paragraph's further lines hang a little deeper, or, for
     * an example with a comment beside it, under the comment.
     */
    static String paragraphs(String[] elements, int width) {
        StringBuilder text = new StringBuilder();
        for (String element : elements) {
            for (String paragraph : element.replace("%%", "%").split("%n|\n", -1)) {
                int hanging = hanging(paragraph, width);
                List<String> lines = wrap(paragraph.stripTrailing(), width, width - hanging);
                for (int i = 0; i < lines.size(); i++) {
                    text.append(i == 0 ? "" : " ".repeat(hanging)).append(lines.get(i)).append(System.lineSeparator());
                }
            }
        }
        return text.toString();
    }

    private static int hanging(String paragraph, int width) {
        int indent = paragraph.length() - paragraph.stripLeading().length();
        if (indent == 0) {
            return 0;
        }
        Matcher comment = COMMENTED.matcher(paragraph);
        if (comment.find() && width - comment.end(1) >= MIN_COMMENT_WIDTH) {
            return comment.end(1);
        }
        return indent + HANGING_INDENT;
    }

    /**
     * Returns {@code text} cut into lines at spaces: the first at most {@code firstWidth} long, the
     * others at most {@code restWidth}, unless one word alone is longer. Spaces where a line breaks
     * are dropped; the leading ones of the first line are kept.
     */
    static List<String> wrap(String text, int firstWidth, int restWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int width = firstWidth;
        int i = 0;
        while (i < text.length()) {
            int wordStart = i;
            while (wordStart < text.length() && text.charAt(wordStart) == ' ') {
                wordStart++;
            }
            int wordEnd = wordStart;
            while (wordEnd < text.length() && text.charAt(wordEnd) != ' ') {
                wordEnd++;
            }
            String gap = text.substring(i, wordStart);
            String word = text.substring(wordStart, wordEnd);
            if (!line.isEmpty() && line.length() + gap.length() + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
                width = restWidth;
                gap = "";
            }
            line.append(gap).append(word);
            i = wordEnd;
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static Help help(CommandSpec spec, ColorScheme colorScheme) {
        return new Help(spec, colorScheme) {
            @Override
            public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                    ColorScheme scheme) {
                Layout layout = super.createDefaultLayout(options, positionals, scheme);
                return new Layout(scheme, new WordWrappingTable(scheme, layout.textTable()), layout.optionRenderer(),
                        layout.parameterRenderer());
            }

            @Override
            public TextTable createTextTable(Map<?, ?> map) {
                return new WordWrappingTable(colorScheme(), super.createTextTable(map));
            }
        };
    }

    /** Picocli's table with its columns as they are, wrapping its wrapped columns at spaces only. */
    private static final class WordWrappingTable extends TextTable {
        private final ColorScheme scheme;

        WordWrappingTable(ColorScheme scheme, TextTable model) {
            super(scheme, model.columns());
            this.scheme = scheme;
            this.indentWrappedLines = model.indentWrappedLines;
            setAdjustLineBreaksForWideCJKCharacters(model.isAdjustLineBreaksForWideCJKCharacters());
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            if (value == null || column.overflow != Column.Overflow.WRAP) {
                return super.putValue(row, col, value);
            }
            int first = column.width - column.indent;
            List<String> lines = wrap(value.plainString(), first, first - indentWrappedLines);
            if (lines.size() == 1) {
                return super.putValue(row, col, value); // as given, styles and all
            }
            Cell cell = null;
            for (String line : lines) {
                if (cell == null) {
                    cell = super.putValue(row, col, text(line));
                    continue;
                }
                addEmptyRow();
                String indented = " ".repeat(indentWrappedLines) + line;
                boolean outdent = indented.length() > first && col > 0
                        && columns()[col - 1].overflow == Column.Overflow.SPAN;
                // A word wider than the column starts a column further left, on a line of its own, rather than split.
                cell = super.putValue(cell.row + 1, outdent ? col - 1 : col, text(outdent ? line : indented));
            }
            return cell;
        }

        private Text text(String plain) {
            return scheme.ansi().new Text(plain, scheme);
        }
    }
}
