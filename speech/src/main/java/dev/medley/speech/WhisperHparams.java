package dev.medley.speech;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The eleven numbers at the head of a whisper.cpp model file, in file order, and the tensors they call for.
 *
 * @param ftype as stored: the weight type, plus 1000 times the quantization version for quantized files
 */
record WhisperHparams(
        int nVocab,
        int nAudioCtx,
        int nAudioState,
        int nAudioHead,
        int nAudioLayer,
        int nTextCtx,
        int nTextState,
        int nTextHead,
        int nTextLayer,
        int nMels,
        int ftype) {

    /** Vocabulary sizes of the released models: English-only, multilingual, large-v3. */
    static final int VOCAB_ENGLISH = 51864;

    static final int VOCAB_LARGE_V3 = 51866;

    /** Positions the encoder sees: 3,000 mel frames of a 30-second window, halved by the second convolution. */
    static final int AUDIO_CTX = 1500;

    /** Frequency bins of whisper's 400-sample FFT, the width of each mel filter. */
    static final int FFT_BINS = 201;

    /** A tensor whisper.cpp creates for these hparams: its shape in ggml order (fastest dimension first). */
    record Tensor(String name, long[] ne, GgmlType type) {}

    /** Returns whether the model knows languages other than English. */
    boolean multilingual() {
        return nVocab >= VOCAB_ENGLISH + 1;
    }

    /** Returns the type of the big matrices. */
    GgmlType weightType() {
        return GgmlType.ofFtype(ftype % 1000);
    }

    /**
     * Returns why whisper.cpp 1.7.1 could not safely use these numbers, or null when they are sane. whisper.cpp
     * sizes allocations and indexes tables straight from them, so a bad value can abort the process.
     */
    String problem() {
        if (nVocab < VOCAB_ENGLISH || nVocab > VOCAB_LARGE_V3) {
            return "n_vocab is " + nVocab + "; whisper models have " + VOCAB_ENGLISH + " to " + VOCAB_LARGE_V3
                    + " tokens";
        }
        if (nAudioCtx != AUDIO_CTX) {
            return "n_audio_ctx is " + nAudioCtx + "; whisper.cpp works on " + AUDIO_CTX + " audio positions";
        }
        if (nAudioState != nTextState) {
            return "n_audio_state (" + nAudioState + ") differs from n_text_state (" + nTextState + ")";
        }
        String problem = layout("audio", nAudioState, nAudioHead, nAudioLayer);
        if (problem == null) {
            problem = layout("text", nTextState, nTextHead, nTextLayer);
        }
        if (problem != null) {
            return problem;
        }
        if (nTextCtx < 16 || nTextCtx > 448) {
            return "n_text_ctx is " + nTextCtx + "; expected 16 to 448";
        }
        if (nMels != 80 && nMels != 128) {
            return "n_mels is " + nMels + "; whisper models use 80 or 128";
        }
        if (ftype < 0 || ftype / 1000 > 2 || weightType() == null) {
            return "ftype " + ftype + " is not a weight type whisper.cpp 1.7.1 reads (f32, f16 or a quantization)";
        }
        return null;
    }

    private static String layout(String part, int state, int heads, int layers) {
        if (state < 1 || state > 4096) {
            return "n_" + part + "_state is " + state + "; expected 1 to 4096";
        }
        if (heads < 1 || heads > 64 || state % heads != 0) {
            return "n_" + part + "_head is " + heads + "; expected 1 to 64 heads dividing n_" + part + "_state "
                    + state;
        }
        if (layers < 1 || layers > 64) {
            return "n_" + part + "_layer is " + layers + "; expected 1 to 64";
        }
        return null;
    }

    /**
     * Returns every tensor whisper.cpp's loader expects, by name, with the shape and type it allocates. Follows
     * {@code whisper_model_load}: big matrices take the file's weight type, convolution kernels f16 (f32 in an f32
     * file), and biases, norms and position embeddings f32.
     */
    Map<String, Tensor> tensors() {
        GgmlType w = weightType();
        GgmlType conv = w == GgmlType.F32 ? GgmlType.F32 : GgmlType.F16;
        long s = nAudioState;
        long t = nTextState;
        Map<String, Tensor> all = new LinkedHashMap<>();
        put(all, "encoder.positional_embedding", GgmlType.F32, s, nAudioCtx);
        put(all, "encoder.conv1.weight", conv, 3, nMels, s);
        put(all, "encoder.conv1.bias", GgmlType.F32, 1, s);
        put(all, "encoder.conv2.weight", conv, 3, s, s);
        put(all, "encoder.conv2.bias", GgmlType.F32, 1, s);
        put(all, "encoder.ln_post.weight", GgmlType.F32, s);
        put(all, "encoder.ln_post.bias", GgmlType.F32, s);
        for (int i = 0; i < nAudioLayer; i++) {
            block(all, "encoder.blocks." + i + ".", "attn", w, s);
            mlp(all, "encoder.blocks." + i + ".", w, s);
        }
        put(all, "decoder.positional_embedding", GgmlType.F32, t, nTextCtx);
        put(all, "decoder.token_embedding.weight", w, t, nVocab);
        put(all, "decoder.ln.weight", GgmlType.F32, t);
        put(all, "decoder.ln.bias", GgmlType.F32, t);
        for (int i = 0; i < nTextLayer; i++) {
            block(all, "decoder.blocks." + i + ".", "attn", w, t);
            block(all, "decoder.blocks." + i + ".", "cross_attn", w, t);
            mlp(all, "decoder.blocks." + i + ".", w, t);
        }
        return all;
    }

    private static void block(Map<String, Tensor> all, String prefix, String attn, GgmlType w, long n) {
        put(all, prefix + attn + "_ln.weight", GgmlType.F32, n);
        put(all, prefix + attn + "_ln.bias", GgmlType.F32, n);
        put(all, prefix + attn + ".query.weight", w, n, n);
        put(all, prefix + attn + ".query.bias", GgmlType.F32, n);
        put(all, prefix + attn + ".key.weight", w, n, n);
        put(all, prefix + attn + ".value.weight", w, n, n);
        put(all, prefix + attn + ".value.bias", GgmlType.F32, n);
        put(all, prefix + attn + ".out.weight", w, n, n);
        put(all, prefix + attn + ".out.bias", GgmlType.F32, n);
    }

    private static void mlp(Map<String, Tensor> all, String prefix, GgmlType w, long n) {
        put(all, prefix + "mlp_ln.weight", GgmlType.F32, n);
        put(all, prefix + "mlp_ln.bias", GgmlType.F32, n);
        put(all, prefix + "mlp.0.weight", w, n, 4 * n);
        put(all, prefix + "mlp.0.bias", GgmlType.F32, 4 * n);
        put(all, prefix + "mlp.2.weight", w, 4 * n, n);
        put(all, prefix + "mlp.2.bias", GgmlType.F32, n);
    }

    private static void put(Map<String, Tensor> all, String name, GgmlType type, long... ne) {
        all.put(name, new Tensor(name, ne, type));
    }
}
