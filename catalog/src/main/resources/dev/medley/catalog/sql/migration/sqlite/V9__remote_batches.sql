-- Batches handed to a provider's batch API and not yet collected: what each of their requests asked,
-- so that a later run (after a restart) can collect them and match every answer to its item.
CREATE TABLE remote_batches (
    id          TEXT    PRIMARY KEY,     -- the provider's batch id
    endpoint    TEXT    NOT NULL,
    requests    TEXT    NOT NULL,        -- JSON: each request's custom_id and the keys of its items
    created_at  INTEGER NOT NULL,        -- epoch milliseconds
    closed_at   INTEGER                  -- when it was collected (or given up); null while open
);
