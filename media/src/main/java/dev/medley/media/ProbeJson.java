package dev.medley.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Writes probes as single-line JSON, the form stored in the catalog and printed by {@code --json}. */
public final class ProbeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProbeJson() {}

    /** Returns {@code probe} as one line of JSON. */
    public static String write(MediaProbe probe) {
        try {
            return MAPPER.writeValueAsString(probe);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the probe that {@code json} holds. */
    public static MediaProbe read(String json) {
        try {
            return MAPPER.readValue(json, MediaProbe.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
