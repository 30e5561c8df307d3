-- ON CONFLICT (col) naming no column: PostgreSQL's HINT (EXCLUDED is searched only for DO UPDATE).
create temp table ict (key int primary key, fruit text);
insert into ict values (1, 'Apple') on conflict (keyy) do update set fruit = excluded.fruit;
insert into ict as t values (1, 'Apple') on conflict (fruitt) do nothing;
insert into ict values (1, 'Apple') on conflict (zzzzzz) do nothing;
insert into ict values (1, 'Apple') on conflict (key) do update set fruit = excluded.fruitt;
