-- SQL functions returning a composite type in FROM: one column per field of the type,
-- whether the body returns the whole row or the fields; whole-row references to the item.
create temp table i8 (q1 int8, q2 int8);
create function mki8(bigint, bigint) returns i8 as
$$select row($1,$2)::i8$$ language sql;
select * from mki8(1,2);
select * from mki8(1,2) as m(a);
select m from mki8(1,2) m;
create table foo (f1 int, f2 text, f3 int);
insert into foo values (1,'a',2),(2,'b',3);
CREATE FUNCTION foo_f() RETURNS SETOF foo AS  $$ SELECT * FROM foo OFFSET 0 $$ LANGUAGE sql STABLE;
UPDATE foo SET f2 = foo_f.f2 || 'x' FROM foo_f() WHERE foo_f.f1 = foo.f1  RETURNING foo_f;
select * from foo_f();
create function f3() returns foo as $$ select 1, 'x', 3 $$ language sql;
select * from f3();
create function f4() returns foo as $$ select null::foo $$ language sql;
select * from f4();
create function f5() returns foo as $$ select * from foo where false $$ language sql;
select * from f5();
select x.f2, f3.f1 from f3() as x, f3();
select * from foo_f() where f1 > 1;
create type ct as (a int, b text);
create function f6(int) returns setof ct as $$ select $1, 'v' union all select $1 + 1, null $$ language sql;
select * from f6(5) with ordinality;
select t.* from foo, lateral f6(foo.f1) t order by 1, 2;
create function f7() returns ct as $$ select 1, 2, 3 $$ language sql;
select * from f7();
create function f8() returns ct as $$ select 'x'::text, 'y'::text $$ language sql;
select * from f8();
drop function f6(int);
drop type ct cascade;
drop function foo_f(), f3(), f4(), f5();
drop table foo;
