package dev.medley.core;

/** Turns exceptions into the short reasons stored in results. */
final class Failures {

    private static final int MAX_REASON = 300;

    private Failures() {}

    /** Returns the first line of the message, or the class name when there is no message. */
    static String reason(Throwable t) {
        if (t == null) {
            return "unknown failure";
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            String simple = t.getClass().getSimpleName();
            return simple.isEmpty() ? t.getClass().getName() : simple;
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 3) + "...";
    }
}
