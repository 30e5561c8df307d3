-- version(): a PostgreSQL-15-compatible string (pgmicro names itself inside it).
SELECT version() ~ '^PostgreSQL 15\.[0-9]+ ' AS pg15, pg_typeof(version());
SELECT split_part(version(), ' ', 1) AS product, split_part(split_part(version(), ' ', 2), '.', 1) AS major;
