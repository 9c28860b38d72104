package dev.medley.metadata;

/** Holds what the vocabulary knows about one token: its class and the normalised value it stands for. */
record Tag(Kind kind, String value) {

    /** Lists the classes of release-name words; each ends a title when it follows one. */
    enum Kind {
        RESOLUTION, SOURCE, STREAMING, VIDEO_CODEC, AUDIO_CODEC, LANGUAGE, SUBTITLES, EDITION, EXTRA,
        FLAG, SPECIAL, CONTAINER, VERSION, CHECKSUM, CHANNELS
    }

    /** Says whether a tag of this class, placed right after some words, ends the title before it. */
    boolean endsTitle() {
        return kind != Kind.SPECIAL;
    }
}
