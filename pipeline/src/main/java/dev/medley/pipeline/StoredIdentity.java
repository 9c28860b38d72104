package dev.medley.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.medley.metadata.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;

/**
 * An {@link Identity} as the catalog keeps it: its fields and each field's source, as JSON. Every
 * character beyond ASCII is written as an escape, so that a title taken from a name that is not
 * UTF-8 (escaped text, with lone surrogates for its bytes) comes back with the same bytes.
 */
final class StoredIdentity {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build()
            .registerModule(new SimpleModule()
                    .addSerializer(LocalDate.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(LocalDate date, JsonGenerator out, SerializerProvider provider)
                                throws IOException {
                            out.writeString(date.toString());
                        }
                    })
                    .addDeserializer(LocalDate.class, new JsonDeserializer<>() {
                        @Override
                        public LocalDate deserialize(JsonParser in, DeserializationContext context) throws IOException {
                            return LocalDate.parse(in.getValueAsString());
                        }
                    }))
            // A field added by a later version is not an error for this one, which identifies again anyway.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StoredIdentity() {}

    static String write(Identity identity) {
        try {
            return MAPPER.writeValueAsString(identity);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Identity read(String json) {
        try {
            return MAPPER.readValue(json, Identity.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
