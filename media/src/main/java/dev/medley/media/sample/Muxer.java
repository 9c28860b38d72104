package dev.medley.media.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_TS_NEGATIVE;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_VARIABLE_FPS;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/** Owns one output file: the format context, its streams, container tags and the open file. */
final class Muxer implements AutoCloseable {

    private final AVFormatContext context;
    private final Path reportedFile;

    private Muxer(AVFormatContext context, Path reportedFile) {
        this.context = context;
        this.reportedFile = reportedFile;
    }

    /**
     * Opens {@code output} for writing with the named muxer and attaches {@code tags} as container metadata.
     * Errors name {@code reportedFile}, the path the caller asked for, rather than the temporary file.
     */
    static Muxer open(Path output, Path reportedFile, String muxerName, Map<String, String> tags)
            throws IOException {
        AVFormatContext context = new AVFormatContext(null);
        FfmpegCalls.check(avformat_alloc_output_context2(context, (AVOutputFormat) null, muxerName, null),
                "Creating " + muxerName + " muxer", reportedFile);
        Muxer muxer = new Muxer(context, reportedFile);
        try {
            muxer.setTags(tags);
            AVIOContext io = new AVIOContext(null);
            try (BytePointer url = FfmpegCalls.fileUrl(output)) {
                muxer.check(avio_open(io, url, AVIO_FLAG_WRITE), "Opening output");
            }
            context.pb(io);
            return muxer;
        } catch (IOException | RuntimeException | Error e) {
            muxer.close();
            throw e;
        }
    }

    private void setTags(Map<String, String> tags) throws IOException {
        AVDictionary metadata = new AVDictionary(null);
        try {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                try (BytePointer key = new BytePointer(tag.getKey(), UTF_8);
                        BytePointer value = new BytePointer(tag.getValue(), UTF_8)) {
                    check(av_dict_set(metadata, key, value, 0), "Setting tag " + tag.getKey());
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            av_dict_free(metadata);
            throw e;
        }
        // From here on the format context owns the dictionary and frees it.
        context.metadata(metadata);
    }

    /** Returns whether encoders must put codec headers in extradata instead of in every key frame. */
    boolean needsGlobalHeader() {
        return (context.oformat().flags() & AVFMT_GLOBALHEADER) != 0;
    }

    /** Adds a stream described by an opened encoder and returns it. */
    AVStream addStream(AVCodecContext encoder, AVRational frameRate) throws IOException {
        AVStream stream = avformat_new_stream(context, null);
        if (stream == null || stream.isNull()) {
            throw new IOException("Adding a stream failed for " + reportedFile);
        }
        stream.id(context.nb_streams() - 1);
        // Only a hint: the muxer may pick its own time base in avformat_write_header.
        stream.time_base(encoder.time_base());
        if (frameRate != null) {
            stream.avg_frame_rate(frameRate);
        }
        check(avcodec_parameters_from_context(stream.codecpar(), encoder), "Copying encoder parameters");
        return stream;
    }

    /** Returns whether the container can start no stream before zero and fills late video with empty frames (AVI). */
    boolean delaysVideoForAudioPriming() {
        return (context.oformat().flags() & (AVFMT_TS_NEGATIVE | AVFMT_VARIABLE_FPS)) == 0;
    }

    /** Writes the container header, which fixes every stream's time base, with private muxer options. */
    void writeHeader(Map<String, String> options) throws IOException {
        AVDictionary dictionary = new AVDictionary(null);
        try {
            for (Map.Entry<String, String> option : options.entrySet()) {
                check(av_dict_set(dictionary, option.getKey(), option.getValue(), 0), "Setting muxer option");
            }
            check(avformat_write_header(context, dictionary), "Writing header");
        } finally {
            av_dict_free(dictionary);
        }
    }

    /** Hands one encoded packet to the interleaver, which takes over its data. */
    void write(AVPacket packet) throws IOException {
        check(av_interleaved_write_frame(context, packet), "Writing packet");
    }

    /** Writes the trailer and closes the file, reporting errors from the final flush. */
    void finish() throws IOException {
        check(av_write_trailer(context), "Writing trailer");
        AVIOContext io = context.pb();
        context.pb(null);
        check(avio_closep(io), "Closing output");
    }

    /** Returns {@code ret}, or throws an IOException naming this muxer's file when it is an error code. */
    int check(int ret, String action) throws IOException {
        return FfmpegCalls.check(ret, action, reportedFile);
    }

    /** Frees everything, also after a failure half way through writing. */
    @Override
    public void close() {
        AVIOContext io = context.pb();
        if (io != null && !io.isNull()) {
            context.pb(null);
            avio_closep(io);
        }
        // Also runs the muxer's deinit when the trailer was never written.
        avformat_free_context(context);
    }
}
