package dev.medley.media;

import static org.bytedeco.ffmpeg.global.avformat.AVPROBE_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_format3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * The FFmpeg demuxers Medley lets a file's content reach: audio and video containers, nothing else.
 *
 * <p>FFmpeg picks a demuxer by what a file's first bytes look like, whatever its name. Some
 * demuxers open further files or loop on themselves: a text file that starts {@code ffconcat
 * version 1.0} and lists itself, named {@code film.mkv}, sends the concat demuxer into endless
 * recursion and aborts the process; HLS, DASH and IMF playlists open what they list; image
 * sequences read whole folders. None of these is a media file of a library, so none is allowed:
 * FFmpeg refuses any format not on this list before it reads further.
 */
public final class Demuxers {
    /** FFmpeg demuxer names (its {@code -demuxers} list), comma-separated as its whitelist takes them. */
    static final String ALLOWED = String.join(",", List.of(
            // Audio
            "aac", "ac3", "eac3", "aiff", "amr", "amrnb", "amrwb", "ape", "au", "caf", "dsf", "dts", "dtshd",
            "flac", "iff", "loas", "mlp", "truehd", "mp3", "mpc", "mpc8", "ogg", "oma", "shn", "tak", "tta",
            "w64", "wav", "wv", "xwma", "voc",
            // Video, and containers of both
            "asf", "avi", "dv", "flv", "live_flv", "ivf", "matroska", "mov", "mpeg", "mpegts", "mpegvideo", "m4v",
            "mxf", "nut", "nuv", "rm", "ty", "wtv"));

    private static final Set<String> ALLOWED_NAMES = Set.of(ALLOWED.split(","));
    private static final Set<String> PLAYLISTS = Set.of("concat", "hls", "dash", "imf", "webm_dash_manifest",
            "ffmetadata", "sdp", "rtsp", "sap", "mpjpeg");
    private static final Set<String> SUBTITLES = Set.of("srt", "ass", "webvtt", "microdvd", "subviewer", "subviewer1",
            "sami", "mpl2", "mpsub", "pjs", "realtext", "stl", "vplayer", "jacosub", "aqtitle", "lrc", "sup", "vobsub",
            "scc", "mcc", "tedcaptions");
    private static final int SNIFF_BYTES = 4096;

    private Demuxers() {}

    /**
     * Returns why a file that FFmpeg refused to open with {@link #ALLOWED} is not media Medley
     * reads: what its content looks like to FFmpeg, judged from its first bytes in memory only.
     * Returns null when its format is allowed after all: the refusal had another cause.
     */
    static String refusal(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            return "not a media file";
        }
        return refusal(head);
    }

    /** Returns why media whose first bytes are {@code head} was refused, as {@link #refusal(Path)} does for a file. */
    static String refusal(byte[] head) {
        String format = detect(head.length > SNIFF_BYTES ? java.util.Arrays.copyOf(head, SNIFF_BYTES) : head);
        if (format == null) {
            return "not a media file";
        }
        List<String> names = List.of(format.split(","));
        if (names.stream().anyMatch(ALLOWED_NAMES::contains)) {
            return null;
        }
        String first = names.getFirst();
        if (PLAYLISTS.contains(first)) {
            return "not a media file: a playlist or stream description (" + first + "); Medley reads media files,"
                    + " not the files a playlist lists";
        }
        if (first.startsWith("image2") || first.endsWith("_pipe") || first.equals("gif") || first.equals("apng")
                || first.equals("webp") || first.equals("ico")) {
            return "not a media file: an image (" + first + ")";
        }
        if (SUBTITLES.contains(first)) {
            return "not a media file: subtitles (" + first + ")";
        }
        return "not a media file Medley reads: FFmpeg sees its content as '" + first + "'";
    }

    // The demuxer FFmpeg would choose for the first bytes; probes run over a copy in memory.
    private static String detect(byte[] head) {
        Ffmpeg.load();
        try (PointerScope scope = new PointerScope()) {
            BytePointer buffer = new BytePointer(head.length + AVPROBE_PADDING_SIZE);
            buffer.zero();
            buffer.put(head, 0, head.length);
            AVProbeData probe = new AVProbeData();
            probe.filename(new BytePointer(""));
            probe.buf(buffer);
            probe.buf_size(head.length);
            AVInputFormat format = av_probe_input_format3(probe, 1, new IntPointer(1));
            return format == null ? null : format.name().getString();
        }
    }
}
