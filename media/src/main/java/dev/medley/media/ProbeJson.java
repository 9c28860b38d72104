package dev.medley.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes probes as single-line JSON, the form stored in the catalog and printed by {@code --json}. */
public final class ProbeJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ProbeJson() {}

    /**
     * Returns {@code probe} as one line of JSON: its fields in order, nulls written except a null
     * {@code errorDetail}, as Jackson writes the record. Written by hand: every file probed is written
     * once, and Jackson's reflective serialiser was a tenth of a probe's time.
     */
    public static String write(MediaProbe probe) {
        StringBuilder json = new StringBuilder(512);
        json.append("{\"path\":");
        string(json, probe.path());
        json.append(",\"ok\":").append(probe.ok());
        json.append(",\"error\":");
        string(json, probe.error());
        json.append(",\"formatName\":");
        string(json, probe.formatName());
        json.append(",\"durationSeconds\":");
        number(json, probe.durationSeconds());
        json.append(",\"sizeBytes\":").append(probe.sizeBytes());
        json.append(",\"bitRate\":").append(probe.bitRate());
        json.append(",\"videoCodec\":");
        string(json, probe.videoCodec());
        json.append(",\"width\":").append(probe.width());
        json.append(",\"height\":").append(probe.height());
        json.append(",\"frameRate\":");
        number(json, probe.frameRate());
        json.append(",\"audioCodec\":");
        string(json, probe.audioCodec());
        json.append(",\"sampleRate\":").append(probe.sampleRate());
        json.append(",\"channels\":").append(probe.channels());
        json.append(",\"tags\":");
        tags(json, probe.tags());
        json.append(",\"playable\":").append(probe.playable());
        json.append(",\"streams\":");
        streams(json, probe.streams());
        json.append(",\"prober\":");
        string(json, probe.prober());
        if (probe.errorDetail() != null) {
            json.append(",\"errorDetail\":");
            string(json, probe.errorDetail());
        }
        return json.append('}').toString();
    }

    /** Returns the probe that {@code json} holds. */
    public static MediaProbe read(String json) {
        try {
            return Reader.MAPPER.readValue(json, MediaProbe.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Made on the first read only: a run that prints what it probes as JSON never needs it.
    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static void tags(StringBuilder json, Map<String, String> tags) {
        if (tags == null) {
            json.append("null");
            return;
        }
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, tag.getKey());
            json.append(':');
            string(json, tag.getValue());
        }
        json.append('}');
    }

    private static void streams(StringBuilder json, List<MediaProbe.StreamInfo> streams) {
        if (streams == null) {
            json.append("null");
            return;
        }
        json.append('[');
        for (int i = 0; i < streams.size(); i++) {
            MediaProbe.StreamInfo stream = streams.get(i);
            if (i > 0) {
                json.append(',');
            }
            if (stream == null) {
                json.append("null");
                continue;
            }
            json.append("{\"index\":").append(stream.index());
            json.append(",\"type\":");
            string(json, stream.type());
            json.append(",\"codec\":");
            string(json, stream.codec());
            json.append(",\"width\":").append(stream.width());
            json.append(",\"height\":").append(stream.height());
            json.append(",\"frameRate\":");
            number(json, stream.frameRate());
            json.append(",\"sampleRate\":").append(stream.sampleRate());
            json.append(",\"channels\":").append(stream.channels());
            json.append(",\"language\":");
            string(json, stream.language());
            json.append(",\"attachedPicture\":").append(stream.attachedPicture()).append('}');
        }
        json.append(']');
    }

    // As Jackson writes a double: Double.toString, and the values JSON has no number for as strings.
    private static void number(StringBuilder json, Double value) {
        if (value == null) {
            json.append("null");
        } else if (value.isNaN() || value.isInfinite()) {
            json.append('"').append(value).append('"');
        } else {
            json.append(value.doubleValue());
        }
    }

    // As Jackson escapes: quote, backslash and control characters; \b \t \n \f \r short, the rest as
    // \\u00XX; everything else, non-ASCII too, as it is.
    private static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
