package dev.medley.pipeline;

import dev.medley.catalog.CatalogWriter;
import dev.medley.core.SkipItem;
import dev.medley.media.MediaProbe;
import dev.medley.metadata.MediaKind;
import dev.medley.speech.TranscribeJob;
import java.util.regex.Pattern;

/**
 * Transcribes speech: every kind but music (episodes, films, podcasts, lectures, audiobooks), and
 * music tagged as spoken. Files of all workers share one engine and its batches; a transcript the
 * catalog holds for the file as it is now, with its files in place, is not made again.
 */
final class TranscribeStage implements Stage {
    private static final Pattern SPOKEN = Pattern.compile("(?i)podcast|audiobook|audio book|speech|spoken|lecture|talk");

    private final TranscribeJob job;

    TranscribeStage(TranscribeJob job) {
        this.job = job;
    }

    @Override
    public String name() {
        return "transcribe";
    }

    @Override
    public StageResult run(MediaFile file, CatalogWriter writer) throws Exception {
        if (!file.playable()) {
            return new StageResult.Passed(file, "not playable");
        }
        MediaProbe probe = file.probe().probe();
        if (probe.audioCodec() == null) {
            return new StageResult.Passed(file, "no audio");
        }
        if (!speech(file.identity().name().kind(), probe)) {
            return new StageResult.Passed(file, "music");
        }
        try {
            return new StageResult.Done(file.withTranscript(job.transcribe(job.lookUp(file.scanned(), file.root()), writer)));
        } catch (SkipItem current) {
            return new StageResult.AlreadyDone(file, current.getMessage());
        }
    }

    private static boolean speech(MediaKind kind, MediaProbe probe) {
        if (kind != MediaKind.MUSIC) {
            return true;
        }
        String genre = probe.tags() == null ? null : probe.tags().get("genre");
        return genre != null && SPOKEN.matcher(genre).find();
    }
}
