package dev.medley.pipeline;

import dev.medley.catalog.CatalogWriter;
import dev.medley.media.Probing;
import java.util.concurrent.Semaphore;

/** Probes each file once: a probe the catalog holds for the file as it is now is used as it is. */
final class ProbeStage implements Stage {
    private final Probing probing;
    private final Semaphore atOnce;

    /** Probes up to {@code atOnce} files at a time, however many are in flight. */
    ProbeStage(Probing probing, int atOnce) {
        this.probing = probing;
        this.atOnce = new Semaphore(atOnce);
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public StageResult run(MediaFile file, CatalogWriter writer) throws Exception {
        Probing.Probed probed;
        atOnce.acquire();
        try {
            probed = probing.probe(file.scanned(), file.known(), writer);
        } finally {
            atOnce.release();
        }
        MediaFile probedFile = file.withProbe(probed);
        if (!probed.ok()) {
            return new StageResult.Failed(probedFile, probed.error());
        }
        return probed.fromCatalog()
                ? new StageResult.AlreadyDone(probedFile, "probe is current")
                : new StageResult.Done(probedFile);
    }
}
