package dev.medley.cluster;

/**
 * A kind of work a member can do for a job ({@code probe}, {@code transcribe}, ...): it opens a
 * {@link Worker} once per member for each job, which holds the member's one model, shared by all of
 * the job's batches there.
 */
public interface WorkKind {

    /** Returns the name jobs of this kind are submitted under. */
    String name();

    /**
     * Opens the member's worker for a job of this kind with options {@code spec} (JSON, as submitted).
     *
     * @throws Exception if the member cannot do this work (its model is missing, say); the job fails
     */
    Worker open(String spec, MemberResources resources) throws Exception;
}
