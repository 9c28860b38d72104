CREATE TABLE answers (
    key         TEXT    COLLATE "C" PRIMARY KEY,
    answer      TEXT    NOT NULL,
    saved_at    BIGINT  NOT NULL
);
