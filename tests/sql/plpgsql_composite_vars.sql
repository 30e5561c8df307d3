-- PL/pgSQL variables of composite types (CREATE TYPE, a table's row type, %ROWTYPE):
-- field assignment, returning them, and aggregates whose state is such a value.
create type pcv_state as (total bigint, count bigint);
create table pcv_tab (a int, b text);
create function pcv_step(state pcv_state, n int) returns pcv_state as $$
declare new_state pcv_state;
begin
  if state is null then
    new_state.total := n;
    new_state.count := 1;
    return new_state;
  end if;
  state.total := state.total + n;
  state.count := state.count + 1;
  return state;
end $$ language plpgsql;
create function pcv_final(state pcv_state) returns int4 as $$
begin
  return state.total / state.count;
end $$ language plpgsql;
select pcv_step(null, 3);
select pcv_step(pcv_step(null, 3), 5);
select (pcv_step(null, 4)).total;
create aggregate pcv_avg(int4) (stype = pcv_state, sfunc = pcv_step, finalfunc = pcv_final);
select pcv_avg(x) from (values (1), (3), (8)) t(x);
create aggregate pcv_acc(int4) (stype = pcv_state, sfunc = pcv_step);
select pcv_acc(x) from (values (1), (3)) t(x);
create function pcv_row() returns pcv_tab as $$
declare r pcv_tab%rowtype;
begin
  r.a := 1;
  r.b := 'one';
  return r;
end $$ language plpgsql;
select pcv_row();
create function pcv_row2() returns pcv_tab as $$
declare
  r pcv_tab;
  s pcv_tab;
begin
  r.a := 2;
  s.b := 'two';
  raise notice 'r=% s=%', r, s;
  return r;
end $$ language plpgsql;
select pcv_row2();
create function pcv_unset() returns pcv_tab as $$
declare r pcv_tab;
begin
  return r;
end $$ language plpgsql;
select pcv_unset() is null;
do $$
declare r pcv_state;
begin
  r.count := 7;
  raise notice '%', r;
end $$;
drop aggregate pcv_avg(int4);
drop aggregate pcv_acc(int4);
drop function pcv_step, pcv_final, pcv_row, pcv_row2, pcv_unset;
drop table pcv_tab;
drop type pcv_state;
