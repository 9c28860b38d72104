package dev.medley.speech;

/**
 * The ggml tensor types a whisper model file may hold, with the sizes ggml gives them. Ids and sizes are ggml's
 * ({@code ggml_type} and {@code ggml_type_traits}); only types whisper.cpp's converter and quantizer write are
 * listed, so a file naming any other id is refused before whisper.cpp reads it.
 */
enum GgmlType {
    F32(0, 4, 1),
    F16(1, 2, 1),
    Q4_0(2, 18, 32),
    Q4_1(3, 20, 32),
    Q5_0(6, 22, 32),
    Q5_1(7, 24, 32),
    Q8_0(8, 34, 32),
    Q2_K(10, 84, 256),
    Q3_K(11, 110, 256),
    Q4_K(12, 144, 256),
    Q5_K(13, 176, 256),
    Q6_K(14, 210, 256);

    private final int id;
    private final int typeSize;
    private final int blockSize;

    GgmlType(int id, int typeSize, int blockSize) {
        this.id = id;
        this.typeSize = typeSize;
        this.blockSize = blockSize;
    }

    /** Returns the type ggml numbers {@code id}, or null when it is not one whisper models use. */
    static GgmlType ofId(int id) {
        for (GgmlType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        return null;
    }

    /**
     * Returns the type of a model's big matrices for the file-wide {@code ftype} (already reduced modulo 1000, as
     * whisper.cpp does), or null for an ftype whisper.cpp would refuse or that whisper models never use.
     */
    static GgmlType ofFtype(int ftype) {
        // ggml_ftype_to_ggml_type: the ftype and type numberings part ways after Q4_1.
        return switch (ftype) {
            case 0 -> F32;
            case 1 -> F16;
            case 2 -> Q4_0;
            case 3 -> Q4_1;
            case 7 -> Q8_0;
            case 8 -> Q5_0;
            case 9 -> Q5_1;
            case 10 -> Q2_K;
            case 11 -> Q3_K;
            case 12 -> Q4_K;
            case 13 -> Q5_K;
            case 14 -> Q6_K;
            default -> null;
        };
    }

    int id() {
        return id;
    }

    int typeSize() {
        return typeSize;
    }

    int blockSize() {
        return blockSize;
    }

    /** Returns the bytes a tensor of this type and shape takes, computed as {@code ggml_nbytes} does. */
    long bytes(long[] ne) {
        long[] nb = new long[ne.length];
        nb[0] = typeSize;
        if (ne.length > 1) {
            nb[1] = nb[0] * (ne[0] / blockSize);
        }
        for (int i = 2; i < ne.length; i++) {
            nb[i] = nb[i - 1] * ne[i - 1];
        }
        long bytes = blockSize == 1 ? typeSize : ne[0] * nb[0] / blockSize;
        for (int i = blockSize == 1 ? 0 : 1; i < ne.length; i++) {
            bytes += (ne[i] - 1) * nb[i];
        }
        return bytes;
    }
}
