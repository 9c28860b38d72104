package dev.medley.cli;

import dev.medley.speech.AudioFiles;
import dev.medley.speech.EngineOptions;
import dev.medley.speech.Segment;
import dev.medley.speech.Transcriber;
import dev.medley.speech.Transcript;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The one-hour test: the clips placed at the start, the middle and in the last minute of an hour
 * of near-silence. Transcribing it should cost about what the speech alone costs (VAD keeps the
 * silence from the engine), keep memory flat (the file is streamed), and put every clip's cues at
 * its offset.
 */
final class LongFileBench {
    private static final int RATE = 16_000;
    private static final double HOUR = 3600;
    private static final double GAP = 2.0;
    private static final double[] GROUP_OFFSETS = {0, 1800, 3545};

    private record Placement(int clip, double offset) {}

    private LongFileBench() {}

    static Map<String, Object> run(EngineOptions options, List<Path> sources, java.io.PrintStream err) throws Exception {
        List<float[]> clips = new ArrayList<>();
        for (Path source : sources) {
            clips.add(AudioFiles.decode(source, 60));
        }
        Path work = Files.createTempDirectory("medley-long");
        try {
            List<Placement> placements = new ArrayList<>();
            for (double groupStart : GROUP_OFFSETS) {
                double at = groupStart;
                for (int i = 0; i < clips.size(); i++) {
                    placements.add(new Placement(i, at));
                    at += clips.get(i).length / (double) RATE + GAP;
                }
            }
            double speechSeconds = placements.stream().mapToDouble(p -> clips.get(p.clip()).length / (double) RATE + GAP).sum();
            if (placements.getLast().offset() + clips.getLast().length / (double) RATE > HOUR) {
                throw CommandException.badUsage("the clips are too long to fit in the last minute: give shorter ones");
            }
            Path speechOnly = work.resolve("speech-only.wav");
            write(speechOnly, speechSeconds, clips, packed(placements, clips));
            Path hour = work.resolve("one-hour.wav");
            write(hour, HOUR, clips, placements);

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("speechSeconds", BenchTranscribeCommand.round(speechSeconds));
            try (Transcriber transcriber = Transcriber.open(options, Transcriber.Batching.DEFAULT)) {
                transcriber.transcribe(sources.getFirst(), true); // Warm-up: the JIT and the recognisers.
                long start = System.nanoTime();
                Transcript alone = transcriber.transcribe(speechOnly, true);
                figures.put("speechOnlyWallSeconds", BenchTranscribeCommand.round((System.nanoTime() - start) / 1e9));
                figures.put("peakRssMiBAfterSpeechOnly", peakRssMiB());
                start = System.nanoTime();
                Transcript long_ = transcriber.transcribe(hour, true);
                figures.put("oneHourWallSeconds", BenchTranscribeCommand.round((System.nanoTime() - start) / 1e9));
                figures.put("peakRssMiBAfterOneHour", peakRssMiB());
                figures.put("windows", long_.windows());
                figures.put("cueOffsets", offsets(placements, packed(placements, clips), alone, long_, clips));
            }
            return figures;
        } finally {
            Corpus.delete(work, err);
        }
    }

    // The same clips back to back, to time the speech alone.
    private static List<Placement> packed(List<Placement> placements, List<float[]> clips) {
        List<Placement> packed = new ArrayList<>();
        double at = 0;
        for (Placement placement : placements) {
            packed.add(new Placement(placement.clip(), at));
            at += clips.get(placement.clip()).length / (double) RATE + GAP;
        }
        return packed;
    }

    // For each placement: where its first cue should be (the clip's first word, from the speech-only
    // run, moved to the placement) and where it is in the hour.
    private static List<Map<String, Object>> offsets(List<Placement> placements, List<Placement> packed,
            Transcript alone, Transcript hour, List<float[]> clips) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < placements.size(); i++) {
            double clipLength = clips.get(placements.get(i).clip()).length / (double) RATE;
            Double firstWord = firstStartIn(alone.segments(), packed.get(i).offset(), clipLength);
            Double found = firstStartIn(hour.segments(), placements.get(i).offset(), clipLength);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("placedAt", placements.get(i).offset());
            row.put("expectedCue", firstWord == null ? null
                    : BenchTranscribeCommand.round(firstWord - packed.get(i).offset() + placements.get(i).offset()));
            row.put("foundCue", found == null ? null : BenchTranscribeCommand.round(found));
            rows.add(row);
        }
        return rows;
    }

    private static Double firstStartIn(List<Segment> segments, double from, double length) {
        for (Segment segment : segments) {
            if (segment.start() >= from - 0.5 && segment.start() < from + length) {
                return segment.start();
            }
        }
        return null;
    }

    private static void write(Path file, double seconds, List<float[]> clips, List<Placement> placements) throws IOException {
        long total = (long) (seconds * RATE);
        Random random = new Random(3600);
        float[] block = new float[RATE];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            AudioFiles.writeWavHeader(out, total);
            for (long at = 0; at < total; at += block.length) {
                int count = (int) Math.min(block.length, total - at);
                for (int i = 0; i < count; i++) {
                    block[i] = (float) (random.nextGaussian() * 0.0003); // a quiet room, not digital zero
                }
                for (Placement placement : placements) {
                    float[] clip = clips.get(placement.clip());
                    long clipStart = Math.round(placement.offset() * RATE);
                    for (int i = 0; i < count; i++) {
                        long index = at + i - clipStart;
                        if (index >= 0 && index < clip.length) {
                            block[i] += clip[(int) index];
                        }
                    }
                }
                AudioFiles.writePcm16(out, block, 0, count);
            }
        }
    }

    // The process's peak resident memory so far (VmHWM), in MiB; -1 where /proc is not there.
    static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
