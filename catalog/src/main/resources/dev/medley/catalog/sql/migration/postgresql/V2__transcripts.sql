CREATE TABLE transcripts (
    file_id             BIGINT  PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    size                BIGINT  NOT NULL,
    mtime_ns            BIGINT  NOT NULL,
    ok                  INTEGER NOT NULL,
    error               TEXT,
    engine              TEXT    NOT NULL,
    model               TEXT    NOT NULL,
    outputs             TEXT    NOT NULL DEFAULT '',
    audio_seconds       DOUBLE PRECISION,
    processing_seconds  DOUBLE PRECISION,
    run_id              BIGINT,
    updated_at          BIGINT  NOT NULL
);
