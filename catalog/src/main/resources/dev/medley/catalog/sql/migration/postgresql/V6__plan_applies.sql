CREATE TABLE plan_applies (
    run_id    BIGINT  PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    plan_run  BIGINT  NOT NULL REFERENCES plans (run_id) ON DELETE CASCADE
);
CREATE INDEX plan_applies_by_plan ON plan_applies (plan_run, run_id);
-- No runs predate this table in a PostgreSQL catalog: nothing to link, unlike sqlite/V6.
