-- Work shared by the members of a cluster. A job is one submitted command (probe, transcribe, ...) over
-- a list of files; each file is an item that one member claims, with a lease it renews while it works.
-- A member that dies stops renewing: once the lease has run out (or the cluster sees the member leave)
-- another member claims the item. A result counts only from the member that holds the claim.
CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER REFERENCES runs (id) ON DELETE SET NULL,   -- the submitter's run
    name        TEXT    NOT NULL UNIQUE,                          -- the job's name in the cluster
    kind        TEXT    NOT NULL,                                 -- the command: probe, transcribe, ...
    spec        TEXT    NOT NULL,                                 -- its options, as JSON
    status      TEXT    NOT NULL DEFAULT 'listing'
                CHECK (status IN ('listing', 'running', 'completed', 'cancelled')),
    total       INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,                                 -- epoch milliseconds
    ended_at    INTEGER
);

CREATE TABLE job_items (
    job_id       INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,                  -- the item's place in the listing
    path         TEXT    NOT NULL,                  -- a PathKey, as the submitter sees the file
    state        TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'done', 'failed')),
    claimed_by   TEXT,                              -- the member holding or last holding the claim
    lease_until  INTEGER,                           -- epoch milliseconds
    attempts     INTEGER NOT NULL DEFAULT 0,        -- claims so far: more than one means taken over
    refused_by   TEXT    NOT NULL DEFAULT '',       -- members that could not read the file, one per line
    outcome      TEXT,                              -- the result line, as JSON
    finished_at  INTEGER,
    reported     INTEGER NOT NULL DEFAULT 0,        -- 1 once shown to a submitter
    PRIMARY KEY (job_id, seq)
);
CREATE INDEX job_items_open ON job_items (job_id, state, seq) WHERE state IN ('pending', 'claimed');
CREATE INDEX job_items_unreported ON job_items (job_id, seq) WHERE reported = 0 AND state IN ('done', 'failed');
CREATE INDEX job_items_by_member ON job_items (claimed_by) WHERE state = 'claimed';
