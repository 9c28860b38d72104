package dev.medley.media;

/**
 * Thrown by a {@link LibraryJob} task for a file that did not probe: the batch records it as a
 * failed item, and the probe, with whatever was learnt, travels along for output.
 */
public final class ProbeFailed extends Exception {
    private final String probeJson;

    ProbeFailed(String error, String probeJson) {
        super(error, null, false, false);
        this.probeJson = probeJson;
    }

    /** Returns the failed probe as JSON. */
    public String probeJson() {
        return probeJson;
    }
}
