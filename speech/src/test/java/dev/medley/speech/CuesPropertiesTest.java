package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever an engine returns, the subtitles Medley writes are valid. */
class CuesPropertiesTest {
    private static final Pattern SRT_CUE = Pattern.compile(
            "(\\d+)\\n(\\d\\d):(\\d\\d):(\\d\\d),(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d),(\\d{3})\\n((?:.+\\n)+)\\n");
    private static final Pattern VTT_CUE = Pattern.compile(
            "(\\d+)\\n(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})\\n((?:.+\\n)+)\\n");

    record Parsed(int number, double start, double end, String text) {}

    @Property(tries = 1000)
    void srtAndVttCuesAreNumberedOrderedNonOverlappingAndInsideTheAudio(@ForAll("transcripts") Transcript transcript) {
        for (boolean vtt : new boolean[] {false, true}) {
            String rendered = (vtt ? OutputFormat.VTT : OutputFormat.SRT).render(transcript);
            String body = vtt ? rendered.substring("WEBVTT\n\n".length()) : rendered;
            if (vtt) {
                assertThat(rendered).startsWith("WEBVTT\n\n");
            }
            List<Parsed> cues = parse(body, vtt ? VTT_CUE : SRT_CUE);
            double previousEnd = 0;
            for (int i = 0; i < cues.size(); i++) {
                Parsed cue = cues.get(i);
                assertThat(cue.number()).isEqualTo(i + 1);
                assertThat(cue.start()).isGreaterThanOrEqualTo(previousEnd - 1e-9);
                assertThat(cue.end()).isGreaterThan(cue.start());
                assertThat(cue.end()).isLessThanOrEqualTo(transcript.audioSeconds() + 0.0005);
                assertThat(cue.text()).isNotBlank();
                assertThat(cue.text().split("\n")).allSatisfy(line -> assertThat(line).isNotBlank());
                previousEnd = cue.end();
            }
            // Every word spoken inside the audio appears in some cue.
            String all = String.join(" ", cues.stream().map(Parsed::text).toList()).replace('\n', ' ');
            transcript.segments().stream()
                    .filter(s -> s.start() < transcript.audioSeconds() - Cues.MAX_SECONDS && !s.text().isBlank())
                    .forEach(s -> assertThat(all).contains(s.text().strip().split(" ")[0]));
        }
    }

    private static List<Parsed> parse(String body, Pattern cue) {
        List<Parsed> cues = new ArrayList<>();
        Matcher matcher = cue.matcher(body);
        int at = 0;
        while (matcher.find() && matcher.start() == at) {
            cues.add(new Parsed(Integer.parseInt(matcher.group(1)), seconds(matcher, 2), seconds(matcher, 6),
                    matcher.group(10).strip()));
            at = matcher.end();
        }
        assertThat(at).as("the whole file is well-formed cues").isEqualTo(body.length());
        return cues;
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2)) + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }

    @Provide
    Arbitrary<Transcript> transcripts() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<Segment> segment = Combinators.combine(
                        Arbitraries.doubles().between(-2, 120), Arbitraries.doubles().between(-1, 40),
                        word.list().ofMinSize(1).ofMaxSize(40), Arbitraries.of(true, false))
                .as((start, length, words, timed) -> {
                    double end = start + length;
                    List<Segment.Word> timedWords = new ArrayList<>();
                    if (timed) {
                        double step = Math.max(0.01, (end - start) / words.size());
                        for (int i = 0; i < words.size(); i++) {
                            timedWords.add(new Segment.Word(start + i * step, start + (i + 1) * step, words.get(i), null));
                        }
                    }
                    return new Segment(start, end, String.join(" ", words), timedWords);
                });
        return Combinators.combine(segment.list().ofMaxSize(30), Arbitraries.doubles().between(1, 150))
                .as((segments, audio) -> new Transcript("/x.mp3", "fake", "fake", "en", audio, 1, segments.size(),
                        segments));
    }
}
