package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.givimad.whisperjni.WhisperContextParams;
import io.github.givimad.whisperjni.WhisperJNI;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Damaged model files are refused in Java, before whisper.cpp can take the JVM down with them. */
class WhisperModelCheckTest {
    private static final int HPARAMS = 4;
    private static final int FILTERS = HPARAMS + 11 * 4;
    private static final int VOCAB = FILTERS + 8 + 80 * WhisperHparams.FFT_BINS * 4;

    @TempDir
    static Path dir;

    private static byte[] good;

    @BeforeAll
    static void writeModel() throws IOException {
        good = Files.readAllBytes(TinyWhisperModel.write(dir.resolve("ggml-good.bin")));
    }

    @Test
    void acceptsTheGeneratedModel() throws IOException {
        assertThat(WhisperModelCheck.check(dir.resolve("ggml-good.bin"))).isEqualTo(TinyWhisperModel.TEST);
    }

    @Test
    void acceptsAndRunsAQuantizedModel() throws Exception {
        Path file = TinyWhisperModel.write(dir.resolve("ggml-q8.bin"), TinyWhisperModel.TEST_Q8_0, 5);
        assertThat(WhisperModelCheck.check(file).weightType()).isEqualTo(GgmlType.Q8_0);
        try (SpeechEngine engine = SpeechEngine.open(
                EngineOptions.defaults(EngineKind.WHISPER).withModel(file.toString()))) {
            assertThat(engine.transcribe(List.of(new AudioWindow("q", WhisperClips.noise(2, 9), 0))))
                    .extracting(WindowResult::windowId).containsExactly("q");
        }
    }

    static Stream<Arguments> damaged() {
        int tensors = tensorsStart();
        return Stream.of(
                damage("bad magic", b -> patch(b, 0, 0x46554747), "ggml magic"),
                damage("GGUF file", b -> ascii(b, 0, "GGUF"), "ggml magic"),
                damage("cut inside hparams", b -> Arrays.copyOf(b, 30), "truncated"),
                damage("cut inside filters", b -> Arrays.copyOf(b, FILTERS + 1000), "truncated"),
                damage("cut inside vocabulary", b -> Arrays.copyOf(b, VOCAB + 1000), "truncated"),
                damage("cut before tensors", b -> Arrays.copyOf(b, tensors), "lacks"),
                damage("cut in half", b -> Arrays.copyOf(b, b.length / 2), "truncated"),
                damage("last 3 bytes missing", b -> Arrays.copyOf(b, b.length - 3), "truncated"),
                damage("n_vocab 2^30", b -> patch(b, HPARAMS, 1 << 30), "n_vocab"),
                damage("n_audio_ctx 2^20", b -> patch(b, HPARAMS + 4, 1 << 20), "n_audio_ctx"),
                damage("n_audio_state 2^20", b -> patch(b, HPARAMS + 8, 1 << 20), "n_audio_state"),
                damage("n_audio_head 0", b -> patch(b, HPARAMS + 12, 0), "n_audio_head"),
                damage("n_audio_layer 10000", b -> patch(b, HPARAMS + 16, 10000), "n_audio_layer"),
                damage("n_text_head -1", b -> patch(b, HPARAMS + 28, -1), "n_text_head"),
                damage("n_mels 7", b -> patch(b, HPARAMS + 36, 7), "n_mels"),
                damage("ftype 99", b -> patch(b, HPARAMS + 40, 99), "ftype"),
                damage("says 2 decoder layers, holds 1", b -> patch(b, HPARAMS + 32, 2), "lacks"),
                damage("says n_text_ctx 448, holds 64", b -> patch(b, HPARAMS + 20, 448), "shape"),
                damage("says q8_0, holds f16", b -> patch(b, HPARAMS + 40, 2007), "stored as type 1"),
                damage("2^28 mel filters", b -> patch(b, FILTERS, 1 << 28), "mel filters"),
                damage("vocabulary of 2^30", b -> patch(b, VOCAB, 1 << 30), "vocabulary"),
                damage("token of 4 GB", b -> patch(b, VOCAB + 4, 0xFFFF_FFF0), "claims"),
                damage("no blank token", b -> ascii(b, spaceToken(), "x"), "\" \" token"),
                damage("tensor with 9 dimensions", b -> patch(b, tensors, 9), "9 dimensions"),
                damage("tensor name of 1 GB", b -> patch(b, tensors + 4, 1 << 30), "name"),
                damage("tensor of unknown type", b -> patch(b, tensors + 8, 77), "stored as type 77"),
                damage("unknown tensor", b -> ascii(b, tensors + 20, "x"), "does not know"),
                damage("garbage after the end", b -> Arrays.copyOf(b, b.length + 64), "0 dimensions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damaged")
    void refusesDamagedFilesWithAReason(String damage, UnaryOperator<byte[]> change, String reason)
            throws Exception {
        Path file = dir.resolve("ggml-" + damage.replaceAll("\\W+", "-") + ".bin");
        Files.write(file, change.apply(good.clone()));

        assertThatThrownBy(() -> WhisperModelCheck.check(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(reason);
        EngineOptions options = EngineOptions.defaults(EngineKind.WHISPER).withModel(file.toString());
        assertThatThrownBy(() -> SpeechEngine.open(options))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void theJvmStillTranscribesAfterEveryRefusal() throws Exception {
        for (Arguments damage : damaged().toList()) {
            Object[] args = damage.get();
            @SuppressWarnings("unchecked")
            byte[] bytes = ((UnaryOperator<byte[]>) args[1]).apply(good.clone());
            Path file = Files.write(dir.resolve("ggml-again.bin"), bytes);
            assertThatThrownBy(() -> SpeechEngine.open(
                    EngineOptions.defaults(EngineKind.WHISPER).withModel(file.toString())))
                    .as((String) args[0])
                    .isInstanceOf(IOException.class);
        }
        EngineOptions options = EngineOptions.defaults(EngineKind.WHISPER)
                .withModel(dir.resolve("ggml-good.bin").toString());
        try (SpeechEngine engine = SpeechEngine.open(options)) {
            List<WindowTranscript> transcripts = WindowResults.transcripts(engine.transcribe(
                    List.of(new AudioWindow("alive", WhisperClips.noise(2, 3), 0))));
            assertThat(transcripts).extracting(WindowTranscript::windowId).containsExactly("alive");
        }
    }

    /** Shows why the check exists: handed the same file directly, whisper.cpp aborts its process. */
    @Test
    void withoutTheCheckWhisperCppAbortsTheJvm() throws Exception {
        byte[] bytes = good.clone();
        patch(bytes, HPARAMS, 1 << 30);
        Path file = Files.write(dir.resolve("ggml-huge-vocab.bin"), bytes);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                RawLoad.class.getName(), file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isNotZero();
        assertThat(output).doesNotContain("loaded");
    }

    /** Loads a model straight through whisper-jni, as Medley would without its check. */
    static final class RawLoad {
        public static void main(String[] args) throws IOException {
            WhisperJNI.loadLibrary(message -> {});
            WhisperJNI.setLibraryLogger(null);
            WhisperContextParams params = new WhisperContextParams();
            params.useGPU = false;
            System.out.println(new WhisperJNI().initNoState(Path.of(args[0]), params) == null ? "refused" : "loaded");
        }
    }

    private static Arguments damage(String name, UnaryOperator<byte[]> change, String reason) {
        return Arguments.of(name, change, reason);
    }

    private static byte[] patch(byte[] bytes, int offset, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return bytes;
    }

    private static byte[] ascii(byte[] bytes, int offset, String text) {
        byte[] replacement = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(replacement, 0, bytes, offset, replacement.length);
        return bytes;
    }

    /** Returns the offset of the blank token's one byte. */
    private static int spaceToken() {
        int at = VOCAB + 4;
        for (int i = 0; i < TinyWhisperModel.SPACE_TOKEN; i++) {
            at += 4 + TinyWhisperModel.token(i).length();
        }
        return at + 4;
    }

    /** Returns the offset of the first tensor header, just after the vocabulary. */
    private static int tensorsStart() {
        int at = VOCAB + 4;
        for (int i = 0; i < TinyWhisperModel.TEXT_TOKENS; i++) {
            at += 4 + TinyWhisperModel.token(i).length();
        }
        return at;
    }
}
