-- ROW(...) and (a, b) constructors, row comparisons with PostgreSQL's NULL rules, IS [NOT]
-- NULL and IS [NOT] DISTINCT FROM on rows, row IN lists and subqueries, record output.
select row(1, 'a b', null), (1, 2), row(), row(1.5, true, 'x"y', '', '\');
select (1, 2) = (1, 2), (1, 2) <> (1, 3), (1, 2) < (1, 3), (1, 2) <= (1, 2), (2, 1) > (1, 9), (1, 2) >= (1, 3);
select (1, null) = (1, 2), (1, null) = (2, 2), (1, null) <> (2, 2), (1, null) < (2, 0), (1, null) < (1, 0);
select row(1, 2) < row(1, 3, 4);
select row(1, 2) = row('a', 2);
select row(1, 2) ~~ row(3, 4);
select row(1, 2) is null, row(null, null) is null, row(null, 1) is null, row(null, 1) is not null,
       row(1, 2) is not null, row(null, null) is not null;
select (1, null) is distinct from (1, null), (1, null) is distinct from (1, 2), (1, 2) is not distinct from (1, 2);
select (1, 2) in ((1, 2), (3, 4)), (1, 2) in ((3, 4), (5, 6)), (1, 2) not in ((3, 4)), (1, null) in ((1, 2));
create table pairs (a int, b text);
insert into pairs values (1, 'x'), (2, 'y'), (3, null), (null, 'w');
select * from pairs where (a, b) > (1, 'x') order by a;
select * from pairs where (a, b) in (select 2, 'y' union all select 3, null) order by a;
select * from pairs where (a, b) not in (select 2, 'y') order by a;
select * from pairs where (a, b) = any (select a, b from pairs where a < 3) order by a;
select * from pairs where (a, b) in (select 1) order by a;
select row(a, b) from pairs order by a;
select (row(a, b)).f2 from pairs order by a;
select row_to_json(row(a, b)), to_jsonb(row(a, b)) from pairs order by a;
select row(p.*) from pairs p order by a;
select p from pairs p where p.a = 1;
select p = p, p < row(5, 'z')::pairs from pairs p order by a;
select array[row(1, 2), row(3, 4)], row(1, 1.1) = any (array[row(7, 7.7), row(1, 1.1)]);
select (r).f1, (r).f2 from (select row(1, 2.0) as r) ss;
select (r).f3 from (select row(1, 2.0) as r) ss;
drop table pairs;
create table pp (a int, b text);
insert into pp values (1, 'x'), (2, 'y'), (3, null);
select * from pp where (a, b) = (select 1, 'x');
select * from pp where (a, b) < (select 2, 'a') order by a;
select (1, 2) = (select 1, 2), (1, 2) = (select 1, 3 where false), (1, 2) <> (select 1, 3);
select (1, 2) = (select 1);
select (1, 2) = (select 1, 2, 3);
select (1, 2) = (select a, a from pp);
select p.a, (p.a, p.b) = (select q.a, q.b from pp q where q.a = p.a) from pp p order by 1;
drop table pp;
