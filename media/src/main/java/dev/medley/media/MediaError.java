package dev.medley.media;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_BUG;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_BUG2;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DEMUXER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXPERIMENTAL;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_PATCHWELCOME;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_PROTOCOL_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;

import java.io.IOException;

/**
 * A file FFmpeg could not read, with a reason a user can act on and FFmpeg's own words kept apart.
 *
 * <p>FFmpeg's texts ("Invalid data found when processing input", "Operation not permitted", "Not
 * yet implemented in FFmpeg, patches welcome") describe its internals, not the file. The message
 * of this exception says what is wrong with the file; {@link #detail()} keeps FFmpeg's text for
 * {@code --json} and bug reports.
 */
public final class MediaError extends IOException {
    // errno values FFmpeg returns negated (Linux).
    private static final int EPERM = -1;
    private static final int ENOENT = -2;
    private static final int EIO = -5;
    private static final int ENOMEM = -12;
    private static final int EACCES = -13;
    private static final int EINVAL = -22;
    private static final int ENOSYS = -38;

    private final String detail;

    public MediaError(String reason, String detail) {
        super(reason, null);
        this.detail = detail;
    }

    /** Returns FFmpeg's own text for the error, or null when the reason is Medley's alone. */
    public String detail() {
        return detail;
    }

    /** What FFmpeg was doing, for {@link #of}: opening the file. */
    public static final String OPENING = "opening it";
    /** What FFmpeg was doing: reading the streams' parameters. */
    public static final String READING_STREAMS = "reading its streams";
    /** What FFmpeg was doing: decoding. */
    public static final String DECODING = "decoding";

    /**
     * Returns the error for FFmpeg status {@code status}, met while {@code doing} (e.g. "opening",
     * "reading streams", "decoding").
     */
    public static MediaError of(int status, String doing) {
        return new MediaError(reason(status, doing), Ffmpeg.errorText(status));
    }

    /** Returns a short reason for FFmpeg status {@code status}, met while {@code doing}. */
    static String reason(int status, String doing) {
        if (status == AVERROR_INVALIDDATA) {
            return doing.equals(OPENING) ? "not a media file, or damaged at the start"
                    : "damaged: invalid data (while " + doing + ")";
        }
        if (status == AVERROR_EOF) {
            return "truncated: the file ends early (while " + doing + ")";
        }
        if (status == AVERROR_PATCHWELCOME || status == ENOSYS || status == AVERROR_EXPERIMENTAL) {
            return "uses a feature FFmpeg cannot read yet (while " + doing + ")";
        }
        if (status == AVERROR_DECODER_NOT_FOUND) {
            return "unsupported codec: FFmpeg has no decoder for it";
        }
        if (status == AVERROR_DEMUXER_NOT_FOUND || status == AVERROR_STREAM_NOT_FOUND) {
            return "not a media file";
        }
        if (status == AVERROR_PROTOCOL_NOT_FOUND || status == EPERM) {
            return "refers to other files or network addresses, which Medley does not follow";
        }
        if (status == ENOMEM) {
            return "damaged: sizes in the file are not plausible (FFmpeg ran out of memory while " + doing + ")";
        }
        if (status == ENOENT) {
            return "cannot read: the file is gone";
        }
        if (status == EACCES) {
            return "cannot read: permission denied";
        }
        if (status == EIO) {
            return "cannot read: input/output error from the disk";
        }
        if (status == EINVAL) {
            return "damaged: values in the file are not valid (while " + doing + ")";
        }
        if (status == AVERROR_BUG || status == AVERROR_BUG2) {
            return "FFmpeg failed on this file (an internal error while " + doing + ")";
        }
        if (status == AVERROR_EXIT) {
            return "stopped: the time limit ran out while " + doing;
        }
        return "cannot read as media (" + doing + ": " + Ffmpeg.errorText(status) + ")";
    }
}
