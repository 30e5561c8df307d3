-- DISTINCT in calls of CREATE AGGREGATE aggregates (one integer argument): the transition
-- function sees each distinct input once, in ascending order.
create function uad_step(s int8[], n int) returns int8[] as $$
begin
  raise notice 'step %', n;
  return coalesce(s, '{}') || n::int8;
end $$ language plpgsql;
create aggregate uad_collect(int) (stype = int8[], sfunc = uad_step);
create function uad_strict_step(s int8, n int8) returns int8 strict as $$ select s * 10 + n $$ language sql;
create aggregate uad_digits(int8) (stype = int8, sfunc = uad_strict_step);
select uad_collect(distinct x) from (values (3), (1), (3), (2), (1)) t(x);
select uad_collect(x) from (values (3), (1), (3)) t(x);
select uad_collect(distinct x) from (values (2), (null), (1), (null)) t(x);
select g, uad_digits(distinct x) from (values (1, 5), (1, 3), (1, 5), (2, 9), (2, null)) t(g, x)
group by g order by g;
select uad_digits(distinct x) filter (where x > 1) from (values (1), (4), (2), (4)) t(x);
select uad_digits(distinct x) from (values (1)) t(x) where false;
drop aggregate uad_collect(int);
drop aggregate uad_digits(int8);
drop function uad_step, uad_strict_step;
