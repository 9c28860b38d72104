package dev.medley.speech;

/**
 * Says that the speech engine could not be opened, so that no file can be transcribed: a problem
 * of the run's set-up (a model not fetched, an option the engine cannot honour), not of any file.
 * {@link TranscribeJob#run} ends with it instead of failing every file the same way.
 */
public final class EngineUnavailable extends RuntimeException {
    EngineUnavailable(Exception cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * Returns whether an option the engine was given is at fault (a language it does not know, a
     * device it cannot use), rather than something missing from the machine (a model file).
     */
    public boolean badOption() {
        return getCause() instanceof IllegalArgumentException;
    }
}
