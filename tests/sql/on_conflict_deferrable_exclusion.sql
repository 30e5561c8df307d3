-- ON CONFLICT with deferrable arbiters (55000) and exclusion constraints named by ON CONSTRAINT (DO UPDATE: 42809).
create temp table dfr (a int unique deferrable, b int unique);
insert into dfr values (1, 1) on conflict (a) do nothing;
insert into dfr values (1, 1) on conflict (a) do update set b = 2;
insert into dfr values (1, 1) on conflict do nothing;
insert into dfr values (1, 1) on conflict (b) do nothing;
insert into dfr values (1, 1) on conflict on constraint dfr_a_key do nothing;
insert into dfr values (2, 2);
select * from dfr;
create temp table exc (c circle, exclude using gist (c with &&));
create temp table exd (c circle, exclude using gist (c with &&) deferrable);
insert into exc values ('<(0,0),1>') on conflict on constraint exc_c_excl do update set c = excluded.c;
insert into exd values ('<(0,0),1>') on conflict on constraint exd_c_excl do update set c = excluded.c;
insert into exd values ('<(0,0),1>') on conflict on constraint exd_c_excl do nothing;
insert into exd values ('<(0,0),1>') on conflict do nothing;
insert into exc values ('<(0,0),1>') on conflict on constraint exc_c_excl do update set c = excluded.zz;
select * from exd;
