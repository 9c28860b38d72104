package dev.medley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchListenerTest {

    @Test
    void allDeliversEveryEventToEachListenerEvenWhenOneThrows() {
        List<String> seen = new ArrayList<>();
        BatchListener throwing = new BatchListener() {
            @Override
            public void onStart(String stage) {
                throw new IllegalStateException("broken");
            }
        };
        BatchListener recording = new BatchListener() {
            @Override
            public void onStart(String stage) {
                seen.add("start " + stage);
            }

            @Override
            public void onItemStarted(String stage, long index) {
                seen.add("item " + index);
            }
        };

        BatchListener both = BatchListener.all(throwing, recording, BatchListener.NONE);
        both.onStart("probe");
        both.onItemStarted("probe", 7);

        assertThat(seen).containsExactly("start probe", "item 7");
        assertThatThrownBy(() -> BatchListener.all(recording, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
