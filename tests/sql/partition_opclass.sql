CREATE FUNCTION part_hashint4_noop(value int4, seed int8)
    RETURNS int8 AS $$
    SELECT value + seed;
    $$ LANGUAGE SQL STRICT IMMUTABLE PARALLEL SAFE;
CREATE OPERATOR CLASS part_test_int4_ops FOR TYPE int4 USING hash AS
    OPERATOR 1 =,
    FUNCTION 2 part_hashint4_noop(int4, int8);
CREATE OPERATOR CLASS part_test_int4_ops FOR TYPE int4 USING hash AS
    OPERATOR 1 =,
    FUNCTION 2 part_hashint4_noop(int4, int8);
create table hash_parted (a int) partition by hash (a part_test_int4_ops);
create table hpart0 partition of hash_parted for values with (modulus 4, remainder 0);
create table hpart1 partition of hash_parted for values with (modulus 4, remainder 1);
create table hpart2 partition of hash_parted for values with (modulus 4, remainder 2);
create table hpart3 partition of hash_parted for values with (modulus 4, remainder 3);
insert into hash_parted select generate_series(1,10);
select tableoid::regclass as part, a, a % 4 as m from hash_parted order by part, a;
create table bad (b text) partition by hash (b part_test_int4_ops);
create table bad (b int) partition by hash (b nope_ops);
drop table hash_parted;
create function dummy_hashint4(a int4, seed int8) returns int8 as
$$ begin return (a + seed); end; $$ language 'plpgsql' immutable;
create operator class custom_opclass for type int4 using hash as
operator 1 = , function 2 dummy_hashint4(int4, int8);
create table hash_parted (
	a int,
	b int
) partition by hash (a custom_opclass, b custom_opclass);
create table hpart1 partition of hash_parted for values with (modulus 2, remainder 1);
create table hpart2 partition of hash_parted for values with (modulus 4, remainder 2);
create table hpart3 partition of hash_parted for values with (modulus 8, remainder 0);
create table hpart4 partition of hash_parted for values with (modulus 8, remainder 4);
insert into hpart1 values (1, 1);
insert into hpart2 values (2, 5);
insert into hpart4 values (3, 4);
update hpart1 set a = 3, b=4 where a = 1;
update hash_parted set b = b - 1 where b = 1;
update hash_parted set b = b + 8 where b = 1;
select tableoid::regclass, * from hash_parted order by 1, 2;
drop table hash_parted;
drop operator class custom_opclass using hash;
drop operator class custom_opclass using hash;
drop operator class if exists custom_opclass using hash;
drop operator class custom_opclass using foo;
CREATE FUNCTION my_int4_sort(int4,int4) RETURNS int LANGUAGE sql
  AS $$ SELECT CASE WHEN $1 = $2 THEN 0 WHEN $1 > $2 THEN 1 ELSE -1 END; $$;
CREATE OPERATOR CLASS test_int4_ops FOR TYPE int4 USING btree AS
  OPERATOR 1 < (int4,int4), OPERATOR 2 <= (int4,int4),
  OPERATOR 3 = (int4,int4), OPERATOR 4 >= (int4,int4),
  OPERATOR 5 > (int4,int4), FUNCTION 1 my_int4_sort(int4,int4);
CREATE TABLE partkey_t (a int4) PARTITION BY RANGE (a test_int4_ops);
CREATE TABLE partkey_t_1 PARTITION OF partkey_t FOR VALUES FROM (0) TO (1000);
INSERT INTO partkey_t VALUES (100);
INSERT INTO partkey_t VALUES (2000);
DROP TABLE partkey_t;
DROP OPERATOR CLASS test_int4_ops USING btree;
create table bi (a int, b text) partition by hash (a int4_ops, b text_ops);
create table bi0 partition of bi for values with (modulus 2, remainder 0);
create table bi1 partition of bi for values with (modulus 2, remainder 1);
insert into bi select g, g::text from generate_series(1, 12) g;
select tableoid::regclass, string_agg(a::text, ',' order by a) from bi group by 1 order by 1;
create table bad (a int) partition by hash (a text_ops);
drop table bi;
