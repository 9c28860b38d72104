-- What a plan has decided so far, looked up while planning instead of held in memory, so that
-- planning a library of a million files takes no more memory than planning a hundred. Rows of a
-- plan are removed once it is complete (see Plans.forgetPlanningState).

-- Target names taken, as the 64-bit hash of the case-folded path relative to the library.
CREATE TABLE plan_names (
    run_id    INTEGER NOT NULL REFERENCES plans (run_id) ON DELETE CASCADE,
    name_key  INTEGER NOT NULL,
    PRIMARY KEY (run_id, name_key)
) WITHOUT ROWID;

-- The spelling of each folder the plan uses, by its case-folded path relative to the library.
CREATE TABLE plan_folders (
    run_id      INTEGER NOT NULL REFERENCES plans (run_id) ON DELETE CASCADE,
    folder_key  TEXT    NOT NULL,
    spelling    TEXT    NOT NULL,
    PRIMARY KEY (run_id, folder_key)
) WITHOUT ROWID;

-- Media files by size, for finding duplicates; hash is filled in once a second file of the size
-- turns up, so that a library without duplicates is never read for hashing.
CREATE TABLE plan_contents (
    id      INTEGER PRIMARY KEY,
    run_id  INTEGER NOT NULL REFERENCES plans (run_id) ON DELETE CASCADE,
    size    INTEGER NOT NULL,
    hash    TEXT,
    source  TEXT    NOT NULL
);
CREATE INDEX plan_contents_by_size ON plan_contents (run_id, size, hash);
