package dev.medley.pipeline;

/** What a stage made of one file: done now, done before, nothing to do, or failed. */
public sealed interface StageResult {

    /** Returns the record as the stage leaves it. */
    MediaFile file();

    /** The stage did its work on the file now. */
    record Done(MediaFile file) implements StageResult {}

    /** The catalog already held the stage's result for the file as it is now: nothing was redone. */
    record AlreadyDone(MediaFile file, String why) implements StageResult {}

    /** The stage has nothing to do for this file (music is not transcribed, for one). */
    record Passed(MediaFile file, String why) implements StageResult {}

    /** The stage failed for this file, for a reason that names what is wrong with it. */
    record Failed(MediaFile file, String reason) implements StageResult {}
}
