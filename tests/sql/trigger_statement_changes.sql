-- statement triggers created or dropped just before a DML (same batch, PL/pgSQL, rolled back)
create table h (a int);
create function hf() returns trigger language plpgsql as $$ begin raise notice '% %', TG_NAME, TG_OP; return null; end $$;
insert into h values (0);
create trigger h1 after insert on h for each statement execute function hf(); insert into h values (1);
do $$ begin
  execute 'create trigger h2 after insert on h for each statement execute function hf()';
  insert into h values (2);
  execute 'drop trigger h1 on h';
  insert into h values (3);
end $$;
begin;
drop trigger h2 on h;
insert into h values (4);
rollback;
insert into h values (5);
drop table h;
drop function hf();
