-- CHECK constraints naming the tableoid system column: their default names (tableoid counts as a column).
create table sys_chk1 (a int, b bool, check (not (b and tableoid::regclass::text = 'sys_chk1')));
create table sys_chk2 (a int, check (tableoid::regclass::text <> 'x'));
create table sys_chk3 (a int, check (a > 0 and sys_chk3.tableoid <> 0));
create table sys_chk4 (a int, check (a > 0));
alter table sys_chk4 add check (a < 100 or tableoid = 0);
alter table sys_chk4 add check (tableoid <> 0);
select conrelid::regclass, conname from pg_constraint where conrelid::regclass::text like 'sys_chk%' order by 1, 2;
insert into sys_chk1 values (1, true);
drop table sys_chk1, sys_chk2, sys_chk3, sys_chk4;
