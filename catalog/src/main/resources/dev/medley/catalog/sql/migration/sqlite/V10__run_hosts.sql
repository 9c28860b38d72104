-- The machine each run ran on, and when it last said it was running: a run on another machine that
-- shares the catalog is alive while its heartbeat is recent (runs on this machine: while its pid is).
ALTER TABLE runs ADD COLUMN host TEXT;
ALTER TABLE runs ADD COLUMN heartbeat_at INTEGER;   -- epoch milliseconds
