-- \d of a table: every index (constraint-backed, plain, expression, partial, DESC), check
-- constraints, foreign keys and the foreign keys that reference it, as psql 15 prints them.
CREATE TABLE dtf_p (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE dtf_c (
  id int PRIMARY KEY,
  pid int REFERENCES dtf_p ON DELETE CASCADE,
  pcode text REFERENCES dtf_p (code) ON UPDATE SET NULL,
  v int CHECK (v > 0),
  u text UNIQUE,
  w int
);
CREATE INDEX dtf_i1 ON dtf_c (w DESC, v);
CREATE INDEX ON dtf_c (coalesce(w, 0));
CREATE UNIQUE INDEX dtf_i2 ON dtf_c (u) WHERE w > 0;
CREATE INDEX dtf_i3 ON dtf_c (lower(u));
\d dtf_c
\d dtf_p
DROP TABLE dtf_c, dtf_p;
