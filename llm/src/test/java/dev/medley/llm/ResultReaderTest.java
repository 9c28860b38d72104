package dev.medley.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultReaderTest {

    private static java.util.List<String> ids(ResultReader.Read read) {
        return read.results().stream().map(r -> r.path("id").asText()).toList();
    }

    @Test
    void readsTheResultsObjectABareArrayAndTheArrayInsideAFenceAfterProse() {
        assertThat(ids(ResultReader.read("{\"results\":[{\"id\":\"1\"},{\"id\":\"2\"}]}"))).containsExactly("1", "2");
        assertThat(ids(ResultReader.read("[{\"id\":\"1\"}]"))).containsExactly("1");
        ResultReader.Read fenced = ResultReader.read(
                "Sure! Here is the {json} you wanted:\n```json\n{\"results\":[{\"id\":\"3\",\"t\":\"a ] b\"}]}\n```\nBye.");
        assertThat(ids(fenced)).containsExactly("3");
        assertThat(fenced.complete()).isTrue();
    }

    @Test
    void keepsEveryCompleteObjectOfAnAnswerCutOffInTheMiddle() {
        ResultReader.Read cut = ResultReader.read("{\"results\":[{\"id\":\"1\",\"x\":[1,2]},{\"id\":\"2\"},{\"id\":\"3\",\"ti");
        assertThat(ids(cut)).containsExactly("1", "2");
        assertThat(cut.complete()).isFalse();
    }

    @Test
    void skipsOtherFieldsAndEntriesThatAreNotObjects() {
        ResultReader.Read read = ResultReader.read("{\"note\":{\"a\":[1]},\"results\":[7,{\"id\":\"1\"},\"x\"]}");
        assertThat(ids(read)).containsExactly("1");
        assertThat(read.complete()).isTrue();
    }

    @Test
    void findsNothingInProseAlone() {
        assertThat(ResultReader.read("I cannot help with that.").results()).isEmpty();
    }

    @Test
    void readsTheMessageOutOfABodyCutOffInsideIt() {
        String body = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"{\\\"results\\\":[{\\\"id\\\":\\\"1\\\",\\\"t\\\":\\\"caf\\u00e9\\\"},{\\\"id\\\":\\\"2";
        String partial = PartialContent.of(body);
        assertThat(partial).isEqualTo("{\"results\":[{\"id\":\"1\",\"t\":\"café\"},{\"id\":\"2");
        assertThat(ids(ResultReader.read(partial))).containsExactly("1");
    }
}
