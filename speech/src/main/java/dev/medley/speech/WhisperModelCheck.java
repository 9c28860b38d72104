package dev.medley.speech;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/*
 * Why walk the whole file in Java: whisper.cpp's loader trusts what it reads. A truncated download leaves it reading
 * garbage lengths, a huge vocabulary entry or tensor name makes std::vector throw bad_alloc through JNI, and more
 * than four dimensions overruns a stack array; each of these kills the JVM, not just the load. Checking every length
 * against the bytes that are really there costs a few milliseconds (tensor data is skipped, not read).
 */

/**
 * Checks that a file is a whisper.cpp model that version 1.7.1 can load: the legacy ggml layout of
 * {@code whisper_model_load}, all little-endian.
 *
 * <pre>
 *   u32  magic 0x67676d6c ("ggml")
 *   i32  n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer,
 *        n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype
 *   i32  n_mel, n_fft; f32[n_mel * n_fft]             mel filters
 *   i32  n_tokens; n_tokens times: u32 len, len bytes  vocabulary
 *   until the end: i32 n_dims, i32 name_len, i32 type, i32 ne[n_dims], name, data   tensors
 * </pre>
 */
final class WhisperModelCheck {
    static final int MAGIC = 0x67676d6c;

    private static final int MAX_TOKEN_BYTES = 1024;
    private static final int MAX_NAME_BYTES = 256;

    private final Path file;
    private final Reader in;

    private WhisperModelCheck(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.in = new Reader(channel);
    }

    /**
     * Returns the hparams of {@code file} once every part of it has been checked.
     *
     * @throws IOException naming the file and what is wrong with it, when whisper.cpp could not load it safely
     */
    static WhisperHparams check(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new WhisperModelCheck(file, channel).run();
        }
    }

    private WhisperHparams run() throws IOException {
        int magic = in.i32("magic");
        if (magic != MAGIC) {
            throw bad(String.format("it does not start with the ggml magic (found 0x%08x); is it a whisper.cpp model?",
                    magic));
        }
        WhisperHparams hparams = new WhisperHparams(in.i32("n_vocab"), in.i32("n_audio_ctx"),
                in.i32("n_audio_state"), in.i32("n_audio_head"), in.i32("n_audio_layer"), in.i32("n_text_ctx"),
                in.i32("n_text_state"), in.i32("n_text_head"), in.i32("n_text_layer"), in.i32("n_mels"),
                in.i32("ftype"));
        String problem = hparams.problem();
        if (problem != null) {
            throw bad(problem);
        }
        filters(hparams);
        vocabulary(hparams);
        tensors(hparams);
        return hparams;
    }

    private void filters(WhisperHparams hparams) throws IOException {
        int nMel = in.i32("mel filter count");
        int nFft = in.i32("mel filter width");
        if (nMel != hparams.nMels() || nFft != WhisperHparams.FFT_BINS) {
            throw bad("its mel filters are " + nMel + " x " + nFft + "; expected " + hparams.nMels() + " x "
                    + WhisperHparams.FFT_BINS);
        }
        in.skip(4L * nMel * nFft, "mel filters");
    }

    private void vocabulary(WhisperHparams hparams) throws IOException {
        int count = in.i32("vocabulary size");
        if (count < 1 || count > hparams.nVocab()) {
            throw bad("its vocabulary has " + count + " tokens; expected 1 to n_vocab " + hparams.nVocab());
        }
        boolean space = false;
        for (int i = 0; i < count; i++) {
            int length = in.i32("the vocabulary");
            if (length < 0 || length > MAX_TOKEN_BYTES) {
                throw bad("token " + i + " claims " + Integer.toUnsignedString(length) + " bytes");
            }
            if (length == 1) {
                space |= in.bytes(1, "the vocabulary")[0] == ' ';
            } else {
                in.skip(length, "the vocabulary");
            }
        }
        if (!space) {
            // whisper.cpp looks the blank token up with map::at; a missing one throws through JNI.
            throw bad("its vocabulary has no \" \" token");
        }
    }

    private void tensors(WhisperHparams hparams) throws IOException {
        Map<String, WhisperHparams.Tensor> expected = hparams.tensors();
        Set<String> seen = new HashSet<>();
        while (in.remaining() > 0) {
            long at = in.position();
            int nDims = in.i32("tensor header at " + at);
            int nameLength = in.i32("tensor header at " + at);
            int typeId = in.i32("tensor header at " + at);
            if (nDims < 1 || nDims > 4) {
                throw bad("the tensor at byte " + at + " claims " + nDims + " dimensions");
            }
            if (nameLength < 1 || nameLength > MAX_NAME_BYTES) {
                throw bad("the tensor at byte " + at + " claims a " + nameLength + "-byte name");
            }
            long[] ne = {1, 1, 1, 1};
            for (int d = 0; d < nDims; d++) {
                ne[d] = in.i32("tensor shape at " + at);
            }
            String name = new String(in.bytes(nameLength, "tensor name at " + at), StandardCharsets.UTF_8);
            WhisperHparams.Tensor tensor = expected.get(name);
            if (tensor == null) {
                throw bad("it holds a tensor whisper.cpp does not know: '" + name + "'");
            }
            if (!seen.add(name)) {
                throw bad("it holds tensor '" + name + "' twice");
            }
            long[] want = Arrays.copyOf(tensor.ne(), 4);
            for (int d = tensor.ne().length; d < 4; d++) {
                want[d] = 1;
            }
            if (!Arrays.equals(ne, want)) {
                throw bad("tensor '" + name + "' has shape " + Arrays.toString(ne) + "; the hparams call for "
                        + Arrays.toString(want));
            }
            GgmlType stored = GgmlType.ofId(typeId);
            long bytes = tensor.type().bytes(tensor.ne());
            // The loader's own test: elements times the stored type's size, per block of the expected type.
            if (stored == null || elements(ne) * stored.typeSize() / tensor.type().blockSize() != bytes) {
                throw bad("tensor '" + name + "' is stored as type " + typeId + "; expected " + tensor.type());
            }
            in.skip(bytes, "tensor '" + name + "' (" + bytes + " bytes)");
        }
        if (seen.size() != expected.size()) {
            String missing = expected.keySet().stream().filter(n -> !seen.contains(n)).findFirst().orElseThrow();
            throw bad("it lacks " + (expected.size() - seen.size()) + " of " + expected.size() + " tensors, such as '"
                    + missing + "'; the file is probably truncated");
        }
    }

    private static long elements(long[] ne) {
        return ne[0] * ne[1] * ne[2] * ne[3];
    }

    private IOException bad(String why) {
        return new IOException("model file " + file + " cannot be used: " + why);
    }

    /** Reads little-endian values through a small buffer, checking each length against what the file holds. */
    private final class Reader {
        private final FileChannel channel;
        private final long size;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN).flip();
        private long bufferStart;

        Reader(FileChannel channel) throws IOException {
            this.channel = channel;
            this.size = channel.size();
        }

        long position() {
            return bufferStart + buffer.position();
        }

        long remaining() {
            return size - position();
        }

        int i32(String what) throws IOException {
            fill(4, what);
            return buffer.getInt();
        }

        byte[] bytes(int count, String what) throws IOException {
            fill(count, what);
            byte[] out = new byte[count];
            buffer.get(out);
            return out;
        }

        void skip(long count, String what) throws IOException {
            if (count > remaining()) {
                throw truncated(count, what);
            }
            long target = position() + count;
            if (target <= bufferStart + buffer.limit()) {
                buffer.position((int) (target - bufferStart));
            } else {
                bufferStart = target;
                buffer.clear().flip();
            }
        }

        private void fill(int count, String what) throws IOException {
            if (count > remaining()) {
                throw truncated(count, what);
            }
            if (buffer.remaining() >= count) {
                return;
            }
            bufferStart = position();
            buffer.compact();
            long readAt = bufferStart + buffer.position();
            while (buffer.position() < count) {
                int read = channel.read(buffer, readAt);
                if (read < 0) {
                    throw new EOFException("model file " + file + " shrank while being checked");
                }
                readAt += read;
            }
            buffer.flip();
        }

        private IOException truncated(long count, String what) {
            return bad("it ends at byte " + size + ", but " + what + " needs " + count + " bytes from byte "
                    + position() + "; the file is truncated or its header is wrong");
        }
    }
}
