-- STABLE/IMMUTABLE functions called by INSERT/UPDATE/DELETE see the statement's snapshot:
-- none of the rows the statement itself has changed (PostgreSQL's rule); VOLATILE ones in
-- UPDATE SET see the rows changed so far.
create table snap (a int, b int);
insert into snap values (1, 10), (2, 20), (3, 30);
create function snap_sum_s() returns bigint language sql stable as 'select sum(b) from snap';
create function snap_sum_i() returns bigint language sql immutable as 'select sum(b) from snap';
create function snap_sum_v() returns bigint language sql volatile as 'select sum(b) from snap';
create function snap_sum_ps() returns bigint language plpgsql stable as 'begin return (select sum(b) from snap); end';
create function snap_sum_pv() returns bigint language plpgsql volatile as 'begin return (select sum(b) from snap); end';
create function snap_b_s(x int) returns int language sql stable as 'select b from snap where a = x';
create function snap_cnt_s() returns bigint language sql stable as 'select count(*) from snap';
create function snap_cnt_ps() returns bigint language plpgsql stable as 'begin return (select count(*) from snap); end';
create view snap_v as select a, b from snap;
create function snap_view_s() returns bigint language sql stable as 'select sum(b) from snap_v';
create function snap_outer_s() returns bigint language sql stable as 'select snap_sum_s() + 0';
create function snap_other_s() returns int language sql stable as 'select 7';

-- UPDATE SET: every row gets the pre-statement sum (STABLE/IMMUTABLE, SQL or PL/pgSQL)
begin;
update snap set b = snap_sum_s();
select * from snap order by a;
rollback;
begin;
update snap set b = snap_sum_i() + a;
select * from snap order by a;
rollback;
begin;
update snap set b = snap_sum_ps() where a > 1;
select * from snap order by a;
rollback;
-- through a view, and through another function
begin;
update snap set b = snap_view_s() + snap_outer_s();
select * from snap order by a;
rollback;
-- VOLATILE in SET: the rows updated before are visible (PostgreSQL's order here)
begin;
update snap set b = snap_sum_v();
select * from snap order by a;
rollback;
begin;
update snap set b = snap_sum_pv();
select * from snap order by a;
rollback;
-- a function of the row reading another row of the table
begin;
update snap set b = coalesce(snap_b_s(a + 1), 0) + 1;
select * from snap order by a;
rollback;
-- WHERE, with RETURNING of the target's columns
begin;
update snap set b = b + 100 where snap_sum_s() < 200 and b < snap_sum_ps() returning a, b;
rollback;
-- SET (a, b) = and several columns
begin;
update snap set (a, b) = (a + snap_cnt_s(), b + snap_cnt_ps());
select * from snap order by a;
rollback;
-- UPDATE ... FROM
create table snap_src (a int, d int);
insert into snap_src values (1, 1000), (3, 3000);
begin;
update snap set b = d + snap_sum_s() from snap_src where snap_src.a = snap.a returning snap.a, snap.b, snap_src.d;
select * from snap order by a;
rollback;
-- DELETE
begin;
delete from snap where snap_cnt_s() = 3 returning *;
rollback;
begin;
delete from snap where b < snap_sum_ps() / 3;
select * from snap order by a;
rollback;
begin;
delete from snap using snap_src where snap_src.a = snap.a and snap_cnt_ps() = 3;
select * from snap order by a;
rollback;
-- a subquery reading the target table sees the snapshot too
begin;
update snap set b = (select sum(b) from snap);
select * from snap order by a;
rollback;
-- INSERT: STABLE functions see none of the inserted rows
begin;
insert into snap values (4, snap_cnt_s()), (5, snap_cnt_ps()) returning *;
insert into snap select a + 10, snap_cnt_s() from snap returning *;
insert into snap select a + 20, b from snap where a < 10 returning *;
select count(*) from snap;
rollback;
-- functions not reading the table are not staged
begin;
update snap set b = snap_other_s() returning *;
rollback;
-- a prepared statement
prepare snap_up(int) as update snap set b = snap_sum_s() + $1 where a <> $1;
begin;
execute snap_up(2);
select * from snap order by a;
rollback;
-- RETURNING: STABLE calls see the snapshot too (computed with the staged values)
begin;
update snap set b = b + 1 returning a, snap_sum_s(), snap_b_s(a), snap_cnt_ps();
rollback;
begin;
delete from snap where a > 1 returning a, snap_sum_ps(), snap_cnt_s();
rollback;
begin;
update snap set b = snap_sum_s() where a < 3 returning *, snap_cnt_s() * 100;
rollback;
-- a STABLE function in a trigger's query sees that query's snapshot
create table snap_log (n bigint);
create function snap_trg() returns trigger language plpgsql as $$ begin insert into snap_log values (snap_cnt_s()); return new; end $$;
create trigger snap_tb before insert on snap for each row execute function snap_trg();
begin;
insert into snap values (10, 0), (11, 0);
select * from snap_log;
rollback;
drop trigger snap_tb on snap;
create trigger snap_ta after insert on snap for each row execute function snap_trg();
begin;
insert into snap values (10, 0), (11, 0);
select * from snap_log;
rollback;
drop trigger snap_ta on snap;
-- a generated column and a CHECK constraint on the staged table
create table snap_g (a int, b int check (b < 1000), c int generated always as (b * 2) stored);
insert into snap_g values (1, 1), (2, 2);
create function snap_g_max() returns int language sql stable as 'select max(b) from snap_g';
update snap_g set b = snap_g_max() + a;
select * from snap_g order by a;
update snap_g set b = snap_g_max() * 1000;
select * from snap_g order by a;
-- a correlated subquery in UPDATE SET reading the target sees the statement's snapshot
create table snap_c (a int, b int);
insert into snap_c values (1, 10), (2, 20), (3, 30);
begin;
update snap_c set b = (select sum(b) from snap_c x where x.a <> snap_c.a) returning *;
rollback;
begin;
update snap_c t set b = (select max(b) from snap_c x where x.a < t.a) returning *;
rollback;
begin;
update snap_c set b = coalesce((select b from snap_c x where x.a = snap_c.a - 1), 0) + 1 where a > 1 returning *;
rollback;
begin;
update snap_c set b = b + (select count(*) from snap_c x where x.b > 15) returning *;
rollback;
begin;
update snap_c set b = x.b + 1 from snap_c x where x.a = snap_c.a - 1 returning snap_c.*, x.b;
rollback;
-- ON CONFLICT DO UPDATE reading only the conflicting row
create table snap_u (k int primary key, v text);
insert into snap_u values (1, 'a'), (2, 'b');
insert into snap_u values (1, 'x'), (2, 'y'), (3, 'z') on conflict (k)
  do update set v = (select v || '+' || excluded.v from snap_u i where i.k = excluded.k) returning *;
insert into snap_u values (1, 'x'), (3, 'w') on conflict (k)
  do update set v = (select v || '!' from snap_u i where i.k = snap_u.k) returning *;
-- MERGE with one action statement: staged like UPDATE
create table snap_mt (k int primary key, v int);
insert into snap_mt values (1, 10), (2, 20), (3, 30);
create table snap_ms (k int);
insert into snap_ms values (2), (3), (4);
create function snap_mt_sum() returns bigint language sql stable as 'select sum(v) from snap_mt';
begin;
merge into snap_mt using snap_ms on snap_mt.k = snap_ms.k
  when matched then update set v = snap_mt_sum() + (select max(v) from snap_mt x where x.k < snap_mt.k);
select * from snap_mt order by k;
rollback;
-- staged UPDATE with BEFORE (modifying NEW, reading the table) and AFTER row triggers
create table snap_tt (a int primary key, b int, c int);
insert into snap_tt values (1, 10, 0), (2, 20, 0), (3, 30, 0);
create function snap_tt_sum() returns bigint language sql stable as 'select sum(b) from snap_tt';
create function snap_tt_bt() returns trigger language plpgsql as $$ begin new.c := (select count(*) from snap_tt where b > 25); return new; end $$;
create trigger snap_tt_b before update on snap_tt for each row execute function snap_tt_bt();
create function snap_tt_at() returns trigger language plpgsql as $$ begin raise notice 'after % %', new.a, (select sum(b) from snap_tt); return null; end $$;
create trigger snap_tt_a after update on snap_tt for each row execute function snap_tt_at();
begin;
update snap_tt set b = snap_tt_sum() + a;
select * from snap_tt order by a;
rollback;
begin;
update snap_tt set b = (select max(b) from snap_tt x where x.a < snap_tt.a) where a > 1;
select * from snap_tt order by a;
rollback;
-- a query calling a data-modifying function: VOLATILE reads see its rows
create table snap_w (a int);
create function snap_w_ins(x int) returns int language sql volatile as 'insert into snap_w values (x) returning x';
create function snap_w_cnt_v() returns bigint language sql volatile as 'select count(*) from snap_w';
select g, snap_w_ins(g), snap_w_cnt_v() from generate_series(1, 3) g;
select count(*) from snap_w;
