package dev.medley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.media.sample.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process prober's guards: deadlines, protocols, and files FFmpeg must never see. */
class FfmpegProberTest {
    @TempDir Path dir;

    @Test
    void aProbePastItsDeadlineStopsWithATimeout() throws Exception {
        Path file = dir.resolve("tone.flac");
        SampleMedia.write(file, SampleMedia.Format.FLAC, Duration.ofSeconds(2), Map.of());
        MediaProbe probe = Prober.inProcess(Duration.ofNanos(1)).probe(file);
        assertThat(probe.ok()).isFalse();
        assertThat(probe.error()).startsWith("timed out after");
        assertThat(Prober.inProcess(Duration.ofSeconds(10)).probe(file).ok()).isTrue();
    }

    @Test
    void aPlaylistDisguisedAsAFilmCannotMakeFfmpegOpenOtherFilesOrTheNetwork() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.ts"), "x");
        Path playlist = Files.writeString(dir.resolve("film.mp4"), """
                #EXTM3U
                #EXT-X-TARGETDURATION:10
                #EXTINF:10,
                http://127.0.0.1:9/segment.ts
                #EXTINF:10,
                file:%s
                #EXT-X-ENDLIST
                """.formatted(secret));
        MediaProbe probe = Prober.inProcess(Duration.ofSeconds(10)).probe(playlist);
        assertThat(probe.ok()).isFalse();
        assertThat(probe.error()).isNotBlank();
    }

    @Test
    void emptyAndUnreadableFilesNeverReachFfmpeg() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mkv"));
        assertThat(Prober.inProcess(Duration.ofSeconds(10)).probe(empty).error()).isEqualTo("empty file (0 bytes)");
        assertThat(Prober.inProcess(Duration.ofSeconds(10)).probe(dir.resolve("gone.mkv")).error())
                .isEqualTo("cannot read: no such file or directory");
    }

    @Test
    void coverArtIsNotTakenForTheMainVideoStream() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestMedia.ffmpegAvailable(), "ffmpeg is not installed");
        Path mp3 = TestMedia.make(dir.resolve("song.mp3"), java.util.List.of(
                "-f", "lavfi", "-i", "sine=duration=2", "-f", "lavfi", "-i", "color=red:size=64x64:duration=0.1",
                "-map", "0", "-map", "1", "-frames:v", "1", "-c:a", "libmp3lame", "-c:v", "png",
                "-disposition:v", "attached_pic"));
        MediaProbe probe = Prober.inProcess(Duration.ofSeconds(10)).probe(mp3);
        assertThat(probe.streams()).anySatisfy(stream -> {
            assertThat(stream.type()).isEqualTo("video");
            assertThat(stream.attachedPicture()).isTrue();
        });
        assertThat(probe.videoCodec()).isNull();
        assertThat(probe.audioCodec()).isEqualTo("mp3");
        assertThat(probe.ok()).isTrue();
        assertThat(probe.playable()).isTrue();
    }

    private static MediaProbe probe(Path file) {
        return Prober.inProcess(Duration.ofSeconds(10)).probe(file);
    }

    @Test
    void aPlaylistThatListsItselfIsRefusedNotFollowed() throws Exception {
        // Once aborted the JVM: FFmpeg's concat demuxer opened the file inside itself without end.
        Path self = Files.writeString(dir.resolve("self.mkv"), "ffconcat version 1.0\nfile self.mkv\n");
        Files.writeString(dir.resolve("a.mkv"), "ffconcat version 1.0\nfile b.mkv\n");
        Path pair = Files.writeString(dir.resolve("b.mkv"), "ffconcat version 1.0\nfile a.mkv\n");
        for (Path playlist : java.util.List.of(self, pair)) {
            MediaProbe probe = probe(playlist);
            assertThat(probe.ok()).isFalse();
            assertThat(probe.error()).startsWith("not a media file: a playlist").contains("concat");
            assertThat(probe.errorDetail()).as("FFmpeg's own words, kept for --json").isNotBlank();
        }
    }

    @Test
    void onlyAudioAndVideoContainersReachADemuxer() throws Exception {
        Path subtitles = Files.writeString(dir.resolve("film.mp4"), "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n"
                + "2\n00:00:03,000 --> 00:00:04,000\nAgain\n");
        assertThat(probe(subtitles).error()).startsWith("not a media file").contains("subtitles");
        Path hls = Files.writeString(dir.resolve("live.mkv"), "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n/dev/zero\n");
        assertThat(probe(hls).error()).startsWith("not a media file"); // FFmpeg's HLS reader never sees it.
        assertThat(Demuxers.ALLOWED.split(",")).doesNotContain("concat", "hls", "dash", "imf", "image2");
    }

    @Test
    void executablesArchivesAndImagesNamedLikeMediaNeverReachFfmpeg() throws Exception {
        // FFmpeg's MPEG audio reader finds frame syncs in a binary and called an executable playable.
        Path java = Path.of(System.getProperty("java.home"), "lib", "libjava.so");
        Path elf = Files.copy(java, dir.resolve("song.mp3"));
        assertThat(probe(elf).error()).isEqualTo("not a media file: an executable (ELF)");
        Path zip = dir.resolve("album.flac");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("01.flac"));
            out.write(new byte[1000]);
        }
        assertThat(probe(zip).error()).isEqualTo("not a media file: a ZIP archive");
        Path png = Files.write(dir.resolve("cover.mkv"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0});
        assertThat(probe(png).error()).isEqualTo("not a media file: an image");
    }

    @Test
    void ffmpegErrorsBecomeReasonsAUserCanActOn() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp3"), "these are not the droids you are looking for\n".repeat(20));
        MediaProbe probe = probe(text);
        assertThat(probe.error()).startsWith("not a media file");
        assertThat(probe.error()).doesNotContain("Invalid data found", "patches welcome", "Operation not permitted");
        assertThat(probe.errorDetail()).isNotBlank();
        // Every code FFmpeg returns maps to a sentence about the file, never to FFmpeg's internals.
        for (int code : new int[] {-1, -2, -5, -12, -13, -22, -38, org.bytedeco.ffmpeg.global.avutil.AVERROR_PATCHWELCOME,
            org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF, org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA,
            org.bytedeco.ffmpeg.global.avutil.AVERROR_BUG, org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND}) {
            assertThat(MediaError.reason(code, MediaError.DECODING))
                    .doesNotContain("patches welcome", "Operation not permitted", "Invalid data found")
                    .isNotBlank();
        }
    }

    @Test
    void aQuarantinedFileIsRefusedAtTheGateAndASuspectIsReadAlone() throws Exception {
        Path good = dir.resolve("good.flac");
        SampleMedia.write(good, SampleMedia.Format.FLAC, Duration.ofSeconds(1), Map.of());
        Path poisoned = Files.copy(good, dir.resolve("poisoned.flac"));
        Path suspect = Files.copy(good, dir.resolve("suspect.flac"));
        var attributes = Files.readAttributes(poisoned, java.nio.file.attribute.BasicFileAttributes.class);
        long mtime = attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        var records = new java.util.concurrent.ConcurrentHashMap<String, dev.medley.catalog.QuarantineRecord>();
        String poisonedKey = dev.medley.catalog.PathKey.of(poisoned);
        String suspectKey = dev.medley.catalog.PathKey.of(suspect);
        records.put(poisonedKey, new dev.medley.catalog.QuarantineRecord(poisonedKey, attributes.size(), mtime, true,
                "probe", "crashed Medley's decoder; quarantined"));
        records.put(suspectKey, new dev.medley.catalog.QuarantineRecord(suspectKey, attributes.size(),
                Files.getLastModifiedTime(suspect).to(java.util.concurrent.TimeUnit.NANOSECONDS), false, "probe", "suspect"));
        CrashGuard.install(null, new CrashGuard.Register() {
            @Override
            public java.util.Optional<dev.medley.catalog.QuarantineRecord> lookUp(String key) {
                return java.util.Optional.ofNullable(records.get(key));
            }

            @Override
            public void clearSuspect(String key) {
                records.computeIfPresent(key, (k, q) -> q.quarantined() ? q : null);
            }
        });
        try {
            assertThat(probe(poisoned).error()).isEqualTo("crashed Medley's decoder; quarantined");
            assertThat(probe(good).ok()).isTrue();

            // While a suspect is in native code, no other file enters.
            Thread other;
            try (CrashGuard.Pass alone = CrashGuard.enter(suspect, "probe")) {
                other = Thread.ofPlatform().start(() -> {
                    try (CrashGuard.Pass pass = CrashGuard.enter(good, "probe")) {
                        // Entered.
                    } catch (MediaError e) {
                        throw new IllegalStateException(e);
                    }
                });
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (other.getState() != Thread.State.WAITING && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                assertThat(other.getState()).as("the other file waits for the suspect").isEqualTo(Thread.State.WAITING);
            }
            other.join(Duration.ofSeconds(30));
            assertThat(other.isAlive()).isFalse();
            assertThat(records).as("a suspect that passed is cleared").doesNotContainKey(suspectKey);
            // A changed file is a new file: no longer quarantined.
            Files.writeString(poisoned, "changed", java.nio.file.StandardOpenOption.APPEND);
            assertThat(probe(poisoned).error()).isNotEqualTo("crashed Medley's decoder; quarantined");
        } finally {
            CrashGuard.uninstall();
        }
    }

    @Test
    void aFileCutShortPlaysButIsReportedTruncatedWithHowMuchIsMissing() throws Exception {
        java.util.Map<SampleMedia.Format, String> cutErrors = new java.util.TreeMap<>();
        for (SampleMedia.Format format : SampleMedia.available()) {
            Path whole = dir.resolve("whole." + format.name() + "." + format.extension());
            SampleMedia.write(whole, format, Duration.ofSeconds(20), Map.of());
            MediaProbe probe = probe(whole);
            assertThat(probe.ok()).as("%s, whole: %s", format, probe.error()).isTrue();
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = Files.write(dir.resolve("cut." + format.name() + "." + format.extension()),
                    java.util.Arrays.copyOf(bytes, bytes.length * 6 / 10));
            MediaProbe cutProbe = probe(cut);
            cutErrors.put(format, cutProbe.ok() ? "ok" : cutProbe.error());
        }
        System.out.println("cut to 60%: " + cutErrors);
        // Partial downloads of the commonest music files say what is missing; none is called whole and sound.
        assertThat(cutErrors.get(SampleMedia.Format.FLAC)).matches("truncated: the last 4[0-9]% is missing \\(it ends near 0:1[12] of 0:20\\)");
        assertThat(cutErrors.get(SampleMedia.Format.MP3)).startsWith("truncated: the last");
    }
}
