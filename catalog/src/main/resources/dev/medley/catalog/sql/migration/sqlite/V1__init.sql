-- One row per run of a medley command.
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    command     TEXT    NOT NULL,
    arguments   TEXT    NOT NULL DEFAULT '',
    pid         INTEGER,
    started_at  INTEGER NOT NULL,            -- epoch milliseconds
    ended_at    INTEGER,
    status      TEXT    NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
    total       INTEGER NOT NULL DEFAULT 0,
    ok          INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0
);

-- Every media file ever seen. `path` is a PathKey: the absolute path, or a file: URI when the
-- name is not valid UTF-8, so that it always leads back to the same bytes on disk.
CREATE TABLE files (
    id              INTEGER PRIMARY KEY,
    path            TEXT    NOT NULL UNIQUE,
    size            INTEGER NOT NULL,
    mtime_ns        INTEGER NOT NULL,
    fingerprint     TEXT,
    status          TEXT    NOT NULL DEFAULT 'present' CHECK (status IN ('present', 'missing')),
    first_seen_run  INTEGER,
    last_seen_run   INTEGER
);

-- The latest probe of each file, and the size and mtime it was taken at: a probe is current
-- while they still match the file's.
CREATE TABLE probes (
    file_id     INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    ok          INTEGER NOT NULL,
    error       TEXT,
    prober      TEXT    NOT NULL,
    result      TEXT    NOT NULL,            -- the probe as JSON
    run_id      INTEGER,
    probed_at   INTEGER NOT NULL
);
