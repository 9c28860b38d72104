package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bare {@code organize --apply} silently re-applied a plan that had been applied and undone ten
 * minutes before. Through the packaged command: it applies only the newest plan that has not been
 * applied, says which and how old, and otherwise refuses and says how to go on.
 */
class BareApplyIT {
    @TempDir Path dir;

    @Test
    void aBareApplyTakesOnlyTheNewestPlanNotYetAppliedAndSaysWhich() throws Exception {
        Path in = dir.resolve("in");
        TestMedia.write(in.resolve("Heat.1995.1080p.mkv"), 1);
        TestMedia.write(in.resolve("Ronin.1998.720p.mkv"), 2);
        Map<String, String> before = LibraryTrees.hashes(in);
        Path library = dir.resolve("lib");
        String catalog = dir.resolve("catalog.db").toString();

        MedleyProcess.Result plan = MedleyProcess.run("organize", in.toString(), "--to", library.toString(),
                "--catalog", catalog);
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        String id = planId(plan);

        MedleyProcess.Result apply = MedleyProcess.run("organize", "--apply", "--catalog", catalog);
        assertThat(apply.exitCode()).as(apply.stderr()).isZero();
        assertThat(apply.stderr()).containsPattern("applying plan " + id + ", made \\d+ seconds? ago: 2 moves\n");
        assertThat(LibraryTrees.hashes(library)).hasSize(2);

        MedleyProcess.Result again = MedleyProcess.run("organize", "--apply", "--catalog", catalog);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.stderr()).contains("plan " + id + ", was applied ", "--apply --plan " + id, "plan again");

        MedleyProcess.Result undo = MedleyProcess.run("undo", "--last", "--catalog", catalog);
        assertThat(undo.exitCode()).as(undo.stderr()).isZero();
        assertThat(LibraryTrees.hashes(in)).isEqualTo(before);

        MedleyProcess.Result afterUndo = MedleyProcess.run("organize", "--apply", "--catalog", catalog);
        assertThat(afterUndo.exitCode()).isEqualTo(2);
        assertThat(afterUndo.stderr()).contains("plan " + id + ", was applied ", "and undone since",
                "--apply --plan " + id);
        assertThat(LibraryTrees.hashes(in)).as("nothing re-applied").isEqualTo(before);
        assertThat(LibraryTrees.hashes(library)).isEmpty();

        MedleyProcess.Result reviewed = MedleyProcess.run("organize", in.toString(), "--to", library.toString(),
                "--apply", "--catalog", catalog);
        assertThat(reviewed.exitCode()).as("the reviewed plan, applied and undone too").isEqualTo(2);
        assertThat(reviewed.stderr()).contains("and undone since");
        assertThat(LibraryTrees.hashes(in)).isEqualTo(before);

        MedleyProcess.Result explicit = MedleyProcess.run("organize", "--apply", "--plan", id, "--catalog", catalog);
        assertThat(explicit.exitCode()).as(explicit.stderr()).isZero();
        assertThat(explicit.stderr()).contains("applying plan " + id + ", made ");
        assertThat(LibraryTrees.hashes(library)).hasSize(2);
        assertThat(LibraryTrees.hashes(in)).isEmpty();

        // A new plan is the newest, never applied: a bare apply takes it.
        MedleyProcess.Result undoAgain = MedleyProcess.run("undo", "--last", "--catalog", catalog);
        assertThat(undoAgain.exitCode()).as(undoAgain.stderr()).isZero();
        MedleyProcess.Result newPlan = MedleyProcess.run("organize", in.toString(), "--to", library.toString(),
                "--mode", "copy", "--catalog", catalog);
        String newId = planId(newPlan);
        assertThat(newId).isNotEqualTo(id);
        MedleyProcess.Result applyNew = MedleyProcess.run("organize", "--apply", "--catalog", catalog);
        assertThat(applyNew.exitCode()).as(applyNew.stderr()).isZero();
        assertThat(applyNew.stderr()).containsPattern("applying plan " + newId + ", made \\d+ seconds? ago: 2 copies\n");
        assertThat(LibraryTrees.hashes(in)).isEqualTo(before);
        assertThat(LibraryTrees.hashes(library)).hasSize(2);
    }

    private static String planId(MedleyProcess.Result plan) {
        Matcher matcher = Pattern.compile("plan (\\d+): ").matcher(plan.stderr());
        assertThat(matcher.find()).as(plan.stderr()).isTrue();
        return matcher.group(1);
    }

}
