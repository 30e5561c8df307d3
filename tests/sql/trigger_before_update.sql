-- BEFORE UPDATE triggers returning a modified row: stored, seen by later BEFORE triggers and by AFTER triggers, checked
create table u (id int primary key, v text not null, n int check (n < 100), stamp text);
create function touch() returns trigger language plpgsql as $$
begin
  NEW.stamp := 'touched ' || OLD.v || '->' || NEW.v;
  NEW.n := coalesce(NEW.n, 0) + 1;
  return NEW;
end $$;
create function show() returns trigger language plpgsql as $$
begin raise notice '% % new=% old=%', TG_NAME, TG_WHEN, NEW, OLD; return NEW; end $$;
create function skip2() returns trigger language plpgsql as $$
begin if NEW.id = 2 then return null; end if; return NEW; end $$;
create trigger a_touch before update on u for each row execute function touch();
create trigger b_show before update on u for each row execute function show();
create trigger c_skip before update on u for each row execute function skip2();
create trigger d_after after update on u for each row execute function show();
insert into u values (1, 'one', 1), (2, 'two', 2), (3, 'three', 98);
update u set v = v || '!';
select * from u order by id;
update u set n = 99 where id = 1;
select * from u order by id;
do $$ begin update u set v = 'y' where id = 1; raise notice 'found %', found; end $$;
select * from u order by id;
