package dev.medley.organize;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Checks that no value and no valid template can give an unsafe path. */
class TemplatePropertiesTest {
    private static final List<String> LITERALS = List.of(" - ", " ", "(", ")", "[", "]", ".", "-", "_",
            "Season ", "S", "E", "..", "x", " (", ") ", "\u00e9", "\ud83c\udfac");

    @Provide
    Arbitrary<Template> templates() {
        Arbitrary<String> field = Arbitraries.of(List.copyOf(Template.FIELDS))
                .flatMap(name -> Arbitraries.of("", ":0", ":00", ":000").map(format -> "{" + name + format + "}"));
        Arbitrary<String> literal = Arbitraries.of(LITERALS);
        // Every level has a field, so every generated template is valid.
        Arbitrary<String> level = Arbitraries.oneOf(field, literal).list().ofMaxSize(6)
                .flatMap(parts -> field.map(f -> {
                    List<String> all = new ArrayList<>(parts);
                    all.add(parts.size() / 2, f);
                    return String.join("", all);
                }));
        Arbitrary<Template> generated = level.list().ofMinSize(1).ofMaxSize(4)
                .map(levels -> Template.parse(String.join("/", levels)));
        return Arbitraries.oneOf(generated, Arbitraries.of(Templates.DEFAULT.get(Templates.Key.EPISODE), Templates.DEFAULT.get(Templates.Key.MOVIE),
                Templates.DEFAULT.get(Templates.Key.MUSIC)));
    }

    @Provide
    Arbitrary<Map<String, Object>> values() {
        Arbitrary<Object> text = SafeNamesPropertiesTest.anyNames().map(s -> s);
        Arbitrary<Object> number = Arbitraries.integers().between(-5, 100_000).map(i -> i);
        Arbitrary<Object> episodes = Arbitraries.integers().between(0, 2000).list().ofMaxSize(4).map(l -> l);
        Arbitrary<Object> value = Arbitraries.frequencyOf(
                Tuple.of(6, text), Tuple.of(2, number), Tuple.of(1, episodes))
                .injectNull(0.25);
        return value.list().ofSize(Template.FIELDS.size()).map(list -> {
            Map<String, Object> values = new HashMap<>();
            int i = 0;
            for (String field : Template.FIELDS) {
                values.put(field, list.get(i++));
            }
            return values;
        });
    }

    @Property(tries = 1000)
    void everyRenderedPathIsSafeAndRelative(@ForAll("templates") Template template,
            @ForAll("values") Map<String, Object> values) {
        Template.Rendering r = template.render(values::get);
        assertThat(r.path()).doesNotStartWith("/").doesNotEndWith("/");
        String[] levels = r.path().split("/", -1);
        assertThat(levels.length).isBetween(1, template.toString().split("/", -1).length);
        for (String level : levels) {
            assertThat(level).isNotEmpty().isNotIn(".", "..");
            assertThat(level.getBytes(UTF_8).length).isLessThanOrEqualTo(255);
            SafeNamesPropertiesTest.assertSafe(level);
        }
        assertThat(template.fields()).containsAll(r.missing());
        for (String field : r.missing()) {
            Object value = values.get(field);
            boolean blank = value == null || value.toString().isBlank() || value instanceof List<?> l && l.isEmpty();
            assertThat(blank || r.path().equals("_")).as("%s reported missing with value %s", field, value).isTrue();
        }
    }
}
