-- BEFORE INSERT triggers returning a modified row (stored, counted, checked on the modified row) or NULL; AFTER row triggers fire after the statement's rows
create table m (a int not null, b text check (b <> 'bad'), c int default 7);
create function mod1() returns trigger language plpgsql as $$
begin
  raise notice 'mod1 %', NEW;
  NEW.b := coalesce(NEW.b, 'filled');
  if NEW.a < 0 then return null; end if;
  NEW.a := NEW.a * 10;
  return NEW;
end $$;
create function show() returns trigger language plpgsql as $$
begin
  raise notice '% % %', TG_NAME, TG_WHEN, NEW;
  return NEW;
end $$;
create trigger t1 before insert on m for each row execute function mod1();
create trigger t2 before insert on m for each row execute function show();
create trigger t3 after insert on m for each row execute function show();
insert into m values (1, null), (2, 'x'), (-1, 'skip');
insert into m select g, 'g' from generate_series(3, 4) g;
select * from m order by a;
insert into m values (5, 'bad');
create function badnull() returns trigger language plpgsql as $$
begin NEW.a := null; return NEW; end $$;
create trigger t0 before insert on m for each row execute function badnull();
insert into m values (8, 'y');
drop trigger t0 on m;
do $$ begin insert into m values (9, 'z'); raise notice 'found %', found; end $$;
select * from m order by a;
-- partitions: the modified row must satisfy the partition's constraint
create table p (a int, b text) partition by list (a);
create table p1 partition of p for values in (1);
create table p2 partition of p for values in (2);
create function bump() returns trigger language plpgsql as $$
begin NEW.a := NEW.a + 1; return NEW; end $$;
create trigger p1bump before insert on p1 for each row execute function bump();
insert into p values (1, 'one');
insert into p1 values (1, 'one');
insert into p values (2, 'two');
select tableoid::regclass, * from p;
-- AFTER row triggers see the statement's final state
create table q (a int);
create function cnt() returns trigger language plpgsql as $$
begin raise notice 'row % sees % rows', NEW.a, (select count(*) from q); return null; end $$;
create trigger qa after insert on q for each row execute function cnt();
insert into q values (1), (2), (3);
do $$ begin insert into q values (6), (7); raise notice 'after insert'; end $$;
