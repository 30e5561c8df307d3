-- Row triggers calling PL/pgSQL trigger functions (engine/plpgsql/plpgsql_trigger.cpp).
create table pk (a int primary key, b text);
create function print_row() returns trigger language plpgsql as $$
begin
  raise notice 'TABLE: %, OP: %, WHEN: %, OLD: %, NEW: %, args %', TG_TABLE_NAME, TG_OP, TG_WHEN, OLD, NEW, TG_ARGV;
  return null;
end $$;
create trigger trig_ins after insert on pk for each row execute function print_row('x', 'y');
create trigger trig_upd after update on pk for each row execute function print_row();
create trigger trig_del after delete on pk for each row execute procedure print_row();
insert into pk values (1, 'one'), (2, 'two');
update pk set b = 'uno' where a = 1;
delete from pk where a = 2;
create function skip_odd() returns trigger language plpgsql as $$
begin
  if NEW.a % 2 = 1 then
    raise notice 'skipping %', NEW.a;
    return null;
  end if;
  return NEW;
end $$;
create trigger skip before insert on pk for each row execute function skip_odd();
insert into pk values (3, 'three'), (4, 'four');
select * from pk order by a;
drop trigger skip on pk;
drop trigger if exists skip on pk;
drop trigger skip on pk;
insert into pk values (5, 'five');
create table audit (op text, a int);
create function audit_it() returns trigger language plpgsql as $$
begin
  if TG_OP = 'DELETE' then
    insert into audit values (TG_OP, OLD.a);
    return OLD;
  end if;
  insert into audit values (TG_OP, NEW.a);
  return NEW;
end $$;
create table items (a int, b text);
create trigger items_audit before insert or update or delete on items for each row execute function audit_it();
insert into items values (1, 'a'), (2, 'b');
update items set b = 'c' where a = 2;
delete from items where a = 1;
select * from audit order by op, a;
select * from items;
create trigger bad2 after insert on nosuch for each row execute function audit_it();
create trigger bad3 after insert on items for each row execute function nosuch();
