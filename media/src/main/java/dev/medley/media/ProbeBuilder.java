package dev.medley.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_ATTACHMENT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_DATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_iterate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** Copies what FFmpeg found in an opened file into a {@link MediaProbe}. */
final class ProbeBuilder {
    // Stream tags that describe the encoding, not the content.
    private static final Set<String> TECHNICAL_TAGS =
            Set.of("language", "handler_name", "vendor_id", "duration", "encoder", "creation_time");

    private final String path;
    private final long size;
    private final String prober;
    private String formatName;
    private Double durationSeconds;
    private Long bitRate;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final List<MediaProbe.StreamInfo> streams = new ArrayList<>();
    private MediaProbe.StreamInfo video;
    private MediaProbe.StreamInfo audio;

    ProbeBuilder(String path, long size, String prober) {
        this.path = path;
        this.size = size;
        this.prober = prober;
    }

    ProbeBuilder format(AVFormatContext format) {
        formatName = format.iformat().name().getString();
        long duration = format.duration();
        durationSeconds = duration == AV_NOPTS_VALUE || duration < 0 ? null : duration / (double) AV_TIME_BASE;
        bitRate = format.bit_rate() > 0 ? format.bit_rate() : null;
        copyTags(format.metadata(), tags, Set.of());
        for (int i = 0; i < format.nb_streams(); i++) {
            streams.add(stream(format.streams(i), i));
        }
        return this;
    }

    ProbeBuilder mainStreams(int videoIndex, int audioIndex) {
        video = videoIndex >= 0 ? streams.get(videoIndex) : null;
        audio = audioIndex >= 0 ? streams.get(audioIndex) : null;
        return this;
    }

    /** Adds the main audio stream's tags where the container has none (Ogg keeps them per stream). */
    ProbeBuilder streamTags(AVFormatContext format, int audioIndex) {
        if (audioIndex >= 0) {
            copyTags(format.streams(audioIndex).metadata(), tags, TECHNICAL_TAGS);
        }
        return this;
    }

    MediaProbe playable() {
        return build(true, null, null);
    }

    MediaProbe failed(String error) {
        return build(false, error, null);
    }

    MediaProbe failed(MediaError error) {
        return build(false, error.getMessage(), error.detail());
    }

    /** Returns a probe of a file that plays, in part, but is damaged: {@code error} says how. */
    MediaProbe playsButFailed(String error) {
        return build(false, true, error, null);
    }

    private MediaProbe build(boolean ok, String error, String detail) {
        return build(ok, ok, error, detail);
    }

    private MediaProbe build(boolean ok, boolean playable, String error, String detail) {
        return new MediaProbe(path, ok, error, formatName, durationSeconds, size, bitRate,
                video == null ? null : video.codec(), video == null ? null : video.width(),
                video == null ? null : video.height(), video == null ? null : video.frameRate(),
                audio == null ? null : audio.codec(), audio == null ? null : audio.sampleRate(),
                audio == null ? null : audio.channels(), java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags)),
                playable,
                List.copyOf(streams), prober, detail);
    }

    private static MediaProbe.StreamInfo stream(AVStream stream, int index) {
        AVCodecParameters parameters = stream.codecpar();
        int type = parameters.codec_type();
        String codec = avcodec_get_name(parameters.codec_id()).getString();
        AVDictionaryEntry language = org.bytedeco.ffmpeg.global.avutil.av_dict_get(stream.metadata(), "language", null, 0);
        String lang = language == null ? null : language.value().getString();
        boolean picture = (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0;
        if (type == AVMEDIA_TYPE_VIDEO) {
            return new MediaProbe.StreamInfo(index, "video", codec, parameters.width(), parameters.height(),
                    frameRate(stream), null, null, lang, picture);
        }
        if (type == AVMEDIA_TYPE_AUDIO) {
            return new MediaProbe.StreamInfo(index, "audio", codec, null, null, null, parameters.sample_rate(),
                    parameters.ch_layout().nb_channels(), lang, false);
        }
        String kind = type == AVMEDIA_TYPE_SUBTITLE ? "subtitle"
                : type == AVMEDIA_TYPE_ATTACHMENT ? "attachment"
                : type == AVMEDIA_TYPE_DATA ? "data" : "other";
        return new MediaProbe.StreamInfo(index, kind, codec, null, null, null, null, null, lang, false);
    }

    private static Double frameRate(AVStream stream) {
        AVRational rate = stream.avg_frame_rate();
        if (rate.num() <= 0 || rate.den() <= 0) {
            rate = stream.r_frame_rate();
        }
        return rate.num() > 0 && rate.den() > 0 ? Math.round(rate.num() * 1000.0 / rate.den()) / 1000.0 : null;
    }

    private static void copyTags(AVDictionary dictionary, Map<String, String> into, Set<String> skip) {
        if (dictionary == null || dictionary.isNull()) {
            return;
        }
        for (AVDictionaryEntry entry = av_dict_iterate(dictionary, null); entry != null && !entry.isNull();
                entry = av_dict_iterate(dictionary, entry)) {
            String key = entry.key().getString().toLowerCase(Locale.ROOT);
            if (!skip.contains(key)) {
                into.putIfAbsent(key, entry.value().getString());
            }
        }
    }
}
