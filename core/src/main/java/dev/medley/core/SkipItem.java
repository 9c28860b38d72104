package dev.medley.core;

/**
 * Marks the current item skipped rather than failed; thrown by a {@link Task}.
 *
 * <p>Carries no stack trace: it is an answer, not an error.
 */
public final class SkipItem extends RuntimeException {

    private final String reason;

    /** Creates a skip signal with a short human reason, such as "already identified". */
    public SkipItem(String reason) {
        super(reason, null, false, false);
        this.reason = reason == null || reason.isBlank() ? "skipped" : reason;
    }

    /** Returns the reason given when skipping. */
    public String reason() {
        return reason;
    }
}
