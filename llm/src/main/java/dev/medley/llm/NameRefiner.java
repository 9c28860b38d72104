package dev.medley.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medley.core.RateLimiter;
import dev.medley.core.Sleeper;
import dev.medley.metadata.Field;
import dev.medley.metadata.Identity;
import dev.medley.metadata.MediaKind;
import dev.medley.metadata.MediaName;
import dev.medley.metadata.Refinement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the model about the names the parser was unsure of, many in one request, and merges its
 * answers into their identities ({@link Refinement}: tags still win; the model's fields take
 * precedence for the names sent because they were unsure, or for all under {@code --llm all}).
 */
public final class NameRefiner {
    /** Changes with the instruction or the schema: answers cached under another version are asked again. */
    public static final String VERSION = "names-1";

    /** The answer's fields besides {@code id}, with their JSON types, in the schema's order. */
    private static final Map<String, String> ANSWER = answerFields();

    /**
     * Which names are sent.
     *
     * @param minConfidence names read with less confidence than this are sent
     * @param all send every name, and let the model's answers take precedence for all
     */
    public record Options(double minConfidence, boolean all) {
        public static final Options DEFAULTS = new Options(0.8, false);
    }

    /**
     * One name after refinement.
     *
     * @param identity the merged identity; the parser's alone when not sent or failed
     * @param sent whether the model was asked (or its cached answer used)
     * @param fromCache whether the answer came from the cache
     * @param error why the model gave no answer, or null
     */
    public record Refined(Identity identity, boolean sent, boolean fromCache, String error) {}

    private final Options options;
    private final BatchedJson engine;
    private final int capacity;
    private final LlmSettings settings;

    public NameRefiner(ChatClient client, RateLimiter limiter, AnswerCache cache, LlmStats stats, Options options) {
        this(client, limiter, cache, stats, options, Sleeper.SYSTEM);
    }

    NameRefiner(ChatClient client, RateLimiter limiter, AnswerCache cache, LlmStats stats, Options options, Sleeper sleeper) {
        this.options = options;
        this.capacity = client.settings().batchSize() * client.settings().workers();
        this.settings = client.settings();
        this.engine = new BatchedJson(client, task(client.settings().batchSize()), limiter, cache, stats, sleeper);
    }

    /** Returns the settings of the model asked. */
    public LlmSettings settings() {
        return settings;
    }

    /** Returns how many names fill every request in flight: the batch size times the workers. */
    public int capacity() {
        return capacity;
    }

    /** Returns whether {@code identity} is sent to the model. */
    public boolean wants(Identity identity) {
        return options.all() || identity.name().confidence() < options.minConfidence();
    }

    /** Refines {@code identities}; the answer lists them in the same order. */
    public List<Refined> refine(List<Identity> identities) throws InterruptedException {
        return refine(identities, engine::answer);
    }

    /**
     * Refines {@code identities} through the provider's Batch API (see
     * {@link BatchedJson#answerByBatchApi}); without {@code submit}, only collects what an earlier run
     * submitted.
     */
    public List<Refined> refineByBatchApi(List<Identity> identities, BatchApi api, BatchedJson.OpenBatches store,
            java.time.Duration poll, boolean submit) throws InterruptedException {
        return refine(identities, inputs -> engine.answerByBatchApi(inputs, api, store, poll, submit));
    }

    private interface Asking {
        List<BatchedJson.Outcome> answer(List<ObjectNode> inputs) throws InterruptedException;
    }

    private List<Refined> refine(List<Identity> identities, Asking asking) throws InterruptedException {
        List<ObjectNode> inputs = new ArrayList<>();
        List<Integer> sentAt = new ArrayList<>();
        for (int i = 0; i < identities.size(); i++) {
            if (wants(identities.get(i))) {
                inputs.add(input(identities.get(i)));
                sentAt.add(i);
            }
        }
        List<BatchedJson.Outcome> outcomes = asking.answer(inputs);
        List<Refined> refined = new ArrayList<>(identities.size());
        for (Identity identity : identities) {
            refined.add(new Refined(identity, false, false, null));
        }
        for (int j = 0; j < sentAt.size(); j++) {
            int i = sentAt.get(j);
            BatchedJson.Outcome outcome = outcomes.get(j);
            Identity identity = identities.get(i);
            if (!outcome.ok()) {
                refined.set(i, new Refined(identity, true, false, outcome.error()));
                continue;
            }
            double confidence = outcome.answer().path("confidence").asDouble();
            boolean unsure = identity.name().confidence() < options.minConfidence();
            Identity merged = Refinement.merge(identity, fields(outcome.answer()), confidence, unsure || options.all());
            refined.set(i, new Refined(merged, true, outcome.fromCache(), null));
        }
        return refined;
    }

    /** Returns the item sent for a name: the name as given, and what the parser and the tags read in it. */
    public static ObjectNode input(Identity identity) {
        MediaName name = identity.name();
        ObjectNode item = ChatClient.JSON.createObjectNode();
        item.put("input", name.input());
        ObjectNode parsed = item.putObject("parsed");
        ObjectNode tags = ChatClient.JSON.createObjectNode();
        parsed.put("kind", name.kind().key());
        for (Field field : Refinement.FIELDS) {
            if (field == Field.KIND) {
                continue;
            }
            Object value = name.get(field);
            if (value == null) {
                continue;
            }
            ObjectNode into = identity.source(field) == Identity.Source.TAG ? tags : parsed;
            String key = key(field);
            if (value instanceof List<?> episodes) {
                into.put(key, (Integer) episodes.getFirst());
            } else if (value instanceof Integer number) {
                into.put(key, number);
            } else {
                into.put(key, value.toString());
            }
        }
        if (!tags.isEmpty()) {
            item.set("tags", tags);
        }
        return item;
    }

    private static String key(Field field) {
        return field == Field.EPISODES ? "episode" : field.key();
    }

    /** Returns the answer's fields as {@link Refinement#merge} takes them. */
    static Map<Field, Object> fields(ObjectNode answer) {
        Map<Field, Object> fields = new EnumMap<>(Field.class);
        MediaKind kind = kind(answer.path("kind").asText(""));
        if (kind != null) {
            fields.put(Field.KIND, kind);
        }
        for (Field field : Refinement.FIELDS) {
            JsonNode value = answer.get(key(field));
            if (field == Field.KIND || value == null || value.isNull()) {
                continue;
            }
            fields.put(field, value.isIntegralNumber() ? (Object) value.intValue() : value.asText());
        }
        return fields;
    }

    private static MediaKind kind(String key) {
        for (MediaKind kind : MediaKind.values()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        return null;
    }

    private static Map<String, String> answerFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kind", "kind");
        fields.put("title", "string");
        fields.put("year", "integer");
        fields.put("season", "integer");
        fields.put("episode", "integer");
        fields.put("episodeTitle", "string");
        fields.put("artist", "string");
        fields.put("album", "string");
        fields.put("track", "integer");
        fields.put("featuring", "string");
        fields.put("version", "string");
        fields.put("confidence", "number");
        return fields;
    }

    /** The task for batches of up to {@code batchSize} names: the ids the schema allows are "1" to that. */
    public static BatchedJson.Task task(int batchSize) {
        String instruction = instruction();
        ObjectNode schema = schema(batchSize);
        return new BatchedJson.Task() {
            @Override
            public String name() {
                return "media_names";
            }

            @Override
            public String instruction() {
                return instruction;
            }

            @Override
            public ObjectNode schema() {
                return schema;
            }

            @Override
            public String version() {
                return VERSION;
            }

            @Override
            public String check(ObjectNode result) {
                return NameRefiner.check(result);
            }
        };
    }

    static String check(ObjectNode result) {
        for (Iterator<String> names = result.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ANSWER.containsKey(name)) {
                return "unknown field '" + name + "'";
            }
        }
        for (Map.Entry<String, String> field : ANSWER.entrySet()) {
            JsonNode value = result.get(field.getKey());
            String problem = switch (field.getValue()) {
                case "kind" -> value != null && value.isTextual() && kind(value.asText()) != null ? null
                        : "kind must be one of " + kinds();
                case "number" -> value != null && value.isNumber() && value.asDouble() >= 0 && value.asDouble() <= 1 ? null
                        : "confidence must be a number from 0 to 1";
                case "integer" -> value == null || value.isNull() || (value.canConvertToExactIntegral()
                        && value.isNumber() && inRange(field.getKey(), value.asLong())) ? null
                        : field.getKey() + " must be a whole number in range, or null";
                default -> value == null || value.isNull() || (value.isTextual() && value.asText().length() <= 400) ? null
                        : field.getKey() + " must be text or null";
            };
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static boolean inRange(String field, long value) {
        return switch (field) {
            case "year" -> value >= 1000 && value <= 2999;
            case "season", "track" -> value >= 0 && value <= 9999;
            default -> value >= 0 && value <= 99_999;
        };
    }

    private static List<String> kinds() {
        List<String> keys = new ArrayList<>();
        for (MediaKind kind : MediaKind.values()) {
            keys.add(kind.key());
        }
        return keys;
    }

    private static ObjectNode schema(int batchSize) {
        ObjectNode schema = ChatClient.JSON.createObjectNode();
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        schema.putArray("required").add("results");
        ObjectNode results = schema.putObject("properties").putObject("results");
        results.put("type", "array");
        ObjectNode item = results.putObject("items");
        item.put("type", "object");
        item.put("additionalProperties", false);
        ArrayNode required = item.putArray("required");
        ObjectNode properties = item.putObject("properties");
        required.add("id");
        ObjectNode id = properties.putObject("id");
        id.put("type", "string");
        ArrayNode ids = id.putArray("enum");
        for (int i = 1; i <= batchSize; i++) {
            ids.add(Integer.toString(i));
        }
        for (Map.Entry<String, String> field : ANSWER.entrySet()) {
            required.add(field.getKey());
            ObjectNode property = properties.putObject(field.getKey());
            switch (field.getValue()) {
                case "kind" -> {
                    property.put("type", "string");
                    ArrayNode values = property.putArray("enum");
                    kinds().forEach(values::add);
                }
                case "number" -> property.put("type", "number");
                default -> property.putArray("type").add(field.getValue()).add("null");
            }
        }
        return schema;
    }

    private static String instruction() {
        try (InputStream in = NameRefiner.class.getResourceAsStream("name-instruction.txt")) {
            if (in == null) {
                throw new IllegalStateException("name-instruction.txt is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
