package dev.medley.cli;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.Journal;
import dev.medley.catalog.PlanInfo;
import dev.medley.catalog.Plans;
import dev.medley.catalog.RunRecord;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine;

/**
 * Chooses the stored plan that {@code organize --apply} carries out, and says which, how old, and
 * how much it does. Without an id only a plan that has not been applied is taken: one whose applies
 * were all interrupted is resumed, and one applied before (undone since or not) is refused, since
 * applying it again silently is rarely what a user who has since undone it wants. With an id, any
 * plan is applied.
 */
final class PlanToApply {
    private final Catalog catalog;
    private final CommandLine commandLine;
    private final PrintStream err;
    private final boolean quiet;

    PlanToApply(Catalog catalog, CommandLine commandLine, PrintStream err, boolean quiet) {
        this.catalog = catalog;
        this.commandLine = commandLine;
        this.err = err;
        this.quiet = quiet;
    }

    /** Returns the newest plan, unless it was applied; says so. */
    long newest() {
        PlanInfo plan;
        try (Plans plans = catalog.plans()) {
            plan = plans.latest().orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                    "there is no plan to apply; make one first: medley organize SRC... --to LIBRARY"));
        }
        return unapplied(plan, "the newest plan");
    }

    /** Returns {@code plan}, the newest and made for the settings given, unless it was applied; says so. */
    long reviewed(PlanInfo plan) {
        return unapplied(plan, "the plan for these sources and settings");
    }

    /** Returns plan {@code id}, applied before or not; says so. */
    long named(long id) {
        PlanInfo plan;
        try (Plans plans = catalog.plans()) {
            plan = plans.find(id).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                    "there is no plan " + id + "; `medley history` lists the runs"));
        }
        say(plan, catalog.applies(plan.runId()));
        return plan.runId();
    }

    private long unapplied(PlanInfo plan, String which) {
        List<RunRecord> applies = catalog.applies(plan.runId());
        RunRecord finished = applies.stream().filter(PlanToApply::finished).findFirst().orElse(null);
        RunRecord undone = applies.stream().filter(this::undone).findFirst().orElse(null);
        if (finished != null || undone != null) {
            RunRecord last = finished != null ? finished : undone;
            throw new CommandLine.ParameterException(commandLine, which + ", plan " + plan.runId() + ", was applied "
                    + ago(last.startedAt()) + " (apply " + last.id() + ": " + last.ok() + " done, " + last.failed()
                    + " failed)" + (undone != null ? " and undone since" : "") + "; apply it again with: medley organize"
                    + " --apply --plan " + plan.runId() + ", or plan again (medley organize SRC... --to LIBRARY) and"
                    + " apply the new plan");
        }
        say(plan, applies);
        return plan.runId();
    }

    // "applying plan 14, made 3 minutes ago: 212 moves", or "resuming ...: 150 of 212 moves left (...)".
    private void say(PlanInfo plan, List<RunRecord> applies) {
        RunRecord last = applies.isEmpty() ? null : applies.getFirst();
        if (quiet || last != null && last.status() == RunRecord.Status.RUNNING) {
            return; // Running: another medley applies it now, and starting this apply refuses and says so.
        }
        long acting;
        try (Plans plans = catalog.plans()) {
            acting = plans.counts(plan.runId())[0];
        }
        long left = acting;
        if (!applies.isEmpty()) {
            try (Journal journal = catalog.journal()) {
                left = acting - journal.doneItemCount(plan.runId());
            }
        }
        boolean resuming = last != null && last.status() == RunRecord.Status.INTERRUPTED;
        String noun = noun(plan.mode(), acting);
        String earlier = last == null ? ""
                : " (apply " + last.id() + (resuming ? " was interrupted" : " ran " + ago(last.startedAt())) + ")";
        err.println((resuming ? "resuming" : "applying") + " plan " + plan.runId() + ", made " + ago(plan.createdAt())
                + ": " + (left == acting ? acting + " " + noun : left + " of " + acting + " " + noun + " left") + earlier);
        err.flush();
    }

    private static boolean finished(RunRecord apply) {
        return apply.status() == RunRecord.Status.COMPLETED || apply.status() == RunRecord.Status.FAILED;
    }

    private boolean undone(RunRecord apply) {
        try (Journal journal = catalog.journal()) {
            return journal.anyUndone(apply.id());
        }
    }

    private static String noun(String mode, long count) {
        String one = switch (mode) {
            case "move" -> "move";
            case "copy" -> "copy";
            case "hardlink" -> "hard link";
            case "symlink" -> "symbolic link";
            case "reflink" -> "clone";
            default -> mode;
        };
        return count == 1 ? one : one.equals("copy") ? "copies" : one + "s";
    }

    /** Returns how long ago {@code then} was, for people: "12 seconds ago", "3 minutes ago", "2 days ago". */
    static String ago(Instant then) {
        return ago(Duration.between(then, Instant.now()));
    }

    static String ago(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        if (seconds < 60) {
            return plural(seconds, "second") + " ago";
        }
        if (seconds < 3600) {
            return plural(seconds / 60, "minute") + " ago";
        }
        if (seconds < 86400) {
            return plural(seconds / 3600, "hour") + " ago";
        }
        return plural(seconds / 86400, "day") + " ago";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
