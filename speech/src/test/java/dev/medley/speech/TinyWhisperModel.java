package dev.medley.speech;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes whisper.cpp models with random weights, small enough to make in a test, that whisper.cpp 1.7.1 loads and
 * runs. What they say is gibberish; they exercise the pipeline, not recognition.
 *
 * <p>The layout is the legacy ggml one that {@link WhisperModelCheck} documents, in the order
 * {@code convert-pt-to-ggml.py} writes it. The tensor list comes from {@link WhisperHparams#tensors()}; whisper.cpp
 * loading these files in the tests is what shows that list is right.
 */
final class TinyWhisperModel {
    /** A 16-wide, one-layer model: about 2.4 MB, loads in milliseconds. */
    static final WhisperHparams TEST = new WhisperHparams(WhisperHparams.VOCAB_ENGLISH, WhisperHparams.AUDIO_CTX,
            16, 1, 1, 64, 16, 1, 1, 80, 1);

    /** The shape of OpenAI's tiny.en (384 wide, 4 layers, 6 heads): about 75 MB, as slow as the real one. */
    static final WhisperHparams TINY_EN_SHAPE = new WhisperHparams(WhisperHparams.VOCAB_ENGLISH,
            WhisperHparams.AUDIO_CTX, 384, 6, 4, 448, 384, 6, 4, 80, 1);

    /** A 32-wide one-layer model with its matrices quantized to q8_0 (ftype 7, quantization version 2). */
    static final WhisperHparams TEST_Q8_0 = new WhisperHparams(WhisperHparams.VOCAB_ENGLISH,
            WhisperHparams.AUDIO_CTX, 32, 1, 1, 64, 32, 1, 1, 80, 2007);

    /** Tokens written to the vocabulary; whisper.cpp names the rest up to n_vocab itself, as in real files. */
    static final int TEXT_TOKENS = 50257;

    /** The id of the one-space token, where GPT-2's vocabulary has it. */
    static final int SPACE_TOKEN = 220;

    private TinyWhisperModel() {}

    /** Writes the {@link #TEST} model to {@code file} and returns the file. */
    static Path write(Path file) throws IOException {
        return write(file, TEST, 1961);
    }

    /** Writes a model of {@code shape} with weights drawn from {@code seed}; the same seed gives the same bytes. */
    static Path write(Path file, WhisperHparams shape, long seed) throws IOException {
        Random random = new Random(seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Writer w = new Writer(out);
            w.i32(WhisperModelCheck.MAGIC);
            for (int value : new int[] {shape.nVocab(), shape.nAudioCtx(), shape.nAudioState(), shape.nAudioHead(),
                    shape.nAudioLayer(), shape.nTextCtx(), shape.nTextState(), shape.nTextHead(), shape.nTextLayer(),
                    shape.nMels(), shape.ftype()}) {
                w.i32(value);
            }
            w.i32(shape.nMels());
            w.i32(WhisperHparams.FFT_BINS);
            for (int i = 0; i < shape.nMels() * WhisperHparams.FFT_BINS; i++) {
                w.f32(random.nextFloat() * 0.02f);
            }
            w.i32(TEXT_TOKENS);
            for (int i = 0; i < TEXT_TOKENS; i++) {
                byte[] token = token(i).getBytes(StandardCharsets.US_ASCII);
                w.i32(token.length);
                w.bytes(token);
            }
            for (WhisperHparams.Tensor tensor : shape.tensors().values()) {
                tensor(w, tensor, random);
            }
        }
        return file;
    }

    /** Returns token {@code id}'s text: plain ASCII, so whatever the decoder picks is valid UTF-8. */
    static String token(int id) {
        if (id == SPACE_TOKEN) {
            return " ";
        }
        StringBuilder word = new StringBuilder(id % 3 == 0 ? " " : "");
        int rest = id;
        do {
            word.append((char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return word.toString();
    }

    private static void tensor(Writer w, WhisperHparams.Tensor tensor, Random random) throws IOException {
        byte[] name = tensor.name().getBytes(StandardCharsets.US_ASCII);
        w.i32(tensor.ne().length);
        w.i32(name.length);
        w.i32(tensor.type().id());
        long elements = 1;
        for (long n : tensor.ne()) {
            w.i32((int) n);
            elements *= n;
        }
        w.bytes(name);
        // Norm gains of one and zero biases keep activations in range; everything else is small noise.
        boolean gain = tensor.name().endsWith("ln.weight") || tensor.name().endsWith("ln_post.weight");
        boolean bias = tensor.name().endsWith(".bias");
        if (tensor.type() == GgmlType.Q8_0) {
            q8_0(w, elements, random);
            return;
        }
        for (long i = 0; i < elements; i++) {
            float value = gain ? 1f : bias ? 0f : (float) random.nextGaussian() * 0.05f;
            switch (tensor.type()) {
                case F32 -> w.f32(value);
                case F16 -> w.f16(value);
                default -> throw new IllegalArgumentException("writes f32, f16 and q8_0 models only, not "
                        + tensor.type());
            }
        }
    }

    /** Writes ggml's q8_0 blocks: an f16 scale, then 32 signed bytes that it multiplies. */
    private static void q8_0(Writer w, long elements, Random random) throws IOException {
        byte[] quants = new byte[32];
        for (long block = 0; block < elements / 32; block++) {
            w.f16(0.15f / 127);
            for (int i = 0; i < quants.length; i++) {
                quants[i] = (byte) (random.nextInt(255) - 127);
            }
            w.bytes(quants);
        }
    }

    /** Writes little-endian values. */
    private static final class Writer {
        private final OutputStream out;
        private final ByteBuffer scratch = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);

        Writer(OutputStream out) {
            this.out = out;
        }

        void i32(int value) throws IOException {
            out.write(scratch.clear().putInt(value).array(), 0, 4);
        }

        void f32(float value) throws IOException {
            out.write(scratch.clear().putFloat(value).array(), 0, 4);
        }

        void f16(float value) throws IOException {
            out.write(scratch.clear().putShort(Float.floatToFloat16(value)).array(), 0, 2);
        }

        void bytes(byte[] bytes) throws IOException {
            out.write(bytes);
        }
    }
}
