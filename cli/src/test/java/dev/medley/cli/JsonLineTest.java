package dev.medley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;

/** A hand-written line must read exactly as Jackson writes it: scripts compare them. */
class JsonLineTest {

    @Property(tries = 500)
    void writesWhatJacksonWrites(@ForAll @CharRange(from = 0, to = 0x7f) @Chars({'é', '✓', '\u2028', 'Ω'}) String text,
            @ForAll String anything, @ForAll long number, @ForAll int small, @ForAll boolean flag) throws Exception {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "plan-item");
        line.put("text", text);
        line.put("any", anything.replaceAll("[\\uD800-\\uDFFF]", "?")); // Jackson refuses lone surrogates.
        line.put("number", number);
        line.put("small", small);
        line.put("flag", flag);
        line.put("none", null);
        line.put(text, "key " + text);

        assertThat(JsonLine.of(line)).isEqualTo(Jobs.JSON.writeValueAsString(line));
    }
}
