package dev.medley.media.sample;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_PIX_FORMAT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.javacpp.BytePointer;

/** Encodes a moving test pattern: a drifting colour gradient with a white box bouncing across it. */
final class VideoEncoder extends StreamEncoder {

    static final int WIDTH = 160;
    static final int HEIGHT = 120;
    static final int FRAME_RATE = 25;
    private static final int BOX = 24;
    private static final long BIT_RATE = 200_000;
    /** Settings that make the slow encoders fast; each encoder ignores the names it does not know. */
    private static final Map<String, String> OPTIONS = Map.of(
            "deadline", "realtime", // libvpx
            "cpu-used", "8", // libvpx
            "lag-in-frames", "0", // libvpx
            "preset", "ultrafast"); // libx264

    private final long totalFrames;
    private final byte[] luma = new byte[WIDTH * HEIGHT];
    private final byte[] blue = new byte[(WIDTH / 2) * (HEIGHT / 2)];
    private final byte[] red = new byte[(WIDTH / 2) * (HEIGHT / 2)];
    private long nextFrame;

    private VideoEncoder(Muxer muxer, AVCodec codec, Duration duration) throws IOException {
        super(muxer, codec);
        totalFrames = Math.max(1, Math.round(duration.toNanos() * (double) FRAME_RATE / 1e9));
    }

    /** Opens an encoder for {@code duration} of test pattern and adds its stream to {@code muxer}. */
    static VideoEncoder open(Muxer muxer, AVCodec codec, Duration duration) throws IOException {
        return configured(new VideoEncoder(muxer, codec, duration));
    }

    @Override
    void configure() throws IOException {
        int[] supported = FfmpegCalls.supportedValues(codec, AV_CODEC_CONFIG_PIX_FORMAT);
        int pixelFormat = FfmpegCalls.accepts(supported, AV_PIX_FMT_YUV420P)
                ? AV_PIX_FMT_YUV420P
                : AV_PIX_FMT_YUVJ420P;
        if (!FfmpegCalls.accepts(supported, pixelFormat)) {
            throw new IOException("Encoder " + name() + " takes no planar 4:2:0 pixel format");
        }
        context.pix_fmt(pixelFormat);
        // JPEG is full range by definition; the MJPEG encoder refuses 4:2:0 frames flagged otherwise.
        boolean fullRange = codec.id() == AV_CODEC_ID_MJPEG || pixelFormat == AV_PIX_FMT_YUVJ420P;
        context.color_range(fullRange ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG);
        context.width(WIDTH);
        context.height(HEIGHT);
        context.time_base(av_make_q(1, FRAME_RATE));
        context.framerate(av_make_q(FRAME_RATE, 1));
        context.gop_size(FRAME_RATE);
        context.max_b_frames(0);
        context.bit_rate(BIT_RATE);
        open(OPTIONS, av_make_q(FRAME_RATE, 1));

        frame.format(pixelFormat);
        frame.width(WIDTH);
        frame.height(HEIGHT);
        muxer.check(av_frame_get_buffer(frame, 0), "Allocating a video frame");
    }

    @Override
    boolean hasNextFrame() {
        return nextFrame < totalFrames;
    }

    @Override
    long nextTimestamp() {
        return nextFrame;
    }

    @Override
    void fillNextFrame() {
        draw(nextFrame);
        copyPlane(0, luma, WIDTH, HEIGHT);
        copyPlane(1, blue, WIDTH / 2, HEIGHT / 2);
        copyPlane(2, red, WIDTH / 2, HEIGHT / 2);
        frame.pts(nextFrame);
        nextFrame++;
    }

    private void draw(long t) {
        int shift = (int) (t * 3);
        int boxX = bounce(t * 4, WIDTH - BOX);
        int boxY = bounce(t * 3, HEIGHT - BOX);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean inBox = x >= boxX && x < boxX + BOX && y >= boxY && y < boxY + BOX;
                // Values stay inside 16..235 so limited-range decoders show them unclipped.
                luma[y * WIDTH + x] = (byte) (inBox ? 235 : 16 + ((x + y + shift) & 0xFF) * 200 / 255);
            }
        }
        for (int y = 0; y < HEIGHT / 2; y++) {
            for (int x = 0; x < WIDTH / 2; x++) {
                boolean inBox = 2 * x >= boxX && 2 * x < boxX + BOX && 2 * y >= boxY && 2 * y < boxY + BOX;
                // Neutral chroma keeps the box white whatever the background colour.
                blue[y * (WIDTH / 2) + x] = (byte) (inBox ? 128 : 64 + (x * 2 + shift) % 128);
                red[y * (WIDTH / 2) + x] = (byte) (inBox ? 128 : 64 + (y * 2 + shift / 2) % 128);
            }
        }
    }

    /** Returns a position that moves back and forth between 0 and {@code range}. */
    private static int bounce(long step, int range) {
        long position = step % (2L * range);
        return (int) (position <= range ? position : 2L * range - position);
    }

    private void copyPlane(int plane, byte[] pixels, int width, int height) {
        BytePointer data = frame.data(plane);
        int stride = frame.linesize(plane);
        for (int y = 0; y < height; y++) {
            data.position((long) y * stride).put(pixels, y * width, width);
        }
    }
}
