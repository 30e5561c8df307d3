-- CREATE AGGREGATE with LANGUAGE sql and built-in support functions: SFUNC/STYPE/FINALFUNC/
-- INITCOND (new and old syntax), strict transition functions, ORDER BY and FILTER in calls,
-- empty input, window use with the moving form (MSFUNC/MINVFUNC/MSTYPE/MINITCOND), restarts
-- when the inverse gives NULL, and DROP AGGREGATE.
CREATE FUNCTION cat_sfunc(text, anyelement) RETURNS text AS
$$ SELECT COALESCE($1, '') || '*' || quote_nullable($2) $$ LANGUAGE SQL IMMUTABLE;
CREATE FUNCTION cat_msfunc(text, anyelement) RETURNS text AS
$$ SELECT COALESCE($1, '') || '+' || quote_nullable($2) $$ LANGUAGE SQL IMMUTABLE;
CREATE FUNCTION cat_minvfunc(text, anyelement) RETURNS text AS
$$ SELECT $1 || '-' || quote_nullable($2) $$ LANGUAGE SQL IMMUTABLE;
CREATE FUNCTION cat_sfunc_strict(text, anyelement) RETURNS text AS
$$ SELECT $1 || '*' || quote_nullable($2) $$ LANGUAGE SQL STRICT IMMUTABLE;
CREATE FUNCTION cat_msfunc_strict(text, anyelement) RETURNS text AS
$$ SELECT $1 || '+' || quote_nullable($2) $$ LANGUAGE SQL STRICT IMMUTABLE;
CREATE FUNCTION cat_minvfunc_strict(text, anyelement) RETURNS text AS
$$ SELECT $1 || '-' || quote_nullable($2) $$ LANGUAGE SQL STRICT IMMUTABLE;
CREATE AGGREGATE cat_agg (anyelement) (stype = text, sfunc = cat_sfunc, mstype = text,
  msfunc = cat_msfunc, minvfunc = cat_minvfunc);
CREATE AGGREGATE cat_agg_init (anyelement) (stype = text, sfunc = cat_sfunc, mstype = text,
  msfunc = cat_msfunc, minvfunc = cat_minvfunc, initcond = 'I', minitcond = 'MI');
CREATE AGGREGATE cat_agg_strict (text) (stype = text, sfunc = cat_sfunc_strict, mstype = text,
  msfunc = cat_msfunc_strict, minvfunc = cat_minvfunc_strict);
CREATE AGGREGATE cat_agg_strict_init (anyelement) (stype = text, sfunc = cat_sfunc_strict,
  mstype = text, msfunc = cat_msfunc_strict, minvfunc = cat_minvfunc_strict, initcond = 'I', minitcond = 'MI');
SELECT cat_agg(v), cat_agg_init(v), cat_agg_strict(v), cat_agg_strict_init(v)
  FROM (VALUES (1, 'a'), (2, NULL), (3, 'c')) t(i, v);
SELECT cat_agg(v ORDER BY i DESC), cat_agg_init(v) FILTER (WHERE i > 1)
  FROM (VALUES (1, 'a'), (2, NULL), (3, 'c')) t(i, v);
SELECT cat_agg(v), cat_agg_init(v), cat_agg_strict_init(v) FROM (VALUES (1, 'a')) t(i, v) WHERE false;
SELECT i, cat_agg(v) FROM (VALUES (1, 'a'), (2, 'b'), (1, 'c')) t(i, v) GROUP BY i ORDER BY i;
SELECT p::text || ',' || i::text || ':' || COALESCE(v::text, 'NULL') AS row,
       cat_agg(v) OVER wnd AS nstrict, cat_agg_init(v) OVER wnd AS nstrict_init,
       cat_agg_strict(v::text) OVER wnd AS strict, cat_agg_strict_init(v) OVER wnd AS strict_init
  FROM (VALUES (1, 1, NULL), (1, 2, 'a'), (1, 3, 'b'), (1, 4, NULL), (1, 5, NULL), (1, 6, 'c'),
               (2, 1, NULL), (2, 2, 'x'), (3, 1, 'z')) AS t(p, i, v)
  WINDOW wnd AS (PARTITION BY p ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
  ORDER BY p, i;
SELECT p::text || ',' || i::text AS row,
       cat_agg(v) FILTER (WHERE f) OVER wnd AS nstrict_filt,
       cat_agg_init(v) FILTER (WHERE f) OVER wnd AS nstrict_init_filt,
       cat_agg_strict_init(v) FILTER (WHERE f) OVER wnd AS strict_init_filt
  FROM (VALUES (1, 1, true, NULL), (1, 2, false, 'a'), (1, 3, true, 'b'), (1, 4, false, NULL),
               (2, 1, false, NULL), (2, 2, true, 'x')) AS t(p, i, f, v)
  WINDOW wnd AS (PARTITION BY p ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
  ORDER BY p, i;
-- plain sfunc for frames that start at the partition head; a volatile argument disables
-- the inverse (the aggregate restarts)
SELECT i, cat_agg_strict(v) OVER (ORDER BY i) AS running,
       cat_agg_strict(v) OVER wnd AS inverse,
       cat_agg_strict(v || CASE WHEN random() < 0 THEN '?' ELSE '' END) OVER wnd AS noinverse
  FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) AS t(i, v)
  WINDOW wnd AS (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) ORDER BY i;
-- built-in support functions, final functions, an inverse that cannot remove (NULL)
CREATE FUNCTION cat_half(int4) RETURNS int4 AS $$ SELECT $1 / 2 $$ LANGUAGE SQL STRICT;
CREATE FUNCTION cat_minv_restart(int4, int4) RETURNS int4 AS
$$ SELECT CASE WHEN $2 = 20 THEN NULL ELSE $1 - $2 END $$ LANGUAGE SQL STRICT;
CREATE AGGREGATE cat_sum (int4) (stype = int4, sfunc = int4pl, mstype = int4, msfunc = int4pl,
  minvfunc = cat_minv_restart);
CREATE AGGREGATE cat_half_sum (int4) (stype = int4, sfunc = int4pl, finalfunc = cat_half, initcond = '0');
CREATE AGGREGATE cat_oldstyle (basetype = int4, sfunc = int4pl, stype = int4, initcond = '100');
SELECT cat_sum(v), cat_half_sum(v), cat_oldstyle(v), pg_typeof(cat_half_sum(v))
  FROM (VALUES (10), (20), (NULL), (30)) t(v);
SELECT cat_half_sum(v), cat_oldstyle(v) FROM (VALUES (1)) t(v) WHERE false;
SELECT i, v, cat_sum(v) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING),
       cat_half_sum(v) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)
  FROM (VALUES (1, 10), (2, 20), (3, 30), (4, 40)) t(i, v);
-- errors
CREATE AGGREGATE cat_bad (int4) (stype = int4);
CREATE AGGREGATE cat_bad (int4) (sfunc = int4pl);
CREATE AGGREGATE cat_bad (int4) (stype = int4, sfunc = nosuchfunc);
CREATE AGGREGATE cat_sum (int4) (stype = int4, sfunc = int4pl);
CREATE AGGREGATE cat_warn (int4) (stype = int4, sfunc = int4pl, frobnitz = 1);
SELECT cat_sum('x'::text);
DROP AGGREGATE cat_sum(int4);
DROP AGGREGATE cat_sum(int4);
DROP AGGREGATE IF EXISTS cat_sum(int4);
SELECT cat_sum(1);
DROP AGGREGATE cat_warn(int4), cat_half_sum(integer), cat_oldstyle(int4);
