-- FOR EACH STATEMENT triggers of DML run by PL/pgSQL and of data-modifying WITH queries
create table s1 (a int);
create function sf() returns trigger language plpgsql as $$
begin raise notice '% % %', TG_NAME, TG_WHEN, TG_OP; return null; end $$;
create trigger s1_b before insert or update or delete on s1 for each statement execute function sf();
create trigger s1_a after insert or update or delete on s1 for each statement execute function sf();
do $$
begin
  insert into s1 values (1);
  update s1 set a = 2;
  execute 'delete from s1';
  raise notice 'done';
end $$;
create function g() returns void language plpgsql as $$ begin insert into s1 values (5); end $$;
select g();
with w as (insert into s1 values (7) returning *) select * from w;
drop table s1;
drop function sf();
drop function g();
