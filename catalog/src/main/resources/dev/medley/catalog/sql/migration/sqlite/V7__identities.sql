-- What identifying each file found (episode, movie, music, ...), and the file's size and mtime and
-- the parser's version when it was made: it is current while all three still match, so that a file
-- is identified again when it changes or when the parser does.
CREATE TABLE identities (
    file_id         INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    size            INTEGER NOT NULL,
    mtime_ns        INTEGER NOT NULL,
    parser_version  TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    confidence      REAL    NOT NULL,
    fields          TEXT    NOT NULL,        -- the identity's fields and their sources, as JSON
    run_id          INTEGER,
    identified_at   INTEGER NOT NULL         -- epoch milliseconds
);
