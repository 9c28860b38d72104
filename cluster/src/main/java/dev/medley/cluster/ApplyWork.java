package dev.medley.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.catalog.PlanBeingAppliedException;
import dev.medley.catalog.PathKey;
import dev.medley.organize.Applier;
import dev.medley.organize.Recovery;
import dev.medley.pipeline.PlanApply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies an organise plan on one member: the plan is made once (by the submitter, from what the
 * members found), and its job has one item, so one member carries out every operation, at most
 * {@code perDevice} at a time on each target device, journaled in the shared catalog. A member that
 * dies mid-way leaves its operations in the journal; the member that takes the item over first puts
 * them straight (finishing or rolling back each, as after a crash on one machine), then applies the
 * rest: no operation is lost or done twice. Undo works from any machine that sees the library.
 *
 * <p>Spec: {@code {"planRun": 12, "perDevice": 1}}.
 */
public final class ApplyWork implements WorkKind {
    public static final String NAME = "apply";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long to wait for an earlier apply of the plan, on a machine that may be gone, to be seen as gone. */
    private static final Duration WAIT_FOR_EARLIER = Duration.ofMinutes(5);
    private static final int FAILURES_SHOWN = 20;

    /** Returns the spec of applying plan {@code planRun}. */
    public static String spec(long planRun, int perDevice) {
        return JSON.createObjectNode().put("planRun", planRun).put("perDevice", perDevice).toString();
    }

    /** Returns the one item of an apply job: the library, as the catalog keys it. */
    public static String item(String library) {
        return PathKey.of(java.nio.file.Path.of(library));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Worker open(String spec, MemberResources resources) throws Exception {
        JsonNode options = JSON.readTree(spec);
        long planRun = options.path("planRun").asLong();
        int perDevice = Math.max(1, options.path("perDevice").asInt(1));
        return items -> CompletableFuture.supplyAsync(() -> items.stream().map(item -> apply(planRun, perDevice, resources))
                .toList(), java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    }

    private static ItemOutcome apply(long planRun, int perDevice, MemberResources resources) {
        long deadline = System.nanoTime() + WAIT_FOR_EARLIER.toNanos();
        while (true) {
            // What an apply that died left half done is put straight first; only dead runs' operations are touched.
            resources.catalog().interruptDeadRuns();
            List<Recovery.Recovered> recovered = Recovery.recover(resources.catalog());
            AtomicInteger shown = new AtomicInteger();
            ArrayNode failures = JSON.createArrayNode();
            try {
                Applier.Summary summary = PlanApply.apply(resources.catalog(), planRun, perDevice, result -> {
                    if (result.status() == Applier.Status.FAILED && shown.getAndIncrement() < FAILURES_SHOWN) {
                        failures.addObject().put("source", PathKey.display(result.item().source()))
                                .put("error", result.detail());
                    }
                });
                ObjectNode line = JSON.createObjectNode().put("type", "apply").put("plan", planRun)
                        .put("run", summary.runId()).put("member", resources.memberName()).put("done", summary.done())
                        .put("failed", summary.failed()).put("skipped", summary.skipped())
                        .put("alreadyDone", summary.alreadyDone()).put("recovered", recovered.size());
                line.set("failures", failures);
                return summary.failed() > 0 ? ItemOutcome.failed(line.toString()) : ItemOutcome.done(line.toString());
            } catch (PlanBeingAppliedException busy) {
                // Another apply of the plan is recorded as running: a live one, or one on a machine whose
                // heartbeat has not yet run out. Wait for it rather than apply beside it.
                if (System.nanoTime() > deadline) {
                    return ItemOutcome.failed(JSON.createObjectNode().put("type", "apply").put("plan", planRun)
                            .put("error", busy.getMessage()).toString());
                }
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for an earlier apply", e);
                }
            }
        }
    }
}
