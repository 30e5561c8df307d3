-- An aggregate in the FILTER of an outer-level aggregate is nested (42803), one in the FILTER of
-- a local aggregate is not allowed in FILTER (42803).
create temp table fo_outer (u int, t int);
create temp table fo_inner (q int);
insert into fo_outer values (1, 2);
insert into fo_inner values (5);
select (select max(u) filter (where sum(t) > 0) from fo_inner) from fo_outer;
select (select max(u) filter (where bool_or(t > 0)) from fo_inner) from fo_outer;
select max(u) filter (where sum(t) > 0) from fo_outer;
select (select max(q) filter (where sum(q) > 0) from fo_inner) from fo_outer;
