package dev.medley.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GgmlTypeTest {
    @Test
    void sizesTensorsAsGgmlDoes() {
        assertThat(GgmlType.F32.bytes(new long[] {384, 1500})).isEqualTo(384L * 1500 * 4);
        assertThat(GgmlType.F16.bytes(new long[] {3, 80, 384})).isEqualTo(3L * 80 * 384 * 2);
        // tiny.en's token embedding in q5_1: 384 values a row in blocks of 32, 24 bytes a block.
        assertThat(GgmlType.Q5_1.bytes(new long[] {384, 51864})).isEqualTo(384L / 32 * 24 * 51864);
        assertThat(GgmlType.Q4_K.bytes(new long[] {1280, 5120})).isEqualTo(1280L / 256 * 144 * 5120);
        assertThat(GgmlType.Q8_0.bytes(new long[] {32})).isEqualTo(34);
    }

    @Test
    void mapsFileTypesToTheirWeightTypes() {
        assertThat(GgmlType.ofFtype(1)).isEqualTo(GgmlType.F16);
        assertThat(GgmlType.ofFtype(7)).isEqualTo(GgmlType.Q8_0);
        assertThat(GgmlType.ofFtype(9)).isEqualTo(GgmlType.Q5_1);
        assertThat(GgmlType.ofFtype(4)).isNull();
        assertThat(GgmlType.ofId(8)).isEqualTo(GgmlType.Q8_0);
        assertThat(GgmlType.ofId(5)).isNull();
    }
}
