package dev.medley.cli;

import dev.medley.catalog.PathKey;
import dev.medley.catalog.PlanItem;
import dev.medley.core.RawPaths;
import dev.medley.organize.Applier;
import dev.medley.organize.Planner;
import dev.medley.organize.Undo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints plan decisions and their outcomes: one line each, as text or JSON Lines. Each JSON line
 * says what it is in {@code type}: {@code plan-item}, {@code apply-item} or {@code undo-item}, so
 * that a stream mixing them (as {@code medley process --json} does) reads without guessing.
 */
final class OrganizeOutput {
    private final PrintWriter out;
    private final boolean json;
    private final Path library;
    private final List<Path> sources;
    private final String action;

    OrganizeOutput(PrintWriter out, boolean json, Path library, List<Path> sources, String mode) {
        this.out = out;
        this.json = json;
        this.library = library;
        this.sources = sources;
        this.action = mode;
    }

    void planned(long plan, Planner.Planned planned) {
        PlanItem item = planned.item();
        if (json) {
            Map<String, Object> line = item("plan-item", plan, item);
            line.put("what", planned.what());
            print(line);
        } else if (item.skipped()) {
            out.printf("skip      %s  (%s)%n", source(item), item.reason());
        } else {
            out.printf("%-9s %s%n       -> %s  (%s%s)%n", action, source(item), target(item), item.reason(),
                    item.conflict() == null ? "" : "; " + item.conflict());
        }
    }

    void applied(long plan, Applier.Result result) {
        PlanItem item = result.item();
        if (result.status() == Applier.Status.SKIPPED) {
            return; // Reported when planned.
        }
        if (json) {
            Map<String, Object> line = item("apply-item", plan, item);
            line.put("status", result.status().name().toLowerCase(java.util.Locale.ROOT));
            line.put("detail", result.detail());
            print(line);
        } else if (result.status() == Applier.Status.FAILED) {
            out.printf("FAILED    %s: %s%n", PathKey.display(item.source()), result.detail());
        } else {
            out.printf("%-9s %s%n       -> %s%s%n", past(action), source(item), target(item),
                    result.detail() == null ? "" : "  (" + result.detail() + ")");
        }
    }

    void undone(Undo.Result result) {
        var operation = result.operation();
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "undo-item");
            line.put("plan", operation.planRun());
            line.put("seq", operation.planSeq());
            line.put("action", operation.action());
            line.put("source", PathKey.display(operation.source()));
            line.put("target", PathKey.display(operation.target()));
            line.put("status", result.status() == Applier.Status.DONE ? "undone" : "refused");
            line.put("detail", result.detail());
            print(line);
        } else if (result.status() == Applier.Status.DONE) {
            out.printf("%-9s %s%n", operation.action().equals("move") ? "restored" : "removed",
                    operation.action().equals("move") ? PathKey.display(operation.source()) : PathKey.display(operation.target()));
        } else {
            out.printf("KEPT      %s: %s%n", PathKey.display(operation.target()), result.detail());
        }
    }

    private Map<String, Object> item(String type, long plan, PlanItem item) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        line.put("plan", plan);
        line.put("seq", item.seq());
        line.put("action", item.skipped() ? "skip" : action);
        line.put("role", item.role());
        line.put("source", PathKey.display(item.source()));
        line.put("target", item.target() == null ? null : PathKey.display(item.target()));
        line.put("reason", item.reason());
        line.put("conflict", item.conflict());
        line.put("size", item.size());
        return line;
    }

    private void print(Map<String, Object> line) {
        out.println(JsonLine.of(line));
    }

    // Paths relative to their source root or the library read far better in a long listing.
    private String source(PlanItem item) {
        Path path = PathKey.toPath(item.source());
        for (Path root : sources) {
            if (path.startsWith(root) && !path.equals(root)) {
                return RawPaths.display(root.getParent() == null ? path : root.getParent().relativize(path));
            }
        }
        return PathKey.display(item.source());
    }

    private String target(PlanItem item) {
        Path path = PathKey.toPath(item.target());
        return path.startsWith(library) ? RawPaths.display(library.relativize(path)) : PathKey.display(item.target());
    }

    private static String past(String mode) {
        return switch (mode) {
            case "move" -> "moved";
            case "copy" -> "copied";
            case "hardlink" -> "linked";
            case "symlink" -> "symlinked";
            case "reflink" -> "cloned";
            default -> mode;
        };
    }
}
