-- FOR EACH STATEMENT and TRUNCATE triggers, WHEN conditions, UPDATE OF, firing order by name, CREATE TRIGGER errors
create table st (a int, b text);
create function stf() returns trigger language plpgsql as $$
begin
  raise notice '% % % % % new=% old=%', TG_NAME, TG_WHEN, TG_LEVEL, TG_OP, TG_TABLE_NAME, NEW, OLD;
  return null;
end $$;
create function rowf() returns trigger language plpgsql as $$
begin
  raise notice 'row % % % new=% old=%', TG_NAME, TG_WHEN, TG_OP, NEW, OLD;
  if TG_OP = 'DELETE' then return OLD; end if;
  return NEW;
end $$;
create trigger st_bi before insert on st for each statement execute function stf();
create trigger st_ai after insert on st for each statement execute function stf();
create trigger st_bu before update on st for each statement execute function stf();
create trigger st_au after update of b on st for each statement execute function stf();
create trigger st_bd before delete or truncate on st for each statement execute function stf();
create trigger st_ad after delete on st for each statement execute function stf();
create trigger st_at after truncate on st for each statement execute function stf();
insert into st values (1, 'x'), (2, 'y');
update st set a = a + 1;
update st set b = 'z' where a = 3;
delete from st where a = 99;
truncate st;
insert into st values (1, 'x'), (2, 'y');
create trigger r2 before update on st for each row when (old.a <> new.a) execute function rowf();
create trigger r1 before update on st for each row execute function rowf();
create trigger r3 after update of b on st for each row execute function rowf();
create trigger r0 after insert on st for each row when (new.a > 5) execute function rowf();
update st set a = a;
update st set a = a + 10 where a = 1;
update st set b = 'q' where a = 2;
insert into st values (3, 'three'), (7, 'seven');
truncate st;
-- errors
create trigger e1 after insert on st for each row when (old.a = 1) execute function rowf();
create trigger e2 after delete on st for each row when (new.a = 1) execute function rowf();
create trigger e3 after delete on st for each statement when (a = 1) execute function rowf();
create trigger e4 after delete on st for each statement when (old.a = 1) execute function rowf();
create trigger e5 before update on st for each row when (new.xmin = '1') execute function rowf();
create trigger e6 before truncate on st for each row execute function rowf();
create trigger e7 instead of insert on st for each row execute function rowf();
create trigger e8 after update of nope on st for each row execute function rowf();
create trigger e9 after update of a, a on st for each row execute function rowf();
create trigger e10 after update on st for each row when (1) execute function rowf();
create trigger e11 after update on st for each row when (exists (select 1)) execute function rowf();
drop table st;
drop function rowf();
-- row triggers of a partitioned table fire on its partitions; statement triggers on the target
create table pt (a int, b text) partition by range (a);
create table pt1 partition of pt for values from (0) to (10);
create table pt2 (b text, a int);
alter table pt attach partition pt2 for values from (10) to (20);
create function rowf() returns trigger language plpgsql as $$
begin
  raise notice 'row % % % on % new=% old=%', TG_NAME, TG_WHEN, TG_OP, TG_TABLE_NAME, NEW, OLD;
  if TG_OP = 'DELETE' then return OLD; end if;
  return NEW;
end $$;
create function skipf() returns trigger language plpgsql as $$
begin
  raise notice 'skip % on %', TG_OP, TG_TABLE_NAME;
  return null;
end $$;
create trigger pt_ai after insert on pt for each row execute function rowf();
create trigger pt_bu before update on pt for each row execute function rowf();
create trigger pt_s after insert or update or delete on pt for each statement execute function skipf();
insert into pt values (1, 'one'), (15, 'fifteen');
update pt set b = b || '!';
create trigger zz before delete on pt2 for each row execute function skipf();
delete from pt;
select * from pt order by a;
insert into pt1 values (2, 'two');
drop trigger pt_ai on pt;
insert into pt values (3, 'three');
select * from pt order by a;
create view ptv as select * from pt;
create trigger e12 after update on ptv for each row execute function rowf();
create trigger e13 after truncate on ptv for each statement execute function rowf();
drop view ptv;
drop table pt;
