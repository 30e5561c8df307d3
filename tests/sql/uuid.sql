-- uuid: PostgreSQL's accepted input spellings, canonical output, comparisons, casts,
-- gen_random_uuid().
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
select 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid;
select '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}'::uuid;
select 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid;
select 'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11'::uuid;
select '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1'::uuid;
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111'::uuid;
select 'a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
select 'g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
select ''::uuid;
select ' a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
create table u (id uuid primary key, note text);
insert into u values ('11111111-1111-1111-1111-111111111111', 'one'), ('{FFFFFFFF-0000-0000-0000-000000000000}', 'ff'), ('00000000000000000000000000000000', 'zero');
insert into u values ('11111111-1111-1111-1111-111111111111', 'dup');
select * from u order by id;
select * from u where id = '00000000-0000-0000-0000-000000000000';
select * from u where id > '11111111-1111-1111-1111-111111111110' order by id desc;
select id::text, length(id::text), 'ffffffff-0000-0000-0000-000000000000'::uuid = 'FFFFFFFF000000000000000000000000' from u order by 1;
select '{11111111-1111-1111-1111-111111111111,NULL}'::uuid[];
select max(id) from u;
select id = 1 from u;
select length(gen_random_uuid()::text), gen_random_uuid() <> gen_random_uuid();
select substr(gen_random_uuid()::text, 15, 1), substr(gen_random_uuid()::text, 20, 1) in ('8', '9', 'a', 'b');
select count(distinct x) from (select gen_random_uuid() x from generate_series(1, 100)) s;
drop table u;
