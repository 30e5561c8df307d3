-- unnest() of an array of a named composite type in FROM expands to the type's columns.
create type ucomp as (id int, price numeric, label text);
select * from unnest(array[(10, 123.00, 'a'), (11, 99.99, 'b,"c"')]::ucomp[]) x;
select x.price, x.label from unnest(array[(10, 123.00, 'a'), (11, 99.99, 'b,"c"')]::ucomp[]) x;
select x from unnest(array[(10, 123.00, 'a'), (11, 99.99, null)]::ucomp[]) x;
select * from unnest(array[(1, 2, 'x'), null, (3, 4, 'y')]::ucomp[]) with ordinality as u(a, b);
select * from unnest('{}'::ucomp[]);
select count(*) from unnest(null::ucomp[]);
create temp table uprice (id int, active bool, price numeric);
insert into uprice values (1, false, 42), (10, false, 100), (11, true, 17.99);
create function ukey(ucomp) returns int as $$ select $1.id $$ language sql;
update uprice set active = true, price = u.price
  from unnest(array[(10, 123.00, 'p'), (11, 99.99, 'q')]::ucomp[]) u
  where uprice.id = ukey(u.*);
select * from uprice order by id;
drop function ukey(ucomp);
drop type ucomp;
