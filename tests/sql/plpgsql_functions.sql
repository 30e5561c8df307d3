-- LANGUAGE plpgsql functions and DO blocks (engine/plpgsql/).
create function return_int_input(int) returns int as $$
begin
	return $1;
end;
$$ language plpgsql stable;
select return_int_input(1) in (10, 9, 2, 8, 3, 7, 4, 6, 5, 1);
select return_int_input(null::int);
create function tattle(x int, y int) returns bool
volatile language plpgsql as $$
begin
  raise notice 'x = %, y = %', x, y;
  return x > y;
end$$;
select tattle(9, 8), tattle(1, 2);
create function fact(n int) returns numeric language plpgsql as $$
declare r numeric := 1; i int;
begin
  for i in 1..n loop r := r * i; end loop;
  if r > 100 then raise notice 'big %', r; elsif r > 10 then raise notice 'medium'; else raise notice 'small'; end if;
  return r;
end $$;
select fact(5), fact(3), fact(1);
create table tt(a int, b text);
insert into tt values (1,'x'),(2,'y');
create function cnt() returns int language plpgsql as $$
declare n int; rec record;
begin
  select count(*) into n from tt;
  raise notice 'count %', n;
  for rec in select * from tt order by a loop
    raise notice 'row % %', rec.a, rec.b;
  end loop;
  insert into tt values (3, 'z');
  get diagnostics n = row_count;
  return n;
end $$;
select cnt();
select * from tt order by a;
create function inverse(int) returns float8 as
$$
begin
  return 1::float8/$1;
exception
  when division_by_zero then return 0;
end$$ language plpgsql volatile;
select inverse(0), inverse(4);
create table revalidate_bug (c float8 unique);
insert into revalidate_bug values (inverse(0));
select * from revalidate_bug;
create function safe_insert(v int) returns text language plpgsql as $$
begin
  begin
    insert into tt values (v, 'new');
    perform 1 / (v - v);
  exception when others then
    raise notice 'caught % (%)', sqlerrm, sqlstate;
    return 'rolled back';
  end;
  return 'kept';
end $$;
select safe_insert(10);
select count(*) from tt where a = 10;
do $$ begin raise notice 'hello %', 1+1; end $$;
do $$ begin raise exception 'bad thing %', 42 using hint = 'fix it', errcode = 'P0002'; end $$;
do $$ declare i int := 0; begin
  while i < 10 loop
    i := i + 1;
    continue when i % 2 = 0;
    exit when i > 5;
    raise notice 'i = %', i;
  end loop;
end $$;
create function srf(n int) returns setof int language plpgsql as $$
begin
  for i in 1..n loop return next i * 10; end loop;
  return query select a from tt order by a;
end $$;
select * from srf(3);
create function nores() returns int language plpgsql as $$ begin end $$;
select nores();
create function synerr() returns int language plpgsql as $$ begin retrun 1; end $$;
create domain pos_int as int4 check (value > 0) not null;
create function doubledecrement(p1 pos_int) returns pos_int as $$
declare v pos_int := 0;
begin
    return p1;
end$$ language plpgsql;
select doubledecrement(3);
create or replace function doubledecrement(p1 pos_int) returns pos_int as $$
declare v pos_int := 1;
begin
    v := p1 - 1;
    return v - 1;
end$$ language plpgsql;
select doubledecrement(2);
select doubledecrement(3);
create function strict_into() returns int language plpgsql as $$
declare n int;
begin
  select a into strict n from tt where a > 100;
  return n;
end $$;
select strict_into();
create function dyn(t text, v int) returns int language plpgsql as $$
declare n int;
begin
  execute 'select count(*) from ' || t || ' where a >= $1' into n using v;
  return n;
end $$;
select dyn('tt', 2);
create function casetest(x int) returns text language plpgsql as $$
begin
  case x when 1 then return 'one'; when 2 then return 'two'; else return 'many'; end case;
end $$;
select casetest(1), casetest(2), casetest(5);
create domain mynums as numeric(4,2)[1];
create function array_elem_check(numeric) returns numeric as $$
declare
  x mynums;
begin
  x[1] := $1;
  return x[1];
end$$ language plpgsql;
select array_elem_check(121.00);
select array_elem_check(1.23456);
create domain orderedpair as int[2] check (value[1] < value[2]);
create function array_elem_check(int) returns int as $$
declare
  x orderedpair := '{1,2}';
begin
  x[2] := $1;
  return x[2];
end$$ language plpgsql;
select array_elem_check(3);
select array_elem_check(-1);
do $$ declare a int[]; begin a[3] := 5; a[1] := 1; raise notice '%', a; end $$;
do $$
begin
  create table made_in_do (a int primary key, b text);
  insert into made_in_do values (1, 'one');
  execute 'create table ' || 'made_dyn' || ' (x int)';
  execute format('insert into %I values ($1)', 'made_dyn') using 42;
  raise notice 'made %', (select count(*) from made_in_do);
end $$;
select * from made_in_do;
select * from made_dyn;
create function create_temp_tab() returns text language plpgsql as $$
begin
  create temp table new_table (f1 float8);
  insert into new_table values (1.5);
  return 'foo';
end $$;
select create_temp_tab();
select * from new_table;
