package dev.medley.pipeline;

import dev.medley.catalog.KnownFile;
import dev.medley.core.RawPaths;
import dev.medley.media.FolderScan;
import dev.medley.media.Probing;
import dev.medley.media.ScannedFile;
import dev.medley.metadata.Identity;
import dev.medley.speech.TranscribeJob;
import java.nio.file.Path;

/**
 * One media file as it flows through the stages, and what each has found so far. Immutable: a
 * stage returns a new record with its part filled in.
 *
 * @param entry the file as the scan listed it
 * @param root the source it was found under (a source that is a file: that file)
 * @param known what the catalog knew of it before this run, or null
 * @param probe what probing found (a failed probe too), or null before the probe stage
 * @param identity what it was identified as, or null before the identify stage
 * @param transcript the transcript written by this run, or null
 */
public record MediaFile(FolderScan.Entry entry, Path root, KnownFile known, Probing.Probed probe, Identity identity,
        TranscribeJob.Outcome transcript) {

    /** Returns a file as scanned, before any stage. */
    public static MediaFile scanned(FolderScan.Entry entry, Path root, KnownFile known) {
        return new MediaFile(entry, root, known, null, null, null);
    }

    public Path path() {
        return entry.path();
    }

    /** Returns the file as the catalog keys it, with its size and modification time. */
    public ScannedFile scanned() {
        return entry.scanned();
    }

    /** Returns the path for people: bytes that are not UTF-8 show as {@code \xNN}. */
    public String display() {
        return RawPaths.display(entry.path());
    }

    /** Returns whether the file was probed and could be read as media. */
    public boolean playable() {
        return probe != null && probe.ok();
    }

    public MediaFile withKnown(KnownFile found) {
        return new MediaFile(entry, root, found, probe, identity, transcript);
    }

    public MediaFile withProbe(Probing.Probed found) {
        return new MediaFile(entry, root, known, found, identity, transcript);
    }

    public MediaFile withIdentity(Identity found) {
        return new MediaFile(entry, root, known, probe, found, transcript);
    }

    public MediaFile withTranscript(TranscribeJob.Outcome written) {
        return new MediaFile(entry, root, known, probe, identity, written);
    }
}
