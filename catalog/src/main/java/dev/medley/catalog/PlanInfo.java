package dev.medley.catalog;

import java.time.Instant;
import java.util.List;

/**
 * The settings of an organise plan; its items are read with {@link Plans#items}.
 *
 * @param runId the dry run that made the plan, which names it
 * @param library the {@link PathKey} of the library root
 * @param mode move, copy, hardlink, symlink or reflink
 * @param fallback {@code copy} when links may fall back to copies, else null
 * @param onConflict skip, rename or keep-both
 * @param sources the {@link PathKey}s of the source roots
 */
public record PlanInfo(
        long runId, String library, String mode, String fallback, String onConflict, List<String> sources,
        Instant createdAt) {}
