-- A column alias list on a parenthesized join: the join's columns are visible unqualified under
-- the alias's names, the inner tables' are not; PostgreSQL's HINTs for missing columns.
create temp table j1 (i int, j int, t text);
create temp table j2 (i int, k int);
insert into j1 values (1,2,'a'),(2,3,'b');
insert into j2 values (1,5),(3,6);
SELECT ii, tt, kk FROM (j1 CROSS JOIN j2) AS tx (ii, jj, tt, ii2, kk) order by 1,3;
SELECT tx.ii, tx.kk FROM (j1 CROSS JOIN j2) AS tx (ii, jj, tt, ii2, kk) order by 1,2;
SELECT i FROM (j1 CROSS JOIN j2) AS tx (ii, jj, tt, ii2, kk);
SELECT t, k FROM (j1 JOIN j2 USING (i)) AS x order by 1;
SELECT i FROM (j1 JOIN j2 USING (i)) AS x;
SELECT x.i, x.* FROM (j1 JOIN j2 USING (i)) AS x;
SELECT a, t FROM (j1 JOIN j2 USING (i)) AS x(a);
SELECT j FROM (j1 CROSS JOIN j2) AS x order by 1;
SELECT * FROM (j1 CROSS JOIN j2) AS tx (ii, jj, tt, ii2, kk) where ii = ii2;
SELECT * FROM (j1 CROSS JOIN j2) AS x, j2 where j = 2;
SELECT k FROM (j1 CROSS JOIN j2) AS x, j2 y;
select j1.x from j1 join j2 on (j1.i = j2.k);
select j1.tt from j1, j2;
select jj from j1, j2;
select kk from j1 a, j1 b;
select ii from j1, j2;
select t from j1 a, (select t as g) ss;
select * from j1 a cross join (select k as g) ss;
update j1 set j = g from (select * from j2 where k = t) ss;
delete from j1 using (select * from j2 where k = t) ss;
select (select zz from j2) from j1;
select nosuchcolumn from j1;
