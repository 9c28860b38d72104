package dev.medley.pipeline;

import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.IdentityRecord;
import dev.medley.core.RawPaths;
import dev.medley.media.MediaProbe;
import dev.medley.metadata.Identify;
import dev.medley.metadata.Identity;
import java.util.Map;

/**
 * Identifies each file from its path below its source, its tags and its duration, and keeps the
 * identity in the catalog; an identity kept for the file as it is now, made by the same parser
 * with the same options and source, is used as it is. A file that could not be probed is still
 * identified, by its name alone, so that the plan can say what it is.
 */
final class IdentifyStage implements Stage {
    private final Identify identify;

    IdentifyStage(Identify identify) {
        this.identify = identify;
    }

    @Override
    public String name() {
        return "identify";
    }

    @Override
    public StageResult run(MediaFile file, CatalogWriter writer) {
        // Escaped text, not toString(): a title from a name that is not UTF-8 keeps its bytes into the target name.
        // The source is the root: folders below it are evidence, the folders that hold it are not.
        String root = RawPaths.text(file.root());
        String version = identify.version() + ";" + root;
        IdentityRecord kept = file.known() == null ? null : file.known().identity();
        long size = file.entry().size();
        long mtime = file.entry().mtimeNanos();
        if (kept != null && kept.isCurrent(size, mtime, version)) {
            try {
                return new StageResult.AlreadyDone(file.withIdentity(StoredIdentity.read(kept.fieldsJson())),
                        "identity is current");
            } catch (java.io.UncheckedIOException unreadable) {
                // Not as this version writes it: identified again below, and kept anew.
            }
        }
        MediaProbe probe = file.playable() ? file.probe().probe() : null;
        Identity identity = identify.identify(RawPaths.text(file.path()),
                probe == null || probe.tags() == null ? Map.of() : probe.tags(),
                new Identify.Context(root, probe == null ? null : probe.durationSeconds()));
        writer.saveIdentity(new IdentityRecord(file.scanned().key(), size, mtime, version,
                identity.name().kind().key(), identity.name().confidence(), StoredIdentity.write(identity)));
        return new StageResult.Done(file.withIdentity(identity));
    }
}
