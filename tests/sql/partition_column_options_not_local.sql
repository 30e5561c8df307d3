-- PARTITION OF (col WITH OPTIONS): the column stays inherited only (attislocal false), so dropping it from the parent drops it.
create table pct (a int, b char, c int) partition by list (a);
create table pct_1 partition of pct (b default 'x', c not null) for values in (1, 2);
select attname, attislocal, attinhcount, attnotnull from pg_attribute where attrelid = 'pct_1'::regclass and attnum > 0 order by attnum;
alter table pct drop c;
select attname from pg_attribute where attrelid = 'pct_1'::regclass and attnum > 0 and not attisdropped order by attnum;
insert into pct (a) values (1);
select * from pct;
drop table pct;
