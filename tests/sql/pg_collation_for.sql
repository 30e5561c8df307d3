-- pg_collation_for(any): the argument's derived collation as generate_collation_name prints it.
select pg_collation_for('foo'::text);
select pg_collation_for('foo');
select pg_collation_for('foo' collate "C");
select pg_collation_for('foo' collate "POSIX");
select pg_collation_for('foo' collate ucs_basic);
select pg_collation_for('foo' collate "C.utf8");
select pg_collation_for(1);
select pg_collation_for(null::text) is null as n;
create temp table coll_for_t (a text collate "POSIX", b varchar(5), c name);
insert into coll_for_t values ('x', 'y', 'z');
select pg_collation_for(a), pg_collation_for(b), pg_collation_for(c), pg_collation_for(a || 'q') from coll_for_t;
select pg_collation_for(percentile_disc(1) within group (order by x collate "POSIX"))
  from (values ('fred'),('jim')) v(x);
select pg_collation_for(max(a)) from coll_for_t;
select pg_collation_for(count(*)) from coll_for_t;
