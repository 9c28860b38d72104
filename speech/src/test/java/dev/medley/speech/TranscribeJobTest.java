package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.CatalogWriter;
import dev.medley.catalog.FileState;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.RunRecord;
import dev.medley.catalog.TranscriptRecord;
import dev.medley.core.BatchListener;
import dev.medley.core.ItemResult;
import dev.medley.media.ScanOptions;
import dev.medley.media.sample.SampleMedia;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscribeJobTest {
    @TempDir Path dir;
    Path library;
    final AtomicInteger opened = new AtomicInteger();
    FakeSpeechEngine engine;

    @BeforeEach
    void library() throws Exception {
        library = Files.createDirectories(dir.resolve("library/talks"));
        SampleMedia.write(library.resolve("a-tone.flac"), SampleMedia.Format.FLAC, Duration.ofSeconds(4), Map.of());
        SampleMedia.write(library.resolve("b-tone.mp3"), SampleMedia.Format.MP3, Duration.ofSeconds(3), Map.of());
        Files.write(library.resolve("c-silent.wav"), WavEncoder.encode(new float[16_000 * 5]));
        Files.writeString(library.resolve("d-broken.mp3"), "no audio here, just text");
    }

    private List<ItemResult<TranscribeJob.Item, TranscribeJob.Outcome>> run(Catalog catalog, boolean force, Path out) {
        List<ItemResult<TranscribeJob.Item, TranscribeJob.Outcome>> results = new ArrayList<>();
        TranscribeJob job = new TranscribeJob(catalog, () -> engine = new FakeSpeechEngine(opened),
                new TranscribeJob.Options(EnumSet.allOf(OutputFormat.class), out, force, true, ScanOptions.DEFAULT, 3,
                        Transcriber.Batching.DEFAULT, BatchListener.NONE));
        TranscribeJob.Summary summary = job.run("", List.of(dir.resolve("library")), (p, problem) -> {}, results::add);
        assertThat(summary.exitCode()).isEqualTo(results.stream().anyMatch(r -> r instanceof ItemResult.Failed) ? 1 : 0);
        return results;
    }

    @Test
    void transcribesWritesAllFormatsAndReportsEachFileOnce() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            var results = run(catalog, false, null);
            assertThat(results).extracting(r -> r.item().file().path().getFileName().toString())
                    .containsExactly("a-tone.flac", "b-tone.mp3", "c-silent.wav", "d-broken.mp3");
            assertThat(results.get(0)).isInstanceOf(ItemResult.Ok.class);
            assertThat(results.get(1)).isInstanceOf(ItemResult.Ok.class);
            var silent = (ItemResult.Ok<TranscribeJob.Item, TranscribeJob.Outcome>) results.get(2);
            assertThat(silent.value().transcript().segments()).isEmpty(); // silence: empty, not an error
            assertThat(Files.readString(library.resolve("c-silent.txt"))).isEmpty();
            assertThat(results.get(3)).isInstanceOf(ItemResult.Failed.class);
            assertThat(((ItemResult.Failed<?, ?>) results.get(3)).reason()).isNotBlank();

            for (String ext : List.of("txt", "json", "srt", "vtt")) {
                assertThat(library.resolve("a-tone." + ext)).isRegularFile();
            }
            assertThat(Files.readString(library.resolve("a-tone.txt"))).contains("speech of");
            assertThat(Files.readString(library.resolve("a-tone.vtt"))).startsWith("WEBVTT");
            assertThat(Files.readString(library.resolve("a-tone.json"))).contains("\"engine\" : \"fake\"");
            try (var stream = Files.list(library)) {
                assertThat(stream.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
            var record = catalog.transcript(PathKey.of(library.resolve("a-tone.flac"))).orElseThrow();
            assertThat(record.ok()).isTrue();
            assertThat(record.outputs()).hasSize(4);
            assertThat(catalog.transcript(PathKey.of(library.resolve("d-broken.mp3"))).orElseThrow().ok()).isFalse();
        }
    }

    @Test
    void rerunSkipsWhatIsDoneWithoutLoadingTheModelAndForceRedoes() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            run(catalog, false, null);
            assertThat(opened).hasValue(1);
            var again = run(catalog, false, null);
            assertThat(again.subList(0, 3)).allSatisfy(r -> assertThat(r).isInstanceOf(ItemResult.Skipped.class));
            assertThat(again.get(3)).isInstanceOf(ItemResult.Failed.class); // a broken file is tried again
            Files.delete(library.resolve("b-tone.srt"));
            var third = run(catalog, false, null);
            assertThat(third.get(1)).isInstanceOf(ItemResult.Ok.class); // an output went missing: redo
            var forced = run(catalog, true, null);
            assertThat(forced.subList(0, 3)).allSatisfy(r -> assertThat(r).isInstanceOf(ItemResult.Ok.class));
        }
    }

    @Test
    void neverReplacesAFileMedleyDidNotWriteAndMirrorsTheTreeUnderOut() throws Exception {
        Files.writeString(library.resolve("a-tone.txt"), "my own notes");
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            var results = run(catalog, false, null);
            assertThat(results.getFirst()).isInstanceOf(ItemResult.Failed.class);
            assertThat(((ItemResult.Failed<?, ?>) results.getFirst()).reason()).contains("--out");
            assertThat(Files.readString(library.resolve("a-tone.txt"))).isEqualTo("my own notes");

            Path out = dir.resolve("subtitles");
            var mirrored = run(catalog, false, out);
            assertThat(mirrored.getFirst()).isInstanceOf(ItemResult.Ok.class);
            assertThat(out.resolve("talks/a-tone.srt")).isRegularFile();
            assertThat(Files.readString(library.resolve("a-tone.txt"))).isEqualTo("my own notes");
        }
    }

    @Test
    void filesOfARunKilledBeforeItRecordedThemAreReplacedNotTakenForTheUsers() throws Exception {
        Path media = library.resolve("a-tone.flac");
        List<String> outputs = List.of("txt", "json", "srt", "vtt").stream()
                .map(ext -> library.resolve("a-tone." + ext).toString()).toList();
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            // What a run killed while writing a-tone's files leaves: the record it makes before
            // writing any, naming them, and the files it got to.
            try (CatalogWriter writer = catalog.writer(catalog.startRun("transcribe", ""))) {
                writer.upsertFile(new FileState(PathKey.of(media), Files.size(media), 1, null));
                writer.saveTranscript(new TranscriptRecord(PathKey.of(media), Files.size(media), 1, false,
                        "interrupted while writing the transcript files", "fake", "fake", outputs, 0, 0));
            }
            Files.writeString(library.resolve("a-tone.txt"), "speech of a-t");
            Files.writeString(library.resolve("a-tone.json"), "{\"engine\"");

            var results = run(catalog, false, null);
            assertThat(results.getFirst()).isInstanceOf(ItemResult.Ok.class);
            assertThat(Files.readString(library.resolve("a-tone.txt"))).contains("speech of").isNotEqualTo("speech of a-t");
            var record = catalog.transcript(PathKey.of(media)).orElseThrow();
            assertThat(record.ok()).isTrue();
            assertThat(record.outputs()).containsExactlyInAnyOrderElementsOf(outputs);
        }
    }

    @Test
    void aFailedRedoKeepsTheEarlierFilesKnownAsMedleys() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            run(catalog, false, null);
            // b-tone changes into something the engine cannot read: the redo fails, and its old
            // files must still be Medley's to replace once it can be transcribed again.
            Path media = library.resolve("b-tone.mp3");
            Files.writeString(media, "not audio any more");
            assertThat(run(catalog, false, null).get(1)).isInstanceOf(ItemResult.Failed.class);
            SampleMedia.write(media, SampleMedia.Format.MP3, Duration.ofSeconds(2), Map.of());
            assertThat(run(catalog, false, null).get(1)).isInstanceOf(ItemResult.Ok.class);
        }
    }

    @Test
    void anEngineThatCouldNotOpenFailedEveryFileInsteadOfTheRun() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            List<ItemResult<TranscribeJob.Item, TranscribeJob.Outcome>> results = new ArrayList<>();
            TranscribeJob job = new TranscribeJob(catalog, () -> {
                opened.incrementAndGet();
                throw new NoSuchFileException(null, null, "whisper model 'base.en' is not in /m: get it with `medley models pull base.en`");
            }, new TranscribeJob.Options(EnumSet.allOf(OutputFormat.class), null, false, true, ScanOptions.DEFAULT, 3,
                    Transcriber.Batching.DEFAULT, BatchListener.NONE));
            assertThatThrownBy(() -> job.run("", List.of(dir.resolve("library")), (p, problem) -> {}, results::add))
                    .isInstanceOfSatisfying(EngineUnavailable.class, e -> assertThat(e.badOption()).isFalse())
                    .hasMessageContaining("medley models pull base.en");
            assertThat(results).isEmpty(); // no file is blamed for it
            assertThat(opened).hasValue(1); // and the engine was tried once, not once per file
            assertThat(catalog.runs(1).getFirst().status()).isEqualTo(RunRecord.Status.FAILED);
        }
    }

    @Test
    void transcriptionShowedNoPositionInTheAudio() throws Exception {
        Map<Path, List<double[]>> heard = new java.util.concurrent.ConcurrentHashMap<>();
        TranscriptionProgress recording = (file, seconds, total) ->
                heard.computeIfAbsent(file, f -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(new double[] {seconds, total});
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            TranscribeJob job = new TranscribeJob(catalog, () -> engine = new FakeSpeechEngine(opened),
                    new TranscribeJob.Options(EnumSet.of(OutputFormat.TXT), null, false, false, ScanOptions.DEFAULT, 3,
                            Transcriber.Batching.DEFAULT, BatchListener.NONE, recording));
            job.run("", List.of(dir.resolve("library")), (p, problem) -> {}, r -> {});
        }
        List<double[]> tone = heard.get(library.resolve("a-tone.flac"));
        assertThat(tone).isNotEmpty();
        assertThat(tone).extracting(h -> h[0]).isSortedAccordingTo(Double::compare).doesNotHaveDuplicates();
        assertThat(tone.getLast()[0]).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(tone).allSatisfy(h -> assertThat(h[1]).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.05)));
        assertThat(heard.get(library.resolve("c-silent.wav")).getLast()[0]).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(heard).doesNotContainKey(library.resolve("d-broken.mp3"));
    }
}
