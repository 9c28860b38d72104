package dev.medley.speech;

/**
 * An engine's answer for one window of a batch: a {@link WindowTranscript} of what it heard, or a
 * {@link WindowFailure} saying why it could not hear that window. Either names the {@link AudioWindow#id()} it
 * answers, so that a failure stays with its own window and the file it came from.
 */
public sealed interface WindowResult permits WindowTranscript, WindowFailure {

    /** Returns the id of the window this answers. */
    String windowId();
}
