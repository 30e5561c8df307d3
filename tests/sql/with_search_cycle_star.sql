-- SEARCH/CYCLE: `*` of the query itself in its recursive term is the query's own columns (the
-- added sequence/mark/path columns are carried separately); a "--" comment ending a term.
with recursive a as (
	select 1 as b
	union all
	select * from a
) cycle b set c using p
select * from a;
with recursive t(n) as (select 1 union all select n + 1 from (select * from t) s where n < 3)
  search depth first by n set ord
select * from t order by ord;
with recursive test as (
  select 0 as x
  union all
  select (x + 1) % 4
  from test
    where not is_cycle  -- redundant, but legal
) cycle x set is_cycle using path
select * from test;
