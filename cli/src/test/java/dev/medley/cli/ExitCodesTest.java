package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** How an exception that leaves a command becomes an exit code and a message, decided in Medley.commandLine. */
class ExitCodesTest {
    private final StringWriter err = new StringWriter();

    @Command(name = "bug")
    static final class Bug implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalArgumentException("index -1 out of range");
        }
    }

    @Command(name = "no-model")
    static final class NoModel implements Callable<Integer> {
        @Override
        public Integer call() {
            throw CommandException.cannotRun("whisper model 'base.en' is missing: `medley models pull base.en`", null);
        }
    }

    @Command(name = "bad-value")
    static final class BadValue implements Callable<Integer> {
        @Override
        public Integer call() {
            throw CommandException.badUsage("there is no plan 7");
        }
    }

    private int run(Object command, String name) {
        CommandLine medley = Medley.commandLine();
        medley.addSubcommand(name, command);
        medley.setErr(new PrintWriter(err, true));
        return medley.execute(name);
    }

    @Test
    void anIllegalArgumentExceptionFromABugReadAsTheUsersMistake() {
        assertThat(run(new Bug(), "bug")).isEqualTo(3);
        assertThat(err.toString()).startsWith("medley: internal error: java.lang.IllegalArgumentException: index -1")
                .doesNotContain("--help");
    }

    @Test
    void aSetUpErrorSaysWhatToRunAndExitsThree() {
        assertThat(run(new NoModel(), "no-model")).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("medley: whisper model 'base.en' is missing: `medley models pull base.en`"
                + System.lineSeparator());
    }

    @Test
    void badUsageFoundWhileRunningExitsTwoAndPointsAtHelp() {
        assertThat(run(new BadValue(), "bad-value")).isEqualTo(2);
        assertThat(err.toString()).contains("medley: there is no plan 7").contains("Try 'medley bad-value --help'");
    }
}
