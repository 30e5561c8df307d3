-- EXPLAIN names range-table entries uniquely as PostgreSQL's set_rtable_names: x, x_1, ...
create table eua_t (a int);
explain (costs off) select * from eua_t union all select * from eua_t;
explain (costs off) select * from eua_t x union all select * from eua_t x union all select * from eua_t x;
create view eua_v as
  select * from eua_t xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy
  union all
  select * from eua_t xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxz;
explain (costs off) select * from eua_v;
drop view eua_v;
drop table eua_t;
