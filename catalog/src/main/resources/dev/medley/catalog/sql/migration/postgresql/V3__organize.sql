CREATE TABLE plans (
    run_id       BIGINT  PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    library      TEXT    NOT NULL,
    mode         TEXT    NOT NULL,
    fallback     TEXT,
    on_conflict  TEXT    NOT NULL,
    sources      TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL
);

CREATE TABLE plan_items (
    run_id    BIGINT  NOT NULL REFERENCES plans (run_id) ON DELETE CASCADE,
    seq       BIGINT  NOT NULL,
    role      TEXT    NOT NULL,
    source    TEXT    COLLATE "C" NOT NULL,
    target    TEXT    COLLATE "C",
    skipped   INTEGER NOT NULL DEFAULT 0,
    reason    TEXT    NOT NULL,
    conflict  TEXT,
    size      BIGINT  NOT NULL,
    hash      TEXT,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE journal (
    run_id      BIGINT  NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq         BIGINT  NOT NULL,
    plan_run    BIGINT  NOT NULL,
    plan_seq    BIGINT  NOT NULL,
    action      TEXT    NOT NULL,
    source      TEXT    COLLATE "C" NOT NULL,
    target      TEXT    COLLATE "C" NOT NULL,
    temp        TEXT    COLLATE "C",
    size        BIGINT  NOT NULL,
    mtime_ns    BIGINT  NOT NULL,
    hash        TEXT,
    state       TEXT    NOT NULL
                CHECK (state IN ('started', 'copied', 'done', 'failed', 'rolled_back', 'undone')),
    detail      TEXT,
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX journal_by_plan ON journal (plan_run, plan_seq);
CREATE INDEX journal_open ON journal (state) WHERE state IN ('started', 'copied');
