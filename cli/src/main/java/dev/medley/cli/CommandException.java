package dev.medley.cli;

/**
 * Stops a command with a message for the user and the exit code that says whose move it is: bad
 * usage (2: change the command) or a set-up that cannot run (3: fix the machine, fetch a model).
 * Any other exception that escapes a command is a bug in Medley and is reported as one.
 */
final class CommandException extends RuntimeException {
    /** Exit code: bad usage. */
    static final int BAD_USAGE = 2;
    /** Exit code: the run could not go on at all. */
    static final int CANNOT_RUN = 3;

    private final int exitCode;

    private CommandException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Returns an error in how the command was called: an option value that cannot be honoured. */
    static CommandException badUsage(String message) {
        return new CommandException(BAD_USAGE, message, null);
    }

    /** Returns an error in what the command needs and lacks: a model not fetched, a library this build lacks. */
    static CommandException cannotRun(String message, Throwable cause) {
        return new CommandException(CANNOT_RUN, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
