package dev.medley.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Probes by running {@code ffprobe} once per file, as tools without in-process FFmpeg do. Kept as
 * the baseline that in-process probing is measured and checked against; it does not decode, so
 * {@code playable} only says that the file opened and has an audio or video stream.
 */
final class FfprobeProber implements Prober {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeout;

    FfprobeProber(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "ffprobe";
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public MediaProbe probe(Path file) {
        ProbeTarget target = ProbeTarget.of(file, name());
        if (target.refusal() != null) {
            return target.refusal();
        }
        String path = target.path();
        long size = target.size();
        ProcessBuilder command = new ProcessBuilder("ffprobe", "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", "file:" + path).redirectErrorStream(false);
        Process process;
        try {
            process = command.start();
        } catch (IOException e) {
            return MediaProbe.failure(path, size,
                    "cannot run ffprobe: " + e.getMessage() + " (install FFmpeg, e.g. apt-get install ffmpeg)", name());
        }
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            // Drain stderr alongside stdout so that a chatty ffprobe can never block on a full pipe.
            var errors = Thread.ofVirtual().start(() -> readQuietly(err));
            byte[] json = out.readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return MediaProbe.failure(path, size, "timed out after " + timeout.toSeconds() + " s", name());
            }
            errors.join();
            if (process.exitValue() != 0) {
                String message = new String(readQuietly(err), StandardCharsets.UTF_8).strip();
                return MediaProbe.failure(path, size, message.isEmpty() ? "ffprobe failed" : message, name());
            }
            return parse(path, size, JSON.readTree(json));
        } catch (IOException e) {
            return MediaProbe.failure(path, size, "cannot read ffprobe's answer: " + e.getMessage(), name());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return MediaProbe.failure(path, size, "interrupted", name());
        }
    }

    private static byte[] readQuietly(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private MediaProbe parse(String path, long size, JsonNode root) {
        JsonNode format = root.path("format");
        Map<String, String> tags = new TreeMap<>();
        copyTags(format.path("tags"), tags);
        List<MediaProbe.StreamInfo> streams = new ArrayList<>();
        MediaProbe.StreamInfo video = null;
        MediaProbe.StreamInfo audio = null;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText("other");
            boolean picture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            MediaProbe.StreamInfo info = new MediaProbe.StreamInfo(stream.path("index").asInt(), type,
                    text(stream, "codec_name"), integer(stream, "width"), integer(stream, "height"),
                    "video".equals(type) ? rate(stream.path("avg_frame_rate").asText("")) : null,
                    integer(stream, "sample_rate"), integer(stream, "channels"),
                    stream.path("tags").path("language").asText(null), picture);
            streams.add(info);
            if ("video".equals(type) && !picture && video == null) {
                video = info;
            } else if ("audio".equals(type) && audio == null) {
                audio = info;
                copyTags(stream.path("tags"), tags);
            }
        }
        boolean playable = video != null || audio != null;
        return new MediaProbe(path, playable, playable ? null : "no audio or video stream",
                text(format, "format_name"), decimal(format, "duration"), size, longValue(format, "bit_rate"),
                video == null ? null : video.codec(), video == null ? null : video.width(),
                video == null ? null : video.height(), video == null ? null : video.frameRate(),
                audio == null ? null : audio.codec(), audio == null ? null : audio.sampleRate(),
                audio == null ? null : audio.channels(), tags, playable, streams, name(), null);
    }

    private static void copyTags(JsonNode node, Map<String, String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            String key = tag.getKey().toLowerCase(Locale.ROOT);
            if (!key.equals("language") && !key.equals("handler_name") && !key.equals("vendor_id")
                    && !key.equals("duration") && !key.equals("encoder") && !key.equals("creation_time")) {
                into.putIfAbsent(key, tag.getValue().asText());
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Integer.valueOf(value);
    }

    private static Long longValue(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.equals("N/A") ? null : Long.valueOf(value);
    }

    private static Double decimal(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.equals("N/A") ? null : Double.valueOf(value);
    }

    private static Double rate(String fraction) {
        int slash = fraction.indexOf('/');
        if (slash < 0) {
            return null;
        }
        double num = Double.parseDouble(fraction.substring(0, slash));
        double den = Double.parseDouble(fraction.substring(slash + 1));
        return num > 0 && den > 0 ? Math.round(num * 1000.0 / den) / 1000.0 : null;
    }
}
