package dev.medley.cli;

/** The command cannot run at all (exit code 3); the message says why and what to do. */
final class CannotRun extends RuntimeException {
    CannotRun(String message) {
        super(message, null, false, false);
    }
}
