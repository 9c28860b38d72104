package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrategyTest {
    private static final long GB = 1L << 30;

    @Test
    void sphinxWorkersFollowCoresAndHeap() {
        assertThat(Strategy.choose(EngineKind.SPHINX, "auto", null, 2, 6 * GB, 0)).isEqualTo(new Strategy("parallel-cpu", 2, "cpu"));
        assertThat(Strategy.choose(EngineKind.SPHINX, "auto", null, 8, 2 * GB, 0).workers()).isEqualTo(1);
        assertThat(Strategy.choose(EngineKind.SPHINX, "auto", null, 1, 6 * GB, 0).name()).isEqualTo("sequential");
        assertThat(Strategy.choose(EngineKind.SPHINX, "auto", 3, 2, 1 * GB, 0).workers()).isEqualTo(3); // --workers wins
    }

    @Test
    void whisperTakesOneWorkerPerGpuWhenThereAreGpus() {
        assertThat(Strategy.choose(EngineKind.WHISPER, "auto", null, 16, GB, 2)).isEqualTo(new Strategy("per-gpu", 2, "cuda"));
        assertThat(Strategy.choose(EngineKind.WHISPER, "cpu", null, 4, GB, 2)).isEqualTo(new Strategy("parallel-cpu", 4, "cpu"));
        assertThat(Strategy.choose(EngineKind.WHISPER, "auto", null, 4, GB, 0).device()).isEqualTo("cpu");
    }

    @Test
    void refusesWhatCannotBeHonoured() {
        assertThatThrownBy(() -> Strategy.choose(EngineKind.SPHINX, "cuda", null, 2, GB, 1))
                .hasMessageContaining("--engine whisper");
        assertThatThrownBy(() -> Strategy.choose(EngineKind.SPHINX, "tpu", null, 2, GB, 0)).hasMessageContaining("auto, cpu or cuda");
        assertThatThrownBy(() -> Strategy.choose(EngineKind.REMOTE, "auto", 0, 2, GB, 0)).hasMessageContaining("at least 1");
    }
}
