package dev.medley.pipeline;

import dev.medley.catalog.CatalogWriter;
import dev.medley.core.BatchAnswer;
import dev.medley.core.BatchRequest;
import dev.medley.core.MicroBatcher;
import dev.medley.llm.NameRefiner;
import dev.medley.metadata.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Asks a language model about the names the parser was unsure of. Files arrive one at a time from
 * several workers; a {@link MicroBatcher} gathers their names so that each request carries many,
 * and every file waits for its own answer. A name the model gave no answer for fails the file's
 * stage with the reason, and the file goes on with the parser's reading.
 */
final class RefineStage implements Stage {
    /** How long a name waits for others to share its request. */
    private static final Duration GATHER = Duration.ofMillis(200);

    private final NameRefiner refiner;
    private MicroBatcher<Identity, NameRefiner.Refined> batcher;

    RefineStage(NameRefiner refiner) {
        this.refiner = refiner;
    }

    @Override
    public String name() {
        return "refine";
    }

    @Override
    public StageResult run(MediaFile file, CatalogWriter writer) throws Exception {
        Identity identity = file.identity();
        if (identity == null) {
            return new StageResult.Passed(file, "not identified");
        }
        if (!refiner.wants(identity)) {
            return new StageResult.Passed(file, "the parser was sure");
        }
        NameRefiner.Refined refined;
        try {
            refined = batcher().submit(identity).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException fault) {
                throw fault;
            }
            throw e;
        }
        if (refined.error() != null) {
            return new StageResult.Failed(file, "the model gave no answer: " + refined.error());
        }
        MediaFile answered = file.withIdentity(refined.identity());
        return refined.fromCache()
                ? new StageResult.AlreadyDone(answered, "the model's answer is kept in the catalog")
                : new StageResult.Done(answered);
    }

    private synchronized MicroBatcher<Identity, NameRefiner.Refined> batcher() {
        if (batcher == null) {
            batcher = MicroBatcher.<Identity, NameRefiner.Refined>builder()
                    .maxBatchSize(refiner.capacity())
                    .maxWait(GATHER)
                    // One group at a time: the refiner runs --llm-workers requests in parallel within it, and
                    // two groups at once would double the requests in flight past what was asked.
                    .maxBatchesInFlight(1)
                    .build(this::refine);
        }
        return batcher;
    }

    private List<BatchAnswer<NameRefiner.Refined>> refine(List<BatchRequest<Identity>> batch) throws InterruptedException {
        List<NameRefiner.Refined> refined = refiner.refine(batch.stream().map(BatchRequest::item).toList());
        List<BatchAnswer<NameRefiner.Refined>> answers = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            answers.add(BatchAnswer.ok(batch.get(i).id(), refined.get(i)));
        }
        return answers;
    }

    @Override
    public synchronized void finish() {
        if (batcher != null) {
            batcher.close();
            batcher = null;
        }
    }
}
