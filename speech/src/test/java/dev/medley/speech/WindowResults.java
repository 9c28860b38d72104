package dev.medley.speech;

import java.util.List;

/** Reads engine answers in tests that expect transcripts: a failed window fails the test with its error. */
final class WindowResults {
    private WindowResults() {}

    static WindowTranscript transcript(WindowResult result) {
        return switch (result) {
            case WindowTranscript transcript -> transcript;
            case WindowFailure failure -> throw new AssertionError("window " + failure.windowId() + " failed",
                    failure.error());
        };
    }

    static List<WindowTranscript> transcripts(List<WindowResult> results) {
        return results.stream().map(WindowResults::transcript).toList();
    }

    /** Returns the failure {@code result} is, failing the test when it is a transcript. */
    static Exception failure(WindowResult result) {
        if (result instanceof WindowFailure failure) {
            return failure.error();
        }
        throw new AssertionError("window " + result.windowId() + " was heard, not failed: " + result);
    }
}
