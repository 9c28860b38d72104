package dev.medley.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks JSON bodies against a schema of the OpenAI OpenAPI description in {@code ../shared/specs},
 * when it is there. Each schema is the named component with every other component beside it, so its
 * {@code $ref}s resolve.
 */
public final class OpenApiCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile JsonNode components;
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private OpenApiCheck() {}

    /** Returns the description's path, if this checkout has the shared files. */
    public static Optional<Path> spec() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path spec = dir.resolve("shared/specs/openai-openapi.yaml");
            if (Files.isRegularFile(spec)) {
                return Optional.of(spec);
            }
            Path sibling = dir.resolveSibling("shared").resolve("specs/openai-openapi.yaml");
            if (Files.isRegularFile(sibling)) {
                return Optional.of(sibling);
            }
        }
        return Optional.empty();
    }

    /** Loads and compiles the schemas now, so that the first check takes no longer than the others. */
    public static void warm(String... components) {
        for (String component : components) {
            schema(component);
        }
    }

    /** Returns what is wrong with {@code body} as a {@code component}; empty when right or when there is no description. */
    public static List<String> problems(String component, JsonNode body) {
        Optional<JsonSchema> schema = schema(component);
        if (schema.isEmpty()) {
            return List.of();
        }
        return schema.get().validate(body).stream().map(ValidationMessage::getMessage).toList();
    }

    private static Optional<JsonSchema> schema(String component) {
        Optional<Path> spec = spec();
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SCHEMAS.computeIfAbsent(component, name -> {
            ObjectNode root = JSON.createObjectNode();
            root.put("$ref", "#/components/schemas/" + name);
            root.set("components", components(spec.get()));
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        }));
    }

    private static JsonNode components(Path spec) {
        if (components == null) {
            synchronized (OpenApiCheck.class) {
                if (components == null) {
                    try {
                        components = new ObjectMapper(new YAMLFactory()).readTree(spec.toFile()).get("components");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return components;
    }
}
