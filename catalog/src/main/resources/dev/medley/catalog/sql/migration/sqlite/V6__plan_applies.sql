-- Which plan each apply run carries out. Catalog.startApply records it in the same transaction
-- that checks that no other apply of the plan is running, so two medleys never apply one plan at
-- once; and `organize --apply` reads it to tell a plan never applied from one applied (and undone).
CREATE TABLE plan_applies (
    run_id    INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    plan_run  INTEGER NOT NULL REFERENCES plans (run_id) ON DELETE CASCADE
);
CREATE INDEX plan_applies_by_plan ON plan_applies (plan_run, run_id);

-- Apply runs recorded before this table named their plan in their arguments only: "--plan N".
INSERT INTO plan_applies (run_id, plan_run)
SELECT id, CAST(substr(arguments, 8) AS INTEGER) FROM runs
WHERE command = 'apply' AND arguments LIKE '--plan %'
  AND CAST(substr(arguments, 8) AS INTEGER) IN (SELECT run_id FROM plans);
