-- Files that native code (FFmpeg, a speech engine) was reading when its process died. A file is a
-- suspect when the cause is not known (several files were being read, or the process was killed):
-- it is read again, alone. It is quarantined when a crash is certain to be its own: it is then
-- never opened again while it keeps the size and modification time it crashed at.
CREATE TABLE quarantine (
    path        TEXT    PRIMARY KEY,          -- a PathKey
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('suspect', 'quarantined')),
    stage       TEXT    NOT NULL,             -- what was reading it: probe, transcribe
    reason      TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL              -- epoch milliseconds
);
