-- The latest transcription of each file, and the file's size and mtime when it was made: it is
-- current while they still match and its outputs exist.
CREATE TABLE transcripts (
    file_id             INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    size                INTEGER NOT NULL,
    mtime_ns            INTEGER NOT NULL,
    ok                  INTEGER NOT NULL,
    error               TEXT,
    engine              TEXT    NOT NULL,
    model               TEXT    NOT NULL,
    outputs             TEXT    NOT NULL DEFAULT '',   -- output files, one per line
    audio_seconds       REAL,
    processing_seconds  REAL,
    run_id              INTEGER,
    updated_at          INTEGER NOT NULL
);
