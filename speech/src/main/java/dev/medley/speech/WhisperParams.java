package dev.medley.speech;

import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import java.util.Locale;
import java.util.Set;

/**
 * The decoding settings every window of an engine shares, checked when the engine opens.
 *
 * @param language the code whisper.cpp is given, or {@code auto} to let it detect one
 * @param beamSize 1 for greedy decoding, else the beam width
 * @param threads CPU threads for one window
 */
record WhisperParams(String language, int beamSize, int threads) {
    /** whisper.cpp runs at most this many decoders, so beams wider than this fail on every window. */
    static final int MAX_BEAM = 8;

    // whisper.cpp's g_lang table, in its order.
    private static final Set<String> LANGUAGES = Set.of(("en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi"
            + " he uk el ms cs ro da hu ta no th ur hr bg lt la mi ml cy sk te fa lv bn sr az sl kn et mk br eu is hy"
            + " ne mn bs kk sq sw gl mr pa si km sn yo so af oc ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb my"
            + " bo tl mg as tt haw ln ha ba jw su yue").split(" "));

    /**
     * Returns settings for {@code options} and the model called {@code model}, multilingual or not.
     *
     * @throws IllegalArgumentException for an unknown language, a language an English-only model cannot hear, or
     *     a beam size out of range
     */
    static WhisperParams of(EngineOptions options, String model, boolean multilingual, int threads) {
        String language = options.language() == null ? "auto" : options.language().trim().toLowerCase(Locale.ROOT);
        if (!language.equals("auto") && !LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("whisper does not know language '" + options.language()
                    + "': use an ISO 639-1 code such as en, de, fr, or auto");
        }
        if (!multilingual) {
            if (!language.equals("auto") && !language.equals("en")) {
                throw new IllegalArgumentException("model " + model + " understands English only; use"
                        + " --language en, or a multilingual model such as base for '" + language + "'");
            }
            // Detection on an English-only model would pick from tokens it was never trained on.
            language = "en";
        }
        if (options.beamSize() < 1 || options.beamSize() > MAX_BEAM) {
            throw new IllegalArgumentException("beam size must be 1 (greedy) to " + MAX_BEAM + ", got "
                    + options.beamSize());
        }
        return new WhisperParams(language, options.beamSize(), threads);
    }

    /** Returns the language to record in transcripts: the code in use, or null when whisper.cpp detects it. */
    String reportedLanguage() {
        // whisper-jni 1.7.1 has no whisper_full_lang_id, so a detected language cannot be read back.
        return language.equals("auto") ? null : language;
    }

    /** Returns fresh whisper-jni parameters; whisper-jni reads them on each call, so each call gets its own. */
    WhisperFullParams full() {
        WhisperFullParams params = new WhisperFullParams(
                beamSize > 1 ? WhisperSamplingStrategy.BEAN_SEARCH : WhisperSamplingStrategy.GREEDY);
        params.beamSearchBeamSize = beamSize;
        params.nThreads = threads;
        params.language = language;
        // detectLanguage means "detect and stop" in whisper.cpp; "auto" as the language detects and goes on.
        params.detectLanguage = false;
        params.translate = false;
        // Windows of different files follow each other in a state; none may prompt the next with its text.
        params.noContext = true;
        params.noTimestamps = false;
        params.printProgress = false;
        params.printRealtime = false;
        params.printTimestamps = false;
        params.printSpecial = false;
        return params;
    }
}
