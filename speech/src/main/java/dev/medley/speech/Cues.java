package dev.medley.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a transcript into subtitle cues: short enough to read (at most about seven seconds and
 * two lines), in order, never overlapping, and inside the audio.
 */
final class Cues {
    static final double MAX_SECONDS = 7.0;
    static final int MAX_CHARS = 84;
    private static final long MIN_MILLIS = 200;

    /** One subtitle. */
    record Cue(double start, double end, String text) {}

    private Cues() {}

    static List<Cue> of(Transcript transcript) {
        List<Cue> raw = new ArrayList<>();
        for (Segment segment : transcript.segments()) {
            if (segment.text().isBlank()) {
                continue;
            }
            if (segment.words().isEmpty()) {
                raw.add(new Cue(segment.start(), segment.end(), segment.text().strip()));
            } else {
                splitByWords(segment, raw);
            }
        }
        return tidy(raw, transcript.audioSeconds());
    }

    // Long segments become several cues, cut between words.
    private static void splitByWords(Segment segment, List<Cue> into) {
        List<Segment.Word> current = new ArrayList<>();
        int chars = 0;
        for (Segment.Word word : segment.words()) {
            String text = word.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            boolean tooLong = !current.isEmpty()
                    && (word.end() - current.getFirst().start() > MAX_SECONDS || chars + 1 + text.length() > MAX_CHARS);
            if (tooLong) {
                into.add(cue(current));
                current.clear();
                chars = 0;
            }
            current.add(word);
            chars += (chars == 0 ? 0 : 1) + text.length();
        }
        if (!current.isEmpty()) {
            into.add(cue(current));
        }
    }

    private static Cue cue(List<Segment.Word> words) {
        StringBuilder text = new StringBuilder();
        for (Segment.Word word : words) {
            String piece = word.text().strip();
            // Engines that split words into pieces mark the pieces that start a word with a space.
            if (!text.isEmpty() && (word.text().startsWith(" ") || !isPunctuation(piece))) {
                text.append(' ');
            }
            text.append(piece);
        }
        return new Cue(words.getFirst().start(), words.getLast().end(), wrap(text.toString()));
    }

    private static boolean isPunctuation(String piece) {
        return piece.length() == 1 && ",.!?;:".contains(piece);
    }

    // Two lines of at most 42 characters, broken at the space nearest the middle.
    static String wrap(String text) {
        if (text.length() <= MAX_CHARS / 2) {
            return text;
        }
        int middle = text.length() / 2;
        int left = text.lastIndexOf(' ', middle);
        int right = text.indexOf(' ', middle);
        int cut = left < 0 ? right : right < 0 ? left : (middle - left <= right - middle ? left : right);
        return cut < 0 ? text : text.substring(0, cut) + "\n" + text.substring(cut + 1);
    }

    // In order, no overlaps, inside [0, audio], and long enough to show. Times are settled in whole
    // milliseconds, as subtitle files write them, so that no cue ends up ending where it starts.
    private static List<Cue> tidy(List<Cue> raw, double audioSeconds) {
        List<Cue> sorted = new ArrayList<>(raw);
        sorted.sort((a, b) -> Double.compare(a.start(), b.start()));
        long limit = audioSeconds > 0 ? (long) Math.floor(audioSeconds * 1000) : Long.MAX_VALUE;
        List<Cue> cues = new ArrayList<>();
        long previousEnd = 0;
        for (Cue cue : sorted) {
            long start = Math.max(Math.max(0, Math.round(cue.start() * 1000)), previousEnd);
            long end = Math.min(Math.max(Math.round(cue.end() * 1000), start + MIN_MILLIS), limit);
            if (end <= start) {
                // No room left inside the audio: its words join the cue before rather than vanish.
                if (!cues.isEmpty()) {
                    Cue last = cues.removeLast();
                    cues.add(new Cue(last.start(), last.end(), last.text() + " " + cue.text()));
                }
                continue;
            }
            cues.add(new Cue(start / 1000.0, end / 1000.0, cue.text()));
            previousEnd = end;
        }
        return cues;
    }
}
