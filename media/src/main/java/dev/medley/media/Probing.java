package dev.medley.media;

import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.KnownFile;
import dev.medley.catalog.ProbeRecord;
import java.io.IOException;

/**
 * Probes one file unless the catalog's probe of it is current, recording what it does through a
 * catalog writer. A failed probe is an answer, not an exception: the file is damaged or not media,
 * and the stages after still want to know what it is called.
 */
public final class Probing {

    /**
     * A file's probe: the one just taken, or the one the catalog held, read only if asked for.
     *
     * @param fresh the probe just taken, or null when the catalog's is current
     * @param record the probe as the catalog keeps it (just saved, or held from before)
     */
    public record Probed(MediaProbe fresh, ProbeRecord record) {
        /** Returns whether this probe is the catalog's, still current, rather than one taken now. */
        public boolean fromCatalog() {
            return fresh == null;
        }

        /** Returns whether the file could be read as media. */
        public boolean ok() {
            return record.ok();
        }

        /** Returns why the file could not be read as media, or null. */
        public String error() {
            return record.error();
        }

        /** Returns the whole probe; one kept in the catalog is read from its stored form on this call. */
        public MediaProbe probe() {
            return fresh != null ? fresh : ProbeJson.read(record.resultJson());
        }
    }

    private final Prober prober;
    private final boolean force;

    /** @param force probe even files whose probe is current */
    public Probing(Prober prober, boolean force) {
        this.prober = prober;
        this.force = force;
    }

    /** Returns the prober. */
    public Prober prober() {
        return prober;
    }

    /** Probes {@code file} (which the catalog knew as {@code known}, or null) unless its probe is current. */
    public Probed probe(ScannedFile file, KnownFile known, CatalogWriter writer) throws IOException {
        boolean unchanged = known != null && !known.missing() && known.unchanged(file.size(), file.mtimeNanos());
        if (!force && unchanged && known.probeIsCurrent(file.size(), file.mtimeNanos()) && !timedOut(known.probe())) {
            writer.markSeen(known.id());
            return new Probed(null, known.probe());
        }
        String fingerprint = !unchanged || known.fingerprint() == null ? Fingerprint.of(file.path(), file.size()) : null;
        MediaProbe probe = prober.probe(file.path());
        writer.upsertFile(file.state(fingerprint));
        ProbeRecord record = new ProbeRecord(file.key(), file.size(), file.mtimeNanos(), probe.ok(), probe.error(),
                prober.name(), ProbeJson.write(probe));
        writer.saveProbe(record);
        return new Probed(probe, record);
    }

    // A probe that ran out of time may succeed on a calmer run; any other failure is the file's.
    private static boolean timedOut(ProbeRecord probe) {
        return !probe.ok() && probe.error() != null && probe.error().startsWith("timed out");
    }
}
