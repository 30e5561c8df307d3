-- Indexes over expressions calling user-defined IMMUTABLE functions (SQL and PL/pgSQL): the
-- index exists (catalog, \d, pg_indexes); queries give the same rows as without it.
CREATE FUNCTION ixf_plpgsql(int) RETURNS int LANGUAGE plpgsql IMMUTABLE STRICT
  AS $$begin return $1 * 2; end$$;
CREATE FUNCTION ixf_sql(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select $1 + 1';
CREATE TABLE ixt AS SELECT generate_series(-5, 5) AS x;
CREATE INDEX ixt_p ON ixt (ixf_plpgsql(x));
CREATE INDEX ixt_s ON ixt (ixf_sql(x)) WHERE ixf_plpgsql(x) > 0;
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'ixt' ORDER BY 1;
SELECT x FROM ixt WHERE ixf_plpgsql(x) = 4;
SELECT x FROM ixt WHERE ixf_sql(x) = 4;
INSERT INTO ixt VALUES (100);
UPDATE ixt SET x = x + 1 WHERE x < 0;
SELECT count(*), sum(ixf_plpgsql(x)) FROM ixt;
DROP INDEX ixt_p;
DROP TABLE ixt;
