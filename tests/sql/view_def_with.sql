-- pg_get_viewdef of views whose query has a WITH clause (plain, recursive, column lists,
-- [NOT] MATERIALIZED, WITH inside a set operation and inside a FROM subquery).
create table vdw_dept (id int primary key, parent_department int, name text);
insert into vdw_dept values (1, null, 'A'), (2, 1, 'B'), (3, 2, 'C'), (4, null, 'D');
create view vdw_sub as
  with recursive subdepartment as (
    select * from vdw_dept where name = 'A'
    union all
    select d.* from vdw_dept as d, subdepartment as sd
    where d.parent_department = sd.id
  )
  select * from subdepartment;
select pg_get_viewdef('vdw_sub'::regclass);
select pg_get_viewdef('vdw_sub'::regclass, true);
select * from vdw_sub order by id;
create view vdw_mat as
  with a(x, y) as materialized (select 1, 2),
       b as not materialized (select x from a where y > 0)
  select b.x from b;
select pg_get_viewdef('vdw_mat');
select pg_get_viewdef('vdw_mat', true);
select * from vdw_mat;
create view vdw_union as
  with a as (select 1 as k) select k from a union all select k + 1 from a;
select pg_get_viewdef('vdw_union', true);
select * from vdw_union order by k;
create view vdw_nested as select * from (with q as (select 1 as z) select z from q) s;
select pg_get_viewdef('vdw_nested', true);
select * from vdw_nested;
drop view vdw_sub, vdw_mat, vdw_union, vdw_nested;
drop table vdw_dept;
