-- pg_prepared_statements: the session's prepared statements with their resolved parameter types.
SELECT name, statement, parameter_types FROM pg_prepared_statements;
PREPARE q1 AS SELECT 1 AS a;
PREPARE q2(text, int) AS SELECT $1 || $2;
PREPARE q3 AS SELECT * FROM pg_class WHERE relname = $1 AND relnatts > $2;
SELECT name, statement, parameter_types, from_sql FROM pg_prepared_statements ORDER BY name;
DEALLOCATE q1;
SELECT name FROM pg_prepared_statements ORDER BY name;
DEALLOCATE ALL;
SELECT count(*) FROM pg_prepared_statements;
