package dev.medley.media;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What probing one file found. Serialised as-is, in this order, as one line of
 * {@code medley probe --json}.
 *
 * <p>Codec and format names are FFmpeg's ({@code h264}, {@code aac}, {@code matroska,webm}).
 * Top-level video fields describe the main video stream (cover art does not count), audio fields
 * the main audio stream; {@link #streams} lists them all. Fields that do not apply are null.
 *
 * @param ok whether the file is sound: it reads as media, its main stream decodes, and it is whole
 * @param error why not, or null
 * @param playable whether the main stream's first packets decode (a truncated file plays, but is not ok)
 * @param errorDetail FFmpeg's own text for the error, when {@code error} translates one; else null
 */
public record MediaProbe(
        String path,
        boolean ok,
        String error,
        String formatName,
        Double durationSeconds,
        long sizeBytes,
        Long bitRate,
        String videoCodec,
        Integer width,
        Integer height,
        Double frameRate,
        String audioCodec,
        Integer sampleRate,
        Integer channels,
        Map<String, String> tags,
        boolean playable,
        List<StreamInfo> streams,
        String prober,
        @JsonInclude(JsonInclude.Include.NON_NULL) String errorDetail) {

    /** Returns a failed probe of {@code path}: nothing known but its size. */
    public static MediaProbe failure(String path, long sizeBytes, String error, String prober) {
        return failure(path, sizeBytes, error, null, prober);
    }

    /** Returns a failed probe of {@code path}, with FFmpeg's own text for the error. */
    public static MediaProbe failure(String path, long sizeBytes, String error, String errorDetail, String prober) {
        return new MediaProbe(path, false, error, null, null, sizeBytes, null, null, null, null, null,
                null, null, null, Map.of(), false, List.of(), prober, errorDetail);
    }

    /** One stream of a file. */
    public record StreamInfo(
            int index,
            String type,
            String codec,
            Integer width,
            Integer height,
            Double frameRate,
            Integer sampleRate,
            Integer channels,
            String language,
            boolean attachedPicture) {}
}
