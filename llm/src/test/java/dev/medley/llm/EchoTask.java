package dev.medley.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A task whose right answer can be told from the item alone: {@code echo} is "seen:" and the item's input. */
final class EchoTask implements BatchedJson.Task {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String instruction;

    EchoTask(String instruction) {
        this.instruction = instruction;
    }

    /** The oracle: what a faithful model answers for an item. */
    static ObjectNode oracle(ObjectNode item) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("echo", "seen:" + item.path("input").asText());
        answer.put("year", 1979);
        return answer;
    }

    static ObjectNode item(String input) {
        return JSON.createObjectNode().put("input", input);
    }

    /** Returns whether {@code answer} was made from {@code input} and nothing else. */
    static boolean answers(ObjectNode answer, String input) {
        return ("seen:" + input).equals(answer.path("echo").asText(null));
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String instruction() {
        return instruction;
    }

    @Override
    public ObjectNode schema() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
        schema.putArray("required").add("results");
        ObjectNode item = schema.putObject("properties").putObject("results").put("type", "array").putObject("items");
        item.put("type", "object").put("additionalProperties", false);
        item.putArray("required").add("id").add("echo").add("year");
        ObjectNode properties = item.putObject("properties");
        properties.putObject("id").put("type", "string");
        properties.putObject("echo").put("type", "string");
        properties.putObject("year").putArray("type").add("integer").add("null");
        return schema;
    }

    @Override
    public String version() {
        return "echo-1";
    }

    @Override
    public String check(ObjectNode result) {
        JsonNode echo = result.get("echo");
        JsonNode year = result.get("year");
        if (echo == null || !echo.isTextual()) {
            return "echo must be text";
        }
        if (year != null && !year.isNull() && !year.isIntegralNumber()) {
            return "year must be a number";
        }
        return result.size() == 2 ? null : "unknown fields";
    }
}
