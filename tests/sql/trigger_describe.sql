-- psql's \d trigger sections
create table dt (a int, b text);
create function df() returns trigger language plpgsql as $$ begin return NEW; end $$;
create trigger t1 before insert or update of b, a on dt for each row when (new.a > 5) execute function df('x', 'it''s');
create trigger t2 after delete or truncate on dt for each statement execute function df();
create trigger t3 after update on dt for each row execute function df();
create trigger t4 after insert on dt for each row execute function df();
alter table dt disable trigger t3;
alter table dt enable always trigger t4;
\d dt
drop table dt;
