package dev.medley.cluster;

import java.io.Serializable;

/**
 * What a member made of one file.
 *
 * @param kind done, failed (the file's fault), or refused (this member cannot read it: another should try)
 * @param line the result as the single-machine command's {@code --json} line, or the reason it failed
 */
public record ItemOutcome(Kind kind, String line) implements Serializable {
    public enum Kind { DONE, FAILED, REFUSED }

    public static ItemOutcome done(String line) {
        return new ItemOutcome(Kind.DONE, line);
    }

    public static ItemOutcome failed(String line) {
        return new ItemOutcome(Kind.FAILED, line);
    }

    public static ItemOutcome refused(String reason) {
        return new ItemOutcome(Kind.REFUSED, reason);
    }
}
