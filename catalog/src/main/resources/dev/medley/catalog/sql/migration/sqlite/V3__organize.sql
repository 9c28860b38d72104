-- An organise plan: what `medley organize` decided, kept so that `--apply` carries out exactly the
-- plan that was reviewed. One row per plan; its run is the dry run that made it.
CREATE TABLE plans (
    run_id       INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    library      TEXT    NOT NULL,               -- the library root, absolute
    mode         TEXT    NOT NULL,               -- move, copy, hardlink, symlink, reflink
    fallback     TEXT,                           -- copy, or null: no fallback
    on_conflict  TEXT    NOT NULL,               -- skip, rename, keep-both
    sources      TEXT    NOT NULL,               -- the source roots, one per line
    created_at   INTEGER NOT NULL
);

-- One row per file the plan acts on or passes over, in plan order. `target` is null when skipped.
CREATE TABLE plan_items (
    run_id    INTEGER NOT NULL REFERENCES plans (run_id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    role      TEXT    NOT NULL,                  -- media, extra, sidecar
    source    TEXT    NOT NULL,
    target    TEXT,
    skipped   INTEGER NOT NULL DEFAULT 0,
    reason    TEXT    NOT NULL,
    conflict  TEXT,
    size      INTEGER NOT NULL,
    hash      TEXT,
    PRIMARY KEY (run_id, seq)
);

-- The write-ahead journal of apply and undo runs; the format is described in Journal.java.
CREATE TABLE journal (
    run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    plan_run    INTEGER NOT NULL,
    plan_seq    INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    temp        TEXT,
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    hash        TEXT,
    state       TEXT    NOT NULL
                CHECK (state IN ('started', 'copied', 'done', 'failed', 'rolled_back', 'undone')),
    detail      TEXT,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX journal_by_plan ON journal (plan_run, plan_seq);
CREATE INDEX journal_open ON journal (state) WHERE state IN ('started', 'copied');
