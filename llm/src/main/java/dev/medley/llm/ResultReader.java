package dev.medley.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the results in a model's message: {@code {"results":[{...},...]}} or a bare array, also
 * inside a markdown fence or after a sentence of prose. Every complete result object is kept, one at
 * a time as it is parsed, so an answer cut off in the middle still gives the items before the cut.
 */
final class ResultReader {
    private static final int MAX_STARTS = 32;

    /**
     * What was read.
     *
     * @param results each complete object of the results array, in the order given
     * @param complete whether the array was read to its end
     */
    record Read(List<ObjectNode> results, boolean complete) {}

    private ResultReader() {}

    static Read read(String content) {
        Read best = new Read(List.of(), false);
        int tried = 0;
        int fence = content.indexOf("```");
        if (fence >= 0) {
            int start = firstBrace(content, fence);
            if (start >= 0) {
                best = better(best, readFrom(content, start));
                tried++;
            }
        }
        for (int i = 0; i < content.length() && tried < MAX_STARTS && !(best.complete() && !best.results().isEmpty()); i++) {
            char c = content.charAt(i);
            if (c == '{' || c == '[') {
                best = better(best, readFrom(content, i));
                tried++;
            }
        }
        return best;
    }

    private static int firstBrace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '[') {
                return i;
            }
        }
        return -1;
    }

    // More results first: an empty array complete in the prose is no answer; then a complete one.
    private static Read better(Read a, Read b) {
        if (b.results().size() != a.results().size()) {
            return b.results().size() > a.results().size() ? b : a;
        }
        return b.complete() && !a.complete() ? b : a;
    }

    private static Read readFrom(String content, int start) {
        List<ObjectNode> results = new ArrayList<>();
        try (JsonParser parser = ChatClient.JSON.createParser(content.substring(start))) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                if (!toResults(parser)) {
                    return new Read(List.of(), false);
                }
            } else if (first != JsonToken.START_ARRAY) {
                return new Read(List.of(), false);
            }
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    return new Read(results, true);
                }
                if (token == null) {
                    return new Read(results, false);
                }
                if (token == JsonToken.START_OBJECT) {
                    JsonNode result = ChatClient.JSON.readTree(parser);
                    results.add((ObjectNode) result);
                } else {
                    parser.skipChildren(); // Not an object: not a result; its item will be asked again.
                }
            }
        } catch (IOException e) {
            // Cut off, or not JSON from here on: what was complete before stands.
            return new Read(results, false);
        }
    }

    /** Moves the parser into the array under "results" (or the object's only array); false if none. */
    private static boolean toResults(JsonParser parser) throws IOException {
        while (true) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.FIELD_NAME) {
                return false;
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_ARRAY && ("results".equals(name) || "items".equals(name))) {
                return true;
            }
            parser.skipChildren();
        }
    }
}
