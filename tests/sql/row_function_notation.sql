-- Functional notation on rows: rel.f as f(rel), f(row) as the row's field f.
create temp table fullname (first text, last text);
insert into fullname values ('Joe', 'Blow');
select f.last from fullname f;
select last(f) from fullname f;
create function longname(fullname) returns text language sql
as $$select $1.first || ' ' || $1.last$$;
select f.longname from fullname f;
select longname(f) from fullname f;
select f.nosuch from fullname f;
select nosuch(f) from fullname f;
select first(row('a','b')::fullname);
drop function longname(fullname);
drop table fullname;
