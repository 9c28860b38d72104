package dev.medley.speech;

import java.util.Objects;

/**
 * A window the engine could not recognise while it answered the rest of its batch. The file the window came
 * from fails with {@code error}; other files in the same batch are not affected.
 *
 * @param windowId the {@link AudioWindow#id()} it answers
 * @param error why; its message is what the user reads, so it names the window or says what went wrong
 */
public record WindowFailure(String windowId, Exception error) implements WindowResult {
    public WindowFailure {
        Objects.requireNonNull(windowId, "windowId");
        Objects.requireNonNull(error, "error");
    }
}
