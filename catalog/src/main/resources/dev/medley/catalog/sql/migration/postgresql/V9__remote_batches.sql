CREATE TABLE remote_batches (
    id          TEXT    COLLATE "C" PRIMARY KEY,
    endpoint    TEXT    NOT NULL,
    requests    TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    closed_at   BIGINT
);
