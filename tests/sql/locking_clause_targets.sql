-- FOR UPDATE/SHARE OF names: PostgreSQL's errors for a join, a WITH query or a name not in FROM.
create temp table t1 (a int, b int);
create temp table t2 (a int, b int);
create temp table t3 (x int, y int);
insert into t1 values (1, 2); insert into t2 values (1, 3); insert into t3 values (5, 6);
select foo.*, unnamed_join.* from t1 join t2 using (a) as foo, t3 as unnamed_join for update of foo;
select bar.*, unnamed_join.* from (t1 join t2 using (a) as foo) as bar, t3 as unnamed_join for update of foo;
select bar.*, unnamed_join.* from (t1 join t2 using (a) as foo) as bar, t3 as unnamed_join for update of bar;
select * from t1, t3 for update of t1;
select * from t1 x, t3 for share of x, t3;
select * from t1 x for update of t1;
select * from t1 for no key update of nosuch;
select * from (select * from t1) ss for update of ss;
select * from t1 join t2 on true for key share of t2;
with w as (select * from t1) select * from w for update of w;
