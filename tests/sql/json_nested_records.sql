-- jsonb values equal by jsonb_cmp group together; to_json of arrays of records and of nested
-- records keeps their field names
create temp table jg(j jsonb);
insert into jg values ('{"a": 25}'), ('{"a": 25.0}'), ('[1.50]'), ('[1.5]'), ('"x"'), (null);
select count(distinct j) from jg;
select count(*) from (select j from jg group by j) s;
select count(*), min(j::text) from jg group by j order by 2;
select array_to_json(array_agg(q)) from (select x as b, x * 2 as c from generate_series(1,3) x) q;
select array_to_json(array_agg(q), true) from (select x as b, 'v' || x as c from generate_series(1,2) x) q;
select to_jsonb(array_agg(q)) from (select x as b from generate_series(1,2) x) q;
select array_to_json(array_agg(q)) from (select 'a' || x as b, array[row(x, array[1,2]), row(x + 1, array[3])] as z
  from generate_series(1,2) x) q;
select row_to_json(q) from (select row(1, 'a') as r, array[row(2, 'b'), null] as ra) q;
