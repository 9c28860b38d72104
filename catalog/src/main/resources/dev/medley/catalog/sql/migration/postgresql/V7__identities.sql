CREATE TABLE identities (
    file_id         BIGINT  PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    size            BIGINT  NOT NULL,
    mtime_ns        BIGINT  NOT NULL,
    parser_version  TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    confidence      DOUBLE PRECISION NOT NULL,
    fields          TEXT    NOT NULL,
    run_id          BIGINT,
    identified_at   BIGINT  NOT NULL
);
