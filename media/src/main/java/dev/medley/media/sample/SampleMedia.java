package dev.medley.media.sample;

import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.javacpp.PointerScope;

/**
 * Writes small, valid media files (a stereo test tone, plus a moving test pattern for video formats) in
 * process through FFmpeg's libraries, so that sample libraries and benchmark inputs can be made on machines
 * without an ffmpeg binary.
 *
 * <p>Calls for different files may run concurrently. Each call frees all native memory it used before it
 * returns, also when it fails.
 */
public final class SampleMedia {

    /** The longest duration {@link #write} accepts. */
    public static final Duration MAX_DURATION = Duration.ofHours(24);

    static {
        FfmpegCalls.init();
    }

    private SampleMedia() {}

    /** A container with the codecs written into it. Constant names say container, video codec, audio codec. */
    public enum Format {
        /** 16-bit PCM in a RIFF WAVE file; tags go to a LIST/INFO chunk. */
        WAV("wav", "wav", "pcm_s16le", "pcm_s16le"),
        /** Native FLAC; tags are Vorbis comments. */
        FLAC("flac", "flac", "flac", "flac"),
        /** MPEG-1 Layer III with an ID3v2 tag and a Xing/LAME header for exact duration. */
        MP3("mp3", "mp3", "mp3", "libmp3lame"),
        /** Vorbis in Ogg; tags are Vorbis comments. */
        OGG_VORBIS("ogg", "ogg", "vorbis", "libvorbis", "vorbis"),
        /** Opus in Ogg at 48 kHz; tags are Vorbis comments. */
        OPUS("opus", "opus", "opus", "libopus", "opus"),
        /** AAC-LC in an iTunes-style MPEG-4 audio file; tags are iTunes atoms. */
        M4A_AAC("m4a", "ipod", "aac", "aac"),
        /** Apple Lossless in an iTunes-style MPEG-4 audio file; tags are iTunes atoms. */
        M4A_ALAC("m4a", "ipod", "alac", "alac"),
        /** H.264 and AAC in Matroska; tags are Matroska tags. */
        MKV_H264_AAC("mkv", "matroska", "aac", List.of("aac"), "h264", List.of("libx264", "libopenh264"), true),
        /** H.264 and AAC in MPEG-4; tags are iTunes atoms. */
        MP4_H264_AAC("mp4", "mp4", "aac", List.of("aac"), "h264", List.of("libx264", "libopenh264"), true),
        /** Motion JPEG and 16-bit PCM in QuickTime, as older still cameras write; tags are QuickTime mdta keys. */
        MOV_MJPEG_PCM("mov", "mov", "pcm_s16le", List.of("pcm_s16le"), "mjpeg", List.of("mjpeg"), true),
        /** VP9 and Opus in WebM; tags are Matroska tags. */
        WEBM_VP9_OPUS("webm", "webm", "opus", List.of("libopus", "opus"), "vp9", List.of("libvpx-vp9"), true),
        /** VP8 and Vorbis in WebM; tags are Matroska tags. */
        WEBM_VP8_VORBIS("webm", "webm", "vorbis", List.of("libvorbis", "vorbis"), "vp8", List.of("libvpx"), true),
        /**
         * MPEG-4 Part 2 and MP3 in AVI; tags go to a LIST/INFO chunk, where FFmpeg reads {@code album} back as
         * {@code product}.
         */
        AVI_MPEG4_MP3("avi", "avi", "mp3", List.of("libmp3lame"), "mpeg4", List.of("mpeg4"), true),
        /** MPEG-2 video and MP2 audio in an MPEG transport stream, which has no place for tags. */
        MPEGTS_MPEG2_MP2("ts", "mpegts", "mp2", List.of("mp2"), "mpeg2video", List.of("mpeg2video"), false);

        private final String extension;
        private final String muxer;
        private final String audioCodec;
        private final List<String> audioEncoders;
        private final String videoCodec;
        private final List<String> videoEncoders;
        private final boolean carriesTags;

        Format(String extension, String muxer, String audioCodec, String... audioEncoders) {
            this(extension, muxer, audioCodec, List.of(audioEncoders), null, List.of(), true);
        }

        Format(String extension, String muxer, String audioCodec, List<String> audioEncoders,
                String videoCodec, List<String> videoEncoders, boolean carriesTags) {
            this.extension = extension;
            this.muxer = muxer;
            this.audioCodec = audioCodec;
            this.audioEncoders = audioEncoders;
            this.videoCodec = videoCodec;
            this.videoEncoders = videoEncoders;
            this.carriesTags = carriesTags;
        }

        /** Returns the usual file name extension, without the dot. */
        public String extension() {
            return extension;
        }

        /** Returns FFmpeg's name for the muxer. */
        public String muxer() {
            return muxer;
        }

        /** Returns FFmpeg's name for the audio codec, as ffprobe reports it. */
        public String audioCodec() {
            return audioCodec;
        }

        /** Returns FFmpeg's name for the video codec, as ffprobe reports it, or empty for audio-only formats. */
        public Optional<String> videoCodec() {
            return Optional.ofNullable(videoCodec);
        }

        /** Returns whether the file has a video stream. */
        public boolean hasVideo() {
            return videoCodec != null;
        }

        /** Returns whether the tags given to {@link #write} can be read back from the file. */
        public boolean carriesTags() {
            return carriesTags;
        }

        /** Returns private options for the muxer. */
        Map<String, String> muxerOptions() {
            // QuickTime's own udta atoms have no track number; mdta keys store every tag under its own name.
            return muxer.equals("mov") ? Map.of("movflags", "use_metadata_tags") : Map.of();
        }

        /** Returns the audio encoder this FFmpeg build would use, or null when it has none of them. */
        AVCodec audioEncoder() {
            return FfmpegCalls.findEncoder(audioEncoders);
        }

        /** Returns the video encoder this FFmpeg build would use, or null when it has none or none is needed. */
        AVCodec videoEncoder() {
            return FfmpegCalls.findEncoder(videoEncoders);
        }
    }

    /** Returns the formats this FFmpeg build can write (encoders and muxers present). */
    public static Set<Format> available() {
        return Availability.FORMATS;
    }

    /**
     * Writes one file: a test tone (and a moving test pattern when the format has video) of the given duration,
     * with the given tags as container metadata. The file appears atomically: it is written to a hidden
     * temporary file in the same directory and then renamed, replacing any file of that name.
     *
     * @param file where to write; the directory must exist. The extension is not checked.
     * @param duration positive and at most {@link #MAX_DURATION}
     * @param tags container tags such as {@code artist}, {@code title}, {@code album}, {@code date},
     *     {@code track}; FFmpeg maps these generic names to each container's own
     * @throws IOException when the format is not {@link #available()} or FFmpeg or the file system fails; the
     *     message names {@code file}
     */
    public static void write(Path file, Format format, Duration duration, Map<String, String> tags)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(tags, "tags");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("Duration must be positive and at most " + MAX_DURATION + ": "
                    + duration);
        }
        Map<String, String> tagCopy = Map.copyOf(tags);
        if (tagCopy.keySet().stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("Tag names must not be blank: " + tagCopy.keySet());
        }
        AVCodec audioEncoder = format.audioEncoder();
        AVCodec videoEncoder = format.hasVideo() ? format.videoEncoder() : null;
        if (audioEncoder == null || (format.hasVideo() && videoEncoder == null)) {
            throw new IOException("Cannot write " + format + " to " + file + ": this FFmpeg build lacks an encoder");
        }

        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling(
                ".sample-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            encode(temp, target, format, audioEncoder, videoEncoder, duration, tagCopy);
            moveIntoPlace(temp, target);
        } catch (Throwable e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void encode(Path temp, Path target, Format format, AVCodec audioEncoder, AVCodec videoEncoder,
            Duration duration, Map<String, String> tags) throws IOException {
        // The scope frees the small structs JavaCPP allocates (rationals, strings) when the call ends,
        // instead of leaving them to the garbage collector.
        try (PointerScope scope = new PointerScope();
                Muxer muxer = Muxer.open(temp, target, format.muxer(), tags);
                VideoEncoder video = videoEncoder == null ? null : VideoEncoder.open(muxer, videoEncoder, duration);
                AudioEncoder audio = AudioEncoder.open(muxer, audioEncoder, duration)) {
            if (video != null && muxer.delaysVideoForAudioPriming()) {
                // Otherwise AVI shifts the video one frame late and pads it with an empty frame.
                audio.startPrimingAtZero();
            }
            muxer.writeHeader(format.muxerOptions());
            StreamEncoder next;
            while ((next = earliest(audio, video)) != null) {
                next.encodeNextFrame();
            }
            if (video != null) {
                video.flush();
            }
            audio.flush();
            muxer.finish();
        }
    }

    /** Returns the encoder whose next frame comes first, so the muxer's interleaving queue stays short. */
    private static StreamEncoder earliest(AudioEncoder audio, VideoEncoder video) {
        boolean audioLeft = audio.hasNextFrame();
        boolean videoLeft = video != null && video.hasNextFrame();
        if (!videoLeft) {
            return audioLeft ? audio : null;
        }
        if (!audioLeft) {
            return video;
        }
        return av_compare_ts(video.nextTimestamp(), video.timeBase(), audio.nextTimestamp(), audio.timeBase()) <= 0
                ? video
                : audio;
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Probes the FFmpeg build once, on first use. */
    private static final class Availability {
        static final Set<Format> FORMATS = probe();

        private static Set<Format> probe() {
            EnumSet<Format> formats = EnumSet.noneOf(Format.class);
            for (Format format : Format.values()) {
                if (canWrite(format)) {
                    formats.add(format);
                }
            }
            return Collections.unmodifiableSet(formats);
        }

        private static boolean canWrite(Format format) {
            AVOutputFormat muxer = av_guess_format(format.muxer(), null, null);
            if (muxer == null || muxer.isNull()) {
                return false;
            }
            if (!muxerTakes(muxer, format.audioEncoder())) {
                return false;
            }
            return !format.hasVideo() || muxerTakes(muxer, format.videoEncoder());
        }

        private static boolean muxerTakes(AVOutputFormat muxer, AVCodec encoder) {
            // Zero means "cannot store"; negative means the muxer does not say, so trust it.
            return encoder != null && avformat_query_codec(muxer, encoder.id(), FF_COMPLIANCE_NORMAL) != 0;
        }
    }
}
