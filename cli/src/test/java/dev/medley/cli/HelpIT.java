package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage help through the packaged command: the way users ask for it, on every level of subcommand. */
class HelpIT {
    @Test
    void subcommandHelpFailedWithExitTwoWhileTheErrorTextSaidToRunIt() throws Exception {
        for (List<String> asked : List.of(List.of("probe", "--help"), List.of("identify", "-h"),
                List.of("models", "pull", "--help"), List.of("bench", "scan", "-h"), List.of("help", "models", "verify"),
                List.of("help", "transcribe"))) {
            MedleyProcess.Result result = MedleyProcess.run(asked.toArray(String[]::new));
            String command = String.join(" ", asked.stream().filter(word -> !word.startsWith("-") && !word.equals("help")).toList());
            assertThat(result.exitCode()).as(asked + ": " + result.stderr()).isZero();
            assertThat(result.stdout()).as(asked.toString()).startsWith("Usage: medley " + command + " ");
            assertThat(result.stderr()).as(asked.toString()).isEmpty();
        }
    }

    @Test
    void helpLinesWereWrappedTwiceAndSplitAUrl() throws Exception {
        MedleyProcess.Result result = MedleyProcess.run("transcribe", "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("  medley transcribe x.m4a --engine remote --endpoint https://api.openai.com\n")
                .contains(" ~/.local/share/medley/catalog.db),").contains(" postgresql://USER@HOST/DATABASE ");
        assertThat(result.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
    }

    @Test
    void anUnknownCommandGotNoDidYouMean() throws Exception {
        MedleyProcess.Result command = MedleyProcess.run("trancsribe", "talk.mp3");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.stdout()).isEmpty();
        assertThat(command.stderr()).contains("unknown command 'trancsribe'").contains("Did you mean: medley transcribe")
                .contains("Try 'medley --help'");

        MedleyProcess.Result option = MedleyProcess.run("scan", "--inlcude-hidden", ".");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.stderr()).contains("Unknown option: '--inlcude-hidden'").contains("--include-hidden")
                .contains("Try 'medley scan --help'");
    }
}
