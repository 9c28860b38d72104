package dev.medley.speech;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Transcribes one audio source: decodes it to 16 kHz mono, cuts the speech into windows, hands each
 * window to the engine's queue, and assembles the answers into one transcript with times from the
 * audio's start.
 *
 * <p>Decoding runs ahead of recognition by at most {@code maxWindowsAhead} windows, so memory stays
 * bounded however long the audio; windows of many sources share the engine's batches. Once a window
 * has failed, the source fails: decoding stops there instead of sending the rest of it to the engine.
 */
final class SourceTranscriber {
    private static final AtomicLong TRANSCRIPTIONS = new AtomicLong();

    private SourceTranscriber() {}

    /**
     * Returns the transcript of {@code source}.
     *
     * @param submit queues a window for recognition
     * @param progress hears where recognition has got to in the audio, as windows come back
     * @throws IOException when the audio cannot be decoded (no audio, not media, unreadable)
     * @throws ExecutionException when recognition of a window failed
     */
    static Transcript transcribe(AudioSource source, String engine, String model,
            Function<AudioWindow, CompletableFuture<WindowTranscript>> submit, int maxWindowsAhead, boolean vad,
            TranscriptionProgress progress) throws IOException, ExecutionException, InterruptedException {
        long started = System.nanoTime();
        String name = source.name();
        Position position = new Position(source, progress);
        InOrder inOrder = new InOrder(source, progress);
        Semaphore ahead = new Semaphore(maxWindowsAhead);
        List<AudioWindow> windows = new ArrayList<>();
        List<CompletableFuture<WindowTranscript>> answers = new ArrayList<>();
        InterruptedException[] interrupted = new InterruptedException[1];
        AtomicBoolean failed = new AtomicBoolean(); // set by the engine's threads
        long samples;
        try (DecodedAudio decoder = DecodedAudio.open(source)) {
            position.totalSeconds = decoder.durationSeconds();
            // Window ids must be unique among all sources in flight: answers are matched to windows by id,
            // and two paths can read the same as text (names that are not UTF-8), two uploads share a name.
            String idPrefix = name + "@" + TRANSCRIPTIONS.incrementAndGet();
            SpeechWindower windower = new SpeechWindower(idPrefix, vad, window -> {
                try {
                    ahead.acquire();
                } catch (InterruptedException e) {
                    interrupted[0] = e;
                    return;
                }
                // Keep only where the window was; its samples go to the engine and are then dropped.
                windows.add(new AudioWindow(window.id(), new float[0], window.startSeconds()));
                double end = window.startSeconds() + window.durationSeconds();
                int index = answers.size();
                double offset = window.startSeconds();
                answers.add(submit.apply(window).whenComplete((answer, failure) -> {
                    try {
                        if (failure == null) {
                            position.reached(end);
                            inOrder.done(index, answer.segments(), offset);
                        } else {
                            failed.set(true); // before the release, so the decoder sees it before it goes on
                        }
                    } finally {
                        ahead.release();
                    }
                }));
            });
            float[] block = new float[64 * 1024];
            long[] total = {0};
            while (interrupted[0] == null && !failed.get() && decoder.next((pointer, count) -> {
                pointer.get(block, 0, count);
                windower.accept(block, 0, count);
                total[0] += count;
            })) {
                // Decoding; the windower sends windows as it finds them.
            }
            if (interrupted[0] != null) {
                throw interrupted[0];
            }
            if (!failed.get()) {
                windower.finish();
            }
            samples = total[0];
        }
        List<Segment> segments = new ArrayList<>();
        String language = null;
        for (int i = 0; i < answers.size(); i++) {
            WindowTranscript answer = answers.get(i).get(); // the first failed window, in order, fails the source
            double offset = windows.get(i).startSeconds();
            for (Segment segment : answer.segments()) {
                segments.add(segment.shifted(offset));
            }
            if (language == null) {
                language = answer.language();
            }
        }
        double audioSeconds = samples / (double) AudioWindow.SAMPLE_RATE;
        position.reached(audioSeconds); // the silence after the last window, which no window reports
        return new Transcript(name, engine, model, language, audioSeconds,
                (System.nanoTime() - started) / 1e9, answers.size(), List.copyOf(segments));
    }

    /** Hands each window's segments on in audio order, though windows may come back out of order. */
    private static final class InOrder {
        private final AudioSource source;
        private final TranscriptionProgress progress;
        private final java.util.Map<Integer, List<Segment>> waiting = new java.util.HashMap<>();
        private int next;

        InOrder(AudioSource source, TranscriptionProgress progress) {
            this.source = source;
            this.progress = progress;
        }

        synchronized void done(int index, List<Segment> segments, double offset) {
            if (progress == TranscriptionProgress.NONE) {
                return;
            }
            List<Segment> shifted = new ArrayList<>(segments.size());
            for (Segment segment : segments) {
                shifted.add(segment.shifted(offset));
            }
            waiting.put(index, shifted);
            for (List<Segment> ready; (ready = waiting.remove(next)) != null; next++) {
                progress.segments(source, ready);
            }
        }
    }

    /** The furthest point recognised, reported whenever it moves on; windows may come back out of order. */
    private static final class Position {
        private final AudioSource source;
        private final TranscriptionProgress progress;
        private volatile double totalSeconds = Double.NaN;
        private double reached;

        Position(AudioSource source, TranscriptionProgress progress) {
            this.source = source;
            this.progress = progress;
        }

        synchronized void reached(double seconds) {
            if (seconds > reached) {
                reached = seconds;
                progress.heard(source, seconds, totalSeconds);
            }
        }
    }
}
