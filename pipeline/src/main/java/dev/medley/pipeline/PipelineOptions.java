package dev.medley.pipeline;

import dev.medley.llm.NameRefiner;
import dev.medley.media.Prober;
import dev.medley.media.ScanOptions;
import dev.medley.metadata.Identify;
import dev.medley.organize.Planner;
import dev.medley.speech.TranscribeJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a pipeline run does.
 *
 * @param command the command the run is recorded as ({@code process}, {@code organize})
 * @param sources the folders (walked recursively) or files to go through
 * @param workers files in flight at once
 * @param prober how files are probed
 * @param identify how files are identified
 * @param refine how names the parser was unsure of are put to a language model, or null not to
 * @param transcribe how speech is transcribed, or null not to transcribe
 * @param plan where files are filed, or null not to plan
 * @param apply whether to carry out the plan at once
 * @param applyPerDevice operations carried out at once on each device when applying (1: in plan order)
 */
public record PipelineOptions(String command, List<Path> sources, int workers, ScanOptions scan, Prober prober,
        boolean forceProbe, Identify identify, NameRefiner refine, TranscribeJob transcribe, Planner.Options plan,
        boolean apply, int applyPerDevice) {

    /** Options without a language model. */
    public PipelineOptions(String command, List<Path> sources, int workers, ScanOptions scan, Prober prober,
            boolean forceProbe, Identify identify, TranscribeJob transcribe, Planner.Options plan, boolean apply,
            int applyPerDevice) {
        this(command, sources, workers, scan, prober, forceProbe, identify, null, transcribe, plan, apply, applyPerDevice);
    }

    /** Options without a language model that apply, when they apply, one operation at a time per device. */
    public PipelineOptions(String command, List<Path> sources, int workers, ScanOptions scan, Prober prober,
            boolean forceProbe, Identify identify, TranscribeJob transcribe, Planner.Options plan, boolean apply) {
        this(command, sources, workers, scan, prober, forceProbe, identify, null, transcribe, plan, apply, 1);
    }

    /** Returns these options with {@code refiner} asked about unsure names. */
    public PipelineOptions withRefine(NameRefiner refiner) {
        return new PipelineOptions(command, sources, workers, scan, prober, forceProbe, identify, refiner, transcribe,
                plan, apply, applyPerDevice);
    }

    /**
     * Returns the files in flight at once: {@link #workers}, or with a language model enough to
     * fill its requests (names wait for company there); the probe then still takes {@link #workers}
     * files at a time.
     */
    public int filesInFlight() {
        return refine == null ? workers : Math.max(workers, refine.capacity());
    }

    public PipelineOptions {
        Objects.requireNonNull(command, "command");
        sources = List.copyOf(sources);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(prober, "prober");
        Objects.requireNonNull(identify, "identify");
        if (applyPerDevice < 1) {
            throw new IllegalArgumentException("operations per device must be at least 1: " + applyPerDevice);
        }
        if (apply && plan == null) {
            throw new IllegalArgumentException("applying needs a plan");
        }
    }
}
