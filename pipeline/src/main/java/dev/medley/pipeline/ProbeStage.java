package dev.medley.pipeline;

import dev.medley.catalog.CatalogWriter;
import dev.medley.media.Probing;

/** Probes each file once: a probe the catalog holds for the file as it is now is used as it is. */
final class ProbeStage implements Stage {
    private final Probing probing;

    ProbeStage(Probing probing) {
        this.probing = probing;
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public StageResult run(MediaFile file, CatalogWriter writer) throws Exception {
        Probing.Probed probed = probing.probe(file.scanned(), file.known(), writer);
        MediaFile probedFile = file.withProbe(probed);
        if (!probed.ok()) {
            return new StageResult.Failed(probedFile, probed.error());
        }
        return probed.fromCatalog()
                ? new StageResult.AlreadyDone(probedFile, "probe is current")
                : new StageResult.Done(probedFile);
    }
}
