-- Answers of a language model, by a key naming the endpoint, the model, the prompt's version and the
-- item asked about (a hash: the key says nothing of its own). A rerun asks only what is not here.
CREATE TABLE answers (
    key         TEXT    PRIMARY KEY,
    answer      TEXT    NOT NULL,
    saved_at    INTEGER NOT NULL         -- epoch milliseconds
);
