CREATE TABLE quarantine (
    path        TEXT    COLLATE "C" PRIMARY KEY,
    size        BIGINT  NOT NULL,
    mtime_ns    BIGINT  NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('suspect', 'quarantined')),
    stage       TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);
