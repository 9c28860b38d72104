package dev.medley.catalog;

/**
 * One line of an organise plan: a file to move, copy or link, or one passed over and why.
 *
 * @param seq the item's place in the plan, from 0
 * @param role {@code media}, {@code extra} or {@code sidecar}
 * @param source the file's {@link PathKey} now
 * @param target the {@link PathKey} it goes to, or null when skipped
 * @param skipped whether the plan leaves the file where it is
 * @param reason what the file was taken for ("episode S01E02 of Show"), or why it is skipped
 * @param conflict what stood in the way ("target exists", "duplicate of ..."), or null
 * @param size the file's size when planned
 * @param hash its content hash where the plan needed one (duplicates), else null
 */
public record PlanItem(
        long seq, String role, String source, String target, boolean skipped, String reason, String conflict,
        long size, String hash) {}
